/**
 * Converts the JSON Schema that zod emits (`z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'input' })`)
 * into a Kubernetes *structural* schema: every node has a `type` (or preserves unknown fields), no
 * `additionalProperties: false`, no unions, free-form maps keep their content instead of being pruned.
 * Unknown JSON Schema keywords fail loudly, so a new zod construct cannot slip into a CRD unconverted.
 */

export type StructuralType = 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean';

/** A CEL rule in `x-kubernetes-validations`. */
export interface ValidationRule {
  rule: string;
  message: string;
  reason?: 'FieldValueInvalid' | 'FieldValueForbidden' | 'FieldValueRequired' | 'FieldValueDuplicate';
  fieldPath?: string;
}

/** The subset of apiextensions.k8s.io/v1 JSONSchemaProps that BudFlow's CRDs use. */
export interface StructuralSchema {
  type?: StructuralType;
  description?: string;
  format?: string;
  enum?: unknown[];
  default?: unknown;
  nullable?: boolean;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean;
  exclusiveMaximum?: boolean;
  multipleOf?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minItems?: number;
  maxItems?: number;
  minProperties?: number;
  maxProperties?: number;
  properties?: Record<string, StructuralSchema>;
  required?: string[];
  additionalProperties?: StructuralSchema;
  items?: StructuralSchema;
  'x-kubernetes-preserve-unknown-fields'?: true;
  'x-kubernetes-list-type'?: 'atomic' | 'set' | 'map';
  'x-kubernetes-list-map-keys'?: string[];
  'x-kubernetes-map-type'?: 'atomic' | 'granular';
  'x-kubernetes-validations'?: ValidationRule[];
}

type JsonSchema = Record<string, unknown>;

/** A zod schema that has no structural equivalent; the message names the path in the schema. */
export class StructuralSchemaError extends Error {
  constructor(path: string, problem: string) {
    super(`${path}: ${problem}`);
    this.name = 'StructuralSchemaError';
  }
}

/** Keywords copied unchanged: the apiserver reads them with the meaning JSON Schema gives them. */
const COPIED = [
  'type',
  'description',
  'enum',
  'default',
  'nullable',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minLength',
  'maxLength',
  'pattern',
  'minItems',
  'maxItems',
  'minProperties',
  'maxProperties',
  'required',
] as const;

/** Keywords handled below; any other keyword is an error. */
const HANDLED = new Set<string>([
  ...COPIED,
  'format',
  'properties',
  'additionalProperties',
  'items',
  'anyOf',
]);

/**
 * Formats the apiserver checks itself. zod's own regex for them is dropped: it is long, says nothing in
 * `kubectl explain`, and need not be RE2. `duration` is left out on purpose: zod means ISO 8601, Kubernetes means Go.
 */
const KUBERNETES_FORMATS = new Set([
  'date-time',
  'date',
  'email',
  'uri',
  'uuid',
  'hostname',
  'ipv4',
  'ipv6',
  'cidr',
  'mac',
  'byte',
]);

const TYPES = new Set<string>(['object', 'array', 'string', 'number', 'integer', 'boolean']);

/** Converts one node of zod's JSON Schema (and everything below it) into a structural schema. */
export function toStructuralSchema(source: JsonSchema, path = 'schema'): StructuralSchema {
  const schema = source.anyOf === undefined ? source : mergeUnion(source, path);
  for (const keyword of Object.keys(schema)) {
    if (!HANDLED.has(keyword)) {
      throw new StructuralSchemaError(path, `JSON Schema keyword '${keyword}' has no structural equivalent`);
    }
  }
  const out: StructuralSchema = {};
  for (const keyword of COPIED) {
    if (schema[keyword] !== undefined) Object.assign(out, { [keyword]: schema[keyword] });
  }
  if (out.type === undefined) return { ...out, 'x-kubernetes-preserve-unknown-fields': true };
  if (!TYPES.has(out.type)) {
    throw new StructuralSchemaError(path, `type '${String(out.type)}' is not a Kubernetes type`);
  }
  convertFormat(schema, out);
  if (out.type === 'integer') tightenIntegerBounds(out);
  if (schema.items !== undefined) {
    out.items = toStructuralSchema(asSchema(schema.items, `${path}[]`), `${path}[]`);
  }
  if (schema.properties !== undefined) {
    out.properties = convertProperties(asSchema(schema.properties, path), path);
  }
  convertAdditionalProperties(schema.additionalProperties, out, path);
  return out;
}

