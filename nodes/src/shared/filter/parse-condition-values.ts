import { validateFieldType } from '../validate-field-type.js';
import type { ValidationResult } from '../validate-field-type.js';
import { FilterError } from './filter-value.js';
import type { FilterCondition, FilterOperatorType, FilterOptions } from './filter-value.js';

export interface ConditionPosition {
  /** Index of the condition in the filter */
  index: number;
  itemIndex: number;
}

function parseSingleValue(
  value: unknown,
  type: FilterOperatorType,
  strict: boolean,
  version: number,
): ValidationResult {
  if (type === 'any' || value === null || value === undefined) return { valid: true, newValue: value };
  if (type === 'boolean' && !strict) {
    if (version >= 2) {
      const converted = validateFieldType('filter', value, type);
      if (converted.valid) return converted;
    }
    return { valid: true, newValue: Boolean(value) };
  }
  if (type === 'number' && Number.isNaN(value)) return { valid: true, newValue: value };
  return validateFieldType('filter', value, type, { strict, parseStrings: true });
}

const withArticle = (noun: string) => `${'aeiou'.includes(noun.charAt(0)) ? 'an' : 'a'} ${noun}`;

const CONVERSION_HINT = {
  string: '.toString()',
  number: '.toNumber()',
  boolean: '.toBoolean()',
} as Record<string, string | undefined>;

function typeHint(strict: boolean): string {
  return strict
    ? "Try changing the type of comparison. Alternatively you can enable 'Convert types where required'."
    : 'Try changing the type of the comparison.';
}

function invalidTypeDescription(type: string, strict: boolean, position: 'first' | 'second'): string {
  const conversion = CONVERSION_HINT[type];
  if (!strict || !conversion) return typeHint(strict);
  return `
<p>Try either:</p>
<ol>
  <li>Enabling 'Convert types where required'</li>
  <li>Converting the ${position} field to ${withArticle(type)} by adding <code>${conversion}</code></li>
</ol>
\t\t\t`;
}

function invalidTypeMessage(type: string, value: unknown, strict: boolean, suffix: string): string {
  const fromType = (typeof value).toLocaleLowerCase();
  if (strict)
    return `Wrong type: '${String(value)}' is ${withArticle(fromType)} but was expecting ${withArticle(type)} ${suffix}`;
  return `Conversion error: the ${fromType} '${String(value)}' can't be converted to ${withArticle(type)} ${suffix}`;
}

/** Both sides of a condition converted to the operator's types, or the FilterError n8n reports. */
export function parseConditionValues(
  condition: FilterCondition,
  options: FilterOptions,
  position: ConditionPosition,
): { left: unknown; right: unknown } {
  const strict = options.typeValidation === 'strict';
  const version = options.version ?? 1;
  const { operator } = condition;
  const rightType = operator.rightType ?? operator.type;
  const left = parseSingleValue(condition.leftValue, operator.type, strict, version);
  const right = parseSingleValue(condition.rightValue, rightType, strict, version);
  const rightValid = right.valid || operator.singleValue === true;
  const suffix = `[condition ${position.index}, item ${position.itemIndex}]`;

  if (!left.valid && !rightValid && typeof condition.leftValue === typeof condition.rightValue) {
    throw new FilterError(
      `Comparison type expects ${withArticle(operator.type)} but both fields are ${withArticle(typeof condition.leftValue)}`,
      typeHint(strict),
    );
  }
  if (!left.valid) {
    throw new FilterError(
      invalidTypeMessage(operator.type, condition.leftValue, strict, suffix),
      invalidTypeDescription(operator.type, strict, 'first'),
    );
  }
  if (!rightValid) {
    throw new FilterError(
      invalidTypeMessage(rightType, condition.rightValue, strict, suffix),
      invalidTypeDescription(rightType, strict, 'second'),
    );
  }
  return { left: left.newValue, right: right.valid ? right.newValue : undefined };
}
