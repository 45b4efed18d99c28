import type { Item, JsonObject, NodeExecutionContext } from '@budflow/runtime';
import { composeReturnItem } from './compose-return-item.js';
import type { IncludeMode, SetOptions } from './compose-return-item.js';
import { parseJsonParameter, resolveJsonTemplate } from './parse-json-parameter.js';
import { validateEntry } from './validate-entry.js';
import { operationError } from '../shared/operation-error.js';

interface FieldEntry {
  name: string;
  type: string;
  [value: string]: unknown;
}

interface Assignment {
  name: string;
  type: string;
  value: unknown;
}

/** Per step: JSON templates written as expressions, kept raw so `{{ }}` results can be JSON-encoded. */
interface RawTemplates {
  jsonOutput?: string;
  objectFields: Record<string, string>;
}

const stripEquals = (text: string) => text.replace(/^=+/, '');

function rawTemplates(ctx: NodeExecutionContext, mode: string): RawTemplates {
  const templates: RawTemplates = { objectFields: {} };
  if (mode === 'raw') {
    const raw = ctx.getRawParameter<unknown>('jsonOutput', '');
    if (typeof raw === 'string' && raw.startsWith('=')) templates.jsonOutput = stripEquals(raw);
    return templates;
  }
  for (const entry of ctx.getRawParameter<FieldEntry[]>('fields.values', [])) {
    const raw = entry.objectValue;
    if (entry.type === 'objectValue' && typeof raw === 'string' && raw.startsWith('=')) {
      templates.objectFields[entry.name] = stripEquals(raw);
    }
  }
  return templates;
}

function manualFields(
  ctx: NodeExecutionContext,
  i: number,
  options: SetOptions,
  templates: RawTemplates,
): JsonObject {
  const typeVersion = ctx.node.typeVersion;
  const ignore = options.ignoreConversionErrors === true;
  const fields: JsonObject = {};
  if (typeVersion < 3.3) {
    for (const entry of ctx.getParameter<FieldEntry[]>('fields.values', i, [])) {
      const template = templates.objectFields[entry.name];
      if (
        entry.type === 'objectValue' &&
        template !== undefined &&
        entry.objectValue !== undefined &&
        entry.objectValue !== null
      ) {
        entry.objectValue = parseJsonParameter(resolveJsonTemplate(ctx, template, i), i, entry.name);
      }
      const { name, value } = validateEntry(
        entry.name,
        entry.type.replace('Value', ''),
        entry[entry.type],
        i,
        ignore,
        typeVersion,
      );
      fields[name] = value;
    }
    return fields;
  }
  const collection = ctx.getParameter<{ assignments?: Assignment[] } | undefined>('assignments', i);
  for (const assignment of collection?.assignments ?? []) {
    const { name, value } = validateEntry(
      assignment.name,
      assignment.type,
      assignment.value,
      i,
      ignore,
      typeVersion,
    );
    fields[name] = value;
  }
  return fields;
}

function rawFields(ctx: NodeExecutionContext, i: number, templates: RawTemplates): JsonObject {
  const json =
    templates.jsonOutput === undefined
      ? ctx.getParameter('jsonOutput', i)
      : resolveJsonTemplate(ctx, templates.jsonOutput, i);
  return parseJsonParameter(json, i);
}

function itemOptions(ctx: NodeExecutionContext, i: number): SetOptions {
  const options = { ...ctx.getParameter<Partial<SetOptions>>('options', i, {}) };
  const include = ctx.getParameter<IncludeMode>('include', i, 'all');
  const includeOthers =
    ctx.node.typeVersion < 3.3 || ctx.getParameter<boolean>('includeOtherFields', i, false);
  return { ...options, include: includeOthers ? include : 'none' };
}

function editItem(
  ctx: NodeExecutionContext,
  item: Item,
  i: number,
  mode: string,
  templates: RawTemplates,
): Item {
  const options = itemOptions(ctx, i);
  try {
    const newFields =
      mode === 'raw' ? rawFields(ctx, i, templates) : manualFields(ctx, i, options, templates);
    return composeReturnItem({
      itemIndex: i,
      item,
      newFields,
      options,
      typeVersion: ctx.node.typeVersion,
      includeFields: () => ctx.getParameter<string>('includeFields', i, ''),
      excludeFields: () => ctx.getParameter<string>('excludeFields', i, ''),
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (ctx.continueOnFail) {
      // n8n's manual mode puts the pairing inside `json` here; kept so outputs match n8n's.
      return mode === 'raw'
        ? { json: { error: message }, pairedItem: { item: i } }
        : { json: { error: message, pairedItem: { item: i } }, pairedItem: { item: i } };
    }
    const description = (error as { description?: unknown }).description;
    throw operationError(message, {
      itemIndex: i,
      cause: error,
      ...(typeof description === 'string' ? { description } : {}),
    });
  }
}

/** Edit Fields (Set) v3 – v3.4: manual fields or a JSON object, over all, some or none of the input fields. */
export function executeSetV3(ctx: NodeExecutionContext, items: Item[]): Item[][] {
  const mode = ctx.getParameter<string>('mode', 0, 'manual');
  const duplicate = ctx.getParameter<boolean>('duplicateItem', 0, false) && ctx.mode === 'manual';
  const copies = duplicate ? Number(ctx.getParameter('duplicateCount', 0, 0)) + 1 : 1;
  const templates = rawTemplates(ctx, mode);
  const output: Item[] = [];
  items.forEach((item, i) => {
    const edited = editItem(ctx, item, i, mode, templates);
    for (let copy = 0; copy < copies; copy++) output.push(copy === 0 ? edited : structuredClone(edited));
  });
  return [output];
}