function convertProperties(properties: JsonSchema, path: string): Record<string, StructuralSchema> {
  return Object.fromEntries(
    Object.entries(properties).map(([name, child]) => [
      name,
      toStructuralSchema(asSchema(child, `${path}.${name}`), `${path}.${name}`),
    ]),
  );
}

/**
 * `false` is what pruning already does; `{}`/`true` (a free-form record or a loose object) keeps unknown fields;
 * a schema (a typed record) becomes a map. Kubernetes forbids `properties` next to a typed `additionalProperties`.
 */
function convertAdditionalProperties(value: unknown, out: StructuralSchema, path: string): void {
  if (value === undefined || value === false) return;
  if (value === true || isEmptySchema(value)) {
    out['x-kubernetes-preserve-unknown-fields'] = true;
    return;
  }
  if (out.properties !== undefined)
    throw new StructuralSchemaError(path, 'an object cannot have both properties and a typed catchall');
  out.additionalProperties = toStructuralSchema(asSchema(value, `${path}{}`), `${path}{}`);
}

function convertFormat(schema: JsonSchema, out: StructuralSchema): void {
  if (typeof schema.format !== 'string' || !KUBERNETES_FORMATS.has(schema.format)) return;
  out.format = schema.format;
  delete out.pattern;
}

/** `z.int()` adds ±MAX_SAFE_INTEGER, which is noise in a CRD; an exclusive integer bound is an inclusive one ±1. */
function tightenIntegerBounds(out: StructuralSchema): void {
  if (out.maximum === Number.MAX_SAFE_INTEGER) delete out.maximum;
  if (out.minimum === Number.MIN_SAFE_INTEGER) delete out.minimum;
  if (out.exclusiveMinimum === true && out.minimum !== undefined) out.minimum += 1;
  if (out.exclusiveMaximum === true && out.maximum !== undefined) out.maximum -= 1;
  delete out.exclusiveMinimum;
  delete out.exclusiveMaximum;
}

/**
 * A union is structural only when it is one type: identical branches (a tuple of numbers) or enums of one
 * type (a union of literals) collapse into one schema. Anything else must be reshaped in the zod source.
 */
function mergeUnion(schema: JsonSchema, path: string): JsonSchema {
  const { anyOf, ...rest } = schema;
  if (!Array.isArray(anyOf) || anyOf.length === 0)
    throw new StructuralSchemaError(path, 'anyOf must be a non-empty list');
  const branches = anyOf.map((branch) => asSchema(branch, path));
  const first = JSON.stringify(branches[0]);
  if (branches.every((branch) => JSON.stringify(branch) === first)) return { ...branches[0], ...rest };
  const type = branches[0]?.type;
  const enumsOfOneType = branches.every(
    (branch) =>
      branch.type === type &&
      Array.isArray(branch.enum) &&
      Object.keys(branch).every((k) => k === 'type' || k === 'enum'),
  );
  if (!enumsOfOneType) throw new StructuralSchemaError(path, 'a union of different shapes is not structural');
  return { type, enum: branches.flatMap((branch) => branch.enum as unknown[]), ...rest };
}

function isEmptySchema(value: unknown): boolean {
  return typeof value === 'object' && value !== null && Object.keys(value).length === 0;
}

function asSchema(value: unknown, path: string): JsonSchema {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new StructuralSchemaError(path, 'expected a schema object');
  }
  return value as JsonSchema;
}
