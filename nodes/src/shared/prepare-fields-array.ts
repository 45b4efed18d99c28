import { operationError } from './operation-error.js';

/**
 * A list of field names from a comma-separated parameter (or a list given by an expression), as n8n's
 * `prepareFieldsArray` reads it: trimmed, empty entries dropped.
 */
export function prepareFieldsArray(fields: unknown, fieldName = 'Fields'): string[] {
  if (typeof fields === 'string') {
    return fields
      .split(',')
      .map((entry) => entry.trim())
      .filter((entry) => entry !== '');
  }
  if (Array.isArray(fields)) return fields.map(String);
  throw operationError(
    `The '${fieldName}' parameter must be a string of fields separated by commas or an array of strings.`,
  );
}
