import type { Item, JsonObject, NodeExecutionContext } from '@budflow/runtime';
import { fieldAccess } from './field-access.js';

interface ValueEntry {
  name: string;
  value: unknown;
}

/**
 * Set v1 and v2: writes boolean, then number, then string values; keeps the input fields unless
 * `keepOnlySet`. v2 turns numeric strings given as numbers into numbers. Runs once even with no input.
 */
export function executeSetV1(ctx: NodeExecutionContext, input: Item[]): Item[][] {
  const items = input.length > 0 ? input : [{ json: {} }];
  const output = items.map((item, i): Item => {
    const keepOnlySet = ctx.getParameter<boolean>('keepOnlySet', i, false);
    const options = ctx.getParameter<{ dotNotation?: boolean }>('options', i, {});
    const access = fieldAccess(options.dotNotation);
    const result: Item = { json: {}, pairedItem: { item: i } };
    if (!keepOnlySet) {
      if (item.binary !== undefined) result.binary = { ...item.binary };
      result.json = structuredClone(item.json);
    }
    const write = (json: JsonObject, entry: ValueEntry, value: unknown) =>
      access.set(json, entry.name, value);
    for (const entry of ctx.getParameter<ValueEntry[]>('values.boolean', i, []))
      write(result.json, entry, !!entry.value);
    for (const entry of ctx.getParameter<ValueEntry[]>('values.number', i, [])) {
      const numeric =
        ctx.node.typeVersion >= 2 && typeof entry.value === 'string' && !Number.isNaN(Number(entry.value));
      write(result.json, entry, numeric ? Number(entry.value) : entry.value);
    }
    for (const entry of ctx.getParameter<ValueEntry[]>('values.string', i, []))
      write(result.json, entry, entry.value);
    return result;
  });
  return [output];
}
