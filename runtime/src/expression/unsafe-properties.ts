// n8n's list (constructor, prototype, __proto__, getPrototypeOf) plus the legacy accessors that read or
// define getters past a Proxy: any of them leads from a value to Function and out of the sandbox.
const UNSAFE_PROPERTIES: ReadonlySet<string> = new Set([
  '__proto__',
  'prototype',
  'constructor',
  'getPrototypeOf',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
]);

/** True for property names expressions may not read, write or destructure. */
export function isUnsafeProperty(name: string): boolean {
  return UNSAFE_PROPERTIES.has(name);
}
