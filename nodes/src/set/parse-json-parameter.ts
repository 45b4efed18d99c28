import type { JsonObject, NodeExecutionContext } from '@budflow/runtime';
import { operationError } from '../shared/operation-error.js';

/**
 * Parses the JSON of Edit Fields' JSON mode or of an object field; like n8n it retries once after
 * repairing common slips (single quotes, unquoted keys, trailing commas).
 */
export function parseJsonParameter(json: unknown, itemIndex: number, entryName?: string): JsonObject {
  const location = entryName ? `entry "${entryName}" inside 'Fields to Set'` : "'JSON Output'";
  let data: unknown = json;
  if (typeof json === 'string') {
    try {
      data = JSON.parse(json);
    } catch {
      const repaired = json
        .replace(/'/g, '"')
        .replace(/(['"])?([a-zA-Z0-9_]+)(['"])?:/g, '"$2":')
        .replace(/,\s*([\]}])/g, '$1')
        .replace(/,+$/, '');
      try {
        data = JSON.parse(repaired);
      } catch {
        throw operationError(`The ${location} in item ${itemIndex} contains invalid JSON`, {
          description: repaired === json ? json : `${repaired};\n Original input: ${json}`,
          itemIndex,
        });
      }
    }
  }
  if (data === undefined || data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw operationError(`The ${location} in item ${itemIndex} does not contain a valid JSON object`, {
      itemIndex,
    });
  }
  return data as JsonObject;
}

/** The `{{ ... }}` parts of a template, in order. */
export function templateSegments(template: string): string[] {
  return template.match(/{{[\s\S]*?}}/g) ?? [];
}

/**
 * Fills each `{{ ... }}` of a JSON template with its value for the item, objects as JSON, so the result can
 * be parsed as JSON (n8n's `resolveRawData`).
 */
export function resolveJsonTemplate(ctx: NodeExecutionContext, template: string, itemIndex: number): string {
  let text = template;
  for (const segment of templateSegments(template)) {
    const value = ctx.evaluateExpression(segment, itemIndex);
    const replacement = typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
    text = text.replace(segment, () => replacement);
  }
  return text;
}
