import type { FastifyRequest } from 'fastify';
import { GatewayError } from '../errors.js';
import type { ParsedBody, ReceivedFile } from './parse-body.js';

/**
 * Reads a multipart/form-data request as n8n's Webhook node does: fields into `body` (a repeated field becomes
 * a list), files into binary properties named after their field (`files[]` → `files`, several files in one
 * field → `files0`, `files1`), or `<binaryPropertyName><n>` when that option is set. The body limit applies to
 * the sum of all parts.
 */
export async function readMultipart(
  request: FastifyRequest,
  options: { binaryPropertyName?: string; bodyLimitBytes: number },
): Promise<ParsedBody> {
  const fields: Record<string, unknown> = {};
  const uploads: Array<{ field: string; file: Omit<ReceivedFile, 'property'> }> = [];
  let total = 0;
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      const data = await part.toBuffer();
      total += data.length;
      if (total > options.bodyLimitBytes) throw new GatewayError('BF_ERR_WEBHOOK_BODY_TOO_LARGE');
      if (!part.filename && data.length === 0) continue; // an empty file input
      uploads.push({
        field: part.fieldname.replace(/\[\]$/, ''),
        file: {
          data,
          mimeType: part.mimetype || 'application/octet-stream',
          ...(part.filename ? { fileName: part.filename } : {}),
        },
      });
      continue;
    }
    const value = typeof part.value === 'string' ? part.value : String(part.value);
    total += value.length;
    if (total > options.bodyLimitBytes) throw new GatewayError('BF_ERR_WEBHOOK_BODY_TOO_LARGE');
    const name = part.fieldname;
    const existing = fields[name];
    fields[name] =
      existing === undefined
        ? value
        : Array.isArray(existing)
          ? [...(existing as unknown[]), value]
          : [existing, value];
  }
  const perField = new Map<string, number>();
  for (const { field } of uploads) perField.set(field, (perField.get(field) ?? 0) + 1);
  const seen = new Map<string, number>();
  const files = uploads.map(({ field, file }, index): ReceivedFile => {
    const n = seen.get(field) ?? 0;
    seen.set(field, n + 1);
    const property = options.binaryPropertyName
      ? `${options.binaryPropertyName}${index}`
      : (perField.get(field) ?? 0) > 1
        ? `${field}${n}`
        : field;
    return { property, ...file };
  });
  return { body: fields, files };
}
