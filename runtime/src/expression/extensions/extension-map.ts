/** An n8n "data transformation function": receives the value it was called on and the call's arguments. */
export type Extension<T> = (value: T, args: readonly unknown[]) => unknown;

/** The extensions of one runtime type, under the type name n8n uses in its error messages. */
export interface ExtensionMap<T> {
  readonly typeName: string;
  readonly functions: ReadonlyMap<string, Extension<T>>;
}

/** A Map, not an object, so a name like 'toString' can never resolve to an inherited function. */
export function defineExtensions<T>(
  typeName: string,
  functions: Record<string, Extension<T>>,
): ExtensionMap<T> {
  return { typeName, functions: new Map(Object.entries(functions)) };
}
