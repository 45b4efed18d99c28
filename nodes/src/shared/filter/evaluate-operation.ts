import type { DateTime } from 'luxon';

/** `/pattern/flags` or a bare pattern, as n8n reads regex operands. */
export function parseRegex(pattern: string): RegExp {
  const match = /^\/(.*?)\/([gimusy]*)$/.exec(pattern || '');
  return match ? new RegExp(match[1]!, match[2]) : new RegExp(pattern || '');
}

function arrayContains(array: unknown[], value: unknown, ignoreCase: boolean): boolean {
  if (ignoreCase && typeof value === 'string') {
    const wanted = value.toLocaleLowerCase();
    return array.some((entry) => typeof entry === 'string' && entry.toLocaleLowerCase() === wanted);
  }
  return array.includes(value);
}

function evaluateString(
  operation: string,
  leftValue: unknown,
  rightValue: unknown,
  ignoreCase: boolean,
): boolean | undefined {
  const isRegex = operation === 'regex' || operation === 'notRegex';
  const lower = (v: unknown) => (ignoreCase && typeof v === 'string' ? v.toLocaleLowerCase() : v);
  const left = (lower(leftValue) ?? '') as string;
  const right = ((isRegex ? rightValue : lower(rightValue)) ?? '') as string;
  switch (operation) {
    case 'empty':
      return left.length === 0;
    case 'notEmpty':
      return left.length !== 0;
    case 'equals':
      return left === right;
    case 'notEquals':
      return left !== right;
    case 'contains':
      return left.includes(right);
    case 'notContains':
      return !left.includes(right);
    case 'startsWith':
      return left.startsWith(right);
    case 'notStartsWith':
      return !left.startsWith(right);
    case 'endsWith':
      return left.endsWith(right);
    case 'notEndsWith':
      return !left.endsWith(right);
    case 'regex':
      return parseRegex(right).test(left);
    case 'notRegex':
      return !parseRegex(right).test(left);
    default:
      return undefined;
  }
}

function evaluateNumber(
  operation: string,
  left: number,
  right: number,
  exists: boolean,
): boolean | undefined {
  switch (operation) {
    case 'empty':
      return !exists;
    case 'notEmpty':
      return exists;
    case 'equals':
      return left === right;
    case 'notEquals':
      return left !== right;
    case 'gt':
      return left > right;
    case 'lt':
      return left < right;
    case 'gte':
      return left >= right;
    case 'lte':
      return left <= right;
    default:
      return undefined;
  }
}

function evaluateDateTime(
  operation: string,
  left: DateTime | undefined,
  right: DateTime | undefined,
  exists: boolean,
): boolean | undefined {
  if (operation === 'empty') return !exists;
  if (operation === 'notEmpty') return exists;
  if (!left || !right) return false;
  const [l, r] = [left.toMillis(), right.toMillis()];
  switch (operation) {
    case 'equals':
      return l === r;
    case 'notEquals':
      return l !== r;
    case 'after':
      return l > r;
    case 'before':
      return l < r;
    case 'afterOrEquals':
      return l >= r;
    case 'beforeOrEquals':
      return l <= r;
    default:
      return undefined;
  }
}

function evaluateBoolean(
  operation: string,
  left: unknown,
  right: unknown,
  exists: boolean,
): boolean | undefined {
  switch (operation) {
    case 'empty':
      return !exists;
    case 'notEmpty':
      return exists;
    case 'true':
      return left as boolean;
    case 'false':
      return !left;
    case 'equals':
      return left === right;
    case 'notEquals':
      return left !== right;
    default:
      return undefined;
  }
}

function evaluateArray(
  operation: string,
  leftValue: unknown,
  right: unknown,
  ignoreCase: boolean,
): boolean | undefined {
  const left = (leftValue ?? []) as unknown[];
  const length = right as number;
  switch (operation) {
    case 'contains':
      return arrayContains(left, right, ignoreCase);
    case 'notContains':
      return !arrayContains(left, right, ignoreCase);
    case 'lengthEquals':
      return left.length === length;
    case 'lengthNotEquals':
      return left.length !== length;
    case 'lengthGt':
      return left.length > length;
    case 'lengthLt':
      return left.length < length;
    case 'lengthGte':
      return left.length >= length;
    case 'lengthLte':
      return left.length <= length;
    case 'empty':
      return left.length === 0;
    case 'notEmpty':
      return left.length !== 0;
    default:
      return undefined;
  }
}

function evaluateObject(operation: string, left: unknown): boolean | undefined {
  const isEmpty = !left || Object.keys(left).length === 0;
  if (operation === 'empty') return isEmpty;
  if (operation === 'notEmpty') return !isEmpty;
  return undefined;
}

/** The result of one operator on converted values; undefined when n8n does not know the operator. */
export function evaluateOperation(
  type: string,
  operation: string,
  left: unknown,
  right: unknown,
  ignoreCase: boolean,
): boolean | undefined {
  const exists = left !== undefined && left !== null && !Number.isNaN(left);
  if (operation === 'exists') return exists;
  if (operation === 'notExists') return !exists;
  switch (type) {
    case 'string':
      return evaluateString(operation, left, right, ignoreCase);
    case 'number':
      return evaluateNumber(operation, left as number, right as number, exists);
    case 'dateTime':
      return evaluateDateTime(operation, left as DateTime | undefined, right as DateTime | undefined, exists);
    case 'boolean':
      return evaluateBoolean(operation, left, right, exists);
    case 'array':
      return evaluateArray(operation, left, right, ignoreCase);
    case 'object':
      return evaluateObject(operation, left);
    default:
      return undefined;
  }
}
