import { z } from 'zod';

/** A parameter written as an expression (`={{ ... }}`), accepted wherever a value is. */
export const expressionString = z.string().regex(/^=/, 'expected an expression starting with =');

/**
 * Builders for node parameter schemas. Every leaf also accepts an expression string, since n8n lets any
 * parameter be an expression; the value's type is checked again after evaluation by the node.
 */
export const param = {
  string: () => z.string(),
  number: () => z.union([z.number(), expressionString]),
  boolean: () => z.union([z.boolean(), expressionString]),
  options: <const T extends readonly [string, ...string[]]>(values: T) => z.union([z.enum(values), expressionString]),
  json: () => z.unknown(),
  /** A free-form object (n8n collections and fixedCollections the node reads itself) */
  object: () => z.record(z.string(), z.unknown()),
};

/** The parameters object of a node type: unknown keys are kept (n8n exports carry UI-only keys). */
export function parameters<T extends z.ZodRawShape>(shape: T) {
  return z.looseObject(shape);
}
