import { z } from 'zod';
import { param, parameters } from '@budflow/runtime';
import type { JsonObject } from '@budflow/runtime';

/** The comparator n8n puts into a new Sort node's code. */
export const DEFAULT_SORT_CODE = `// The two items to compare are in the variables a and b
	// Access the fields in a.json and b.json
	// Return -1 if a should go before b
	// Return 1 if b should go before a
	// Return 0 if there's no difference

	fieldName = 'myField';

	if (a.json[fieldName] < b.json[fieldName]) {
	return -1;
	}
	if (a.json[fieldName] > b.json[fieldName]) {
	return 1;
	}
	return 0;`;

/** One field to sort by, as Sort and Item Lists write it. */
export const sortFieldSchema = z.looseObject({
  fieldName: param.string().default(''),
  order: param.options(['ascending', 'descending']).default('ascending'),
});

const sortParameters = parameters({
  type: param.options(['simple', 'random', 'code']).default('simple'),
  sortFieldsUi: z.looseObject({ sortField: z.array(sortFieldSchema).optional() }).default({}),
  code: param.string().default(DEFAULT_SORT_CODE),
  options: z.looseObject({ disableDotNotation: param.boolean().optional() }).default({}),
});

/** The parameters of Sort (typeVersion 1), with n8n's defaults. */
export function sortParametersFor(_typeVersion: number): z.ZodType<JsonObject> {
  return sortParameters;
}
