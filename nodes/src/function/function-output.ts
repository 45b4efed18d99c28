import type { Item, JsonObject } from '@budflow/runtime';
import { standardize } from '../code/code-output.js';
import { operationError } from '../shared/operation-error.js';

type Raw = Record<string, unknown>;
const isObjectLike = (value: unknown): value is Raw => typeof value === 'object' && value !== null;

const isPair = (value: unknown) => isObjectLike(value) && Number.isInteger(value.item);

/** A pairing the engine understands: an index, `{ item, input? }` or a list of those. */
function isPairing(value: unknown): value is Item['pairedItem'] {
  return Number.isInteger(value) || isPair(value) || (Array.isArray(value) && value.every(isPair));
}

/** n8n's `normalizeItems`: a bare object or a list of bare objects becomes items; `{ binary }` splits out. */
function normalize(result: unknown): unknown[] {
  if (result === undefined || result === null)
    throw operationError('No data got returned. Always return an Array of items!');
  const list = Array.isArray(result)
    ? result
    : isObjectLike(result)
      ? [result.json ? result : { json: result }]
      : undefined;
  if (!list) throw operationError('Always an Array of items has to be returned!');
  const has = (key: string) => (item: unknown) => isObjectLike(item) && key in item;
  if (list.every(has('json'))) return list;
  if (list.some(has('json'))) throw operationError('Inconsistent item format');
  if (list.every(has('binary'))) return (list as Raw[]).map(({ binary, ...json }) => ({ json, binary }));
  if (list.some(has('binary'))) throw operationError('Inconsistent item format');
  return list.map((json) => ({ json }));
}

/** The items a Function node's code returned, checked as n8n checks them; other objects in json become strings. */
export function functionOutput(result: unknown): Item[] {
  return normalize(result).map((raw) => {
    const entry = raw as Raw;
    if (entry.json === undefined)
      throw operationError('All returned items have to contain a property named "json"!');
    if (!isObjectLike(entry.json)) throw operationError('The json-property has to be an object!');
    if (entry.binary !== undefined && (!isObjectLike(entry.binary) || Array.isArray(entry.binary)))
      throw operationError('The binary-property has to be an object!');
    const item: Item = { json: standardize(entry.json as JsonObject) };
    if (entry.binary !== undefined) item.binary = structuredClone(entry.binary) as Item['binary'];
    if (isPairing(entry.pairedItem)) item.pairedItem = structuredClone(entry.pairedItem);
    return item;
  });
}
