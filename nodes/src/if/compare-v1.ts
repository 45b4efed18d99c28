/** The comparisons of If v1 (and Switch v1/v2 rules), with n8n's loose, value-or-default semantics. */
type Value = unknown;

const isDateObject = (value: Value) => Object.prototype.toString.call(value) === '[object Date]';

function isEmpty(value: Value): boolean {
  if (value === undefined || value === null || value === '' || Number.isNaN(value)) return true;
  if (typeof value === 'object' && !isDateObject(value)) return Object.entries(value as object).length === 0;
  return isDateObject(value) && Number.isNaN((value as Date).getTime());
}

function toRegex(pattern: Value): RegExp {
  const text = String(pattern || '');
  const match = /^\/(.*?)\/([gimusy]*)$/.exec(text);
  return match ? new RegExp(match[1]!, match[2]) : new RegExp(text);
}

// n8n compares with `(value || 0)` and friends; the casts keep that JavaScript comparison as it is.
const num = (value: Value) => (value || 0) as number;
const text = (value: Value) => String(value || '');

export const compareV1: Record<string, (value1: Value, value2: Value) => boolean> = {
  after: (a, b) => num(a) > num(b),
  before: (a, b) => num(a) < num(b),
  contains: (a, b) => text(a).includes(text(b)),
  notContains: (a, b) => !text(a).includes(text(b)),
  endsWith: (a, b) => (a as string).endsWith(b as string),
  notEndsWith: (a, b) => !(a as string).endsWith(b as string),
  equal: (a, b) => a === b,
  notEqual: (a, b) => a !== b,
  larger: (a, b) => num(a) > num(b),
  largerEqual: (a, b) => num(a) >= num(b),
  smaller: (a, b) => num(a) < num(b),
  smallerEqual: (a, b) => num(a) <= num(b),
  startsWith: (a, b) => (a as string).startsWith(b as string),
  notStartsWith: (a, b) => !(a as string).startsWith(b as string),
  isEmpty: (a) => isEmpty(a),
  isNotEmpty: (a) => !isEmpty(a),
  regex: (a, b) => toRegex(b).test(text(a)),
  notRegex: (a, b) => !toRegex(b).test(text(a)),
};
