import { operationError } from '../shared/operation-error.js';
import { describeValue, validateFieldType } from '../shared/validate-field-type.js';

/**
 * A field value converted to its declared type (Edit Fields v3): strings are stringified, other types
 * parsed ('3' → 3, '[1]' → [1]); with `ignoreErrors` an unconvertible value is kept as it is.
 */
export function validateEntry(
  name: string,
  type: string,
  value: unknown,
  itemIndex: number,
  ignoreErrors: boolean,
  typeVersion: number,
): { name: string; value: unknown } {
  if (typeVersion >= 3.2 && (value === undefined || value === null)) return { name, value: null };
  const description = `To fix the error try to change the type for the field "${name}" or activate the option “Ignore Type Conversion Errors” to apply a less strict type validation`;

  if (type === 'string') {
    if (typeVersion > 3 && (value === undefined || value === null)) {
      if (ignoreErrors) return { name, value: null };
      throw operationError(
        `'${name}' expects a ${type} but we got ${describeValue(value)} [item ${itemIndex}]`,
        {
          description,
          itemIndex,
        },
      );
    }
    value = typeof value === 'object' ? JSON.stringify(value) : String(value);
  }

  const result = validateFieldType(name, value, type);
  if (!result.valid) {
    if (ignoreErrors) return { name, value: value ?? null };
    throw operationError(`${result.errorMessage} [item ${itemIndex}]`, { description, itemIndex });
  }
  return { name, value: result.newValue ?? null };
}
