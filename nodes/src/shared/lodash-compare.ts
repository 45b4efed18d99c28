/**
 * lodash's `toNumber` and `lt`, which n8n's Sort, Remove Duplicates and Item Lists order values with:
 * two strings compare as strings, anything else is first converted to a number (objects through
 * `valueOf`, arrays through their text, `null` to 0, `undefined` to NaN).
 */

const BINARY = /^0b[01]+$/i;
const OCTAL = /^0o[0-7]+$/i;
const BAD_HEX = /^[-+]0x[0-9a-f]+$/i;

function isObjectLike(value: unknown): value is object {
  return value !== null && (typeof value === 'object' || typeof value === 'function');
}

/** lodash `toNumber`. */
export function lodashToNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'symbol') return NaN;
  let primitive: unknown = value;
  if (isObjectLike(primitive)) {
    const valueOf = (primitive as { valueOf?: unknown }).valueOf;
    const other: unknown =
      typeof valueOf === 'function' ? (valueOf as () => unknown).call(primitive) : primitive;
    primitive = isObjectLike(other) ? `${String(other)}` : other;
  }
  if (typeof primitive !== 'string') return primitive === 0 ? primitive : Number(primitive);
  const text = primitive.trim();
  const isBinary = BINARY.test(text);
  if (isBinary || OCTAL.test(text)) return parseInt(text.slice(2), isBinary ? 2 : 8);
  return BAD_HEX.test(text) ? NaN : Number(text);
}

/** lodash `lt`: `a < b`, as strings when both are strings, as numbers otherwise. */
export function lodashLt(a: unknown, b: unknown): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a < b;
  return lodashToNumber(a) < lodashToNumber(b);
}
