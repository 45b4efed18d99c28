import { defineExtensions } from './extension-map.js';

const toNumber = (value: boolean): number => (value ? 1 : 0);

/** n8n's boolean "data transformation functions". */
export const booleanExtensions = defineExtensions<boolean>('Boolean', {
  toBoolean: (value) => value,
  toInt: toNumber,
  toFloat: toNumber,
  toNumber,
  toDateTime: () => undefined,
});
