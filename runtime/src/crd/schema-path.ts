import { StructuralSchemaError, type StructuralSchema } from './structural-schema.js';

/** A path of property names; `[]` steps into array items. */
export type SchemaPath = readonly string[];

/** The schema node at `path`; throws when the zod source no longer has it, so a rename cannot drop a rule silently. */
export function schemaAt(root: StructuralSchema, path: SchemaPath): StructuralSchema {
  let node = root;
  for (const [index, step] of path.entries()) {
    const next = step === '[]' ? node.items : node.properties?.[step];
    if (next === undefined)
      throw new StructuralSchemaError(path.slice(0, index + 1).join('.'), 'not in the schema');
    node = next;
  }
  return node;
}

/** Adds Kubernetes-only keywords (list types, bounds, CEL rules) to the node at `path`; CEL rules accumulate. */
export function annotate(root: StructuralSchema, path: SchemaPath, extra: StructuralSchema): void {
  const node = schemaAt(root, path);
  const rules = [...(node['x-kubernetes-validations'] ?? []), ...(extra['x-kubernetes-validations'] ?? [])];
  Object.assign(node, extra);
  if (rules.length > 0) node['x-kubernetes-validations'] = rules;
}
