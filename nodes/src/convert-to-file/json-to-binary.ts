import iconv from 'iconv-lite';
import type { JsonObject } from '@budflow/runtime';
import { getPath } from '../shared/object-path.js';
import { operationError } from '../shared/operation-error.js';
import { prepareBinaryData } from '../shared/binary-data.js';
import type { N8nBinaryData } from '../shared/binary-data.js';

export interface JsonToBinaryOptions {
  /** Field (dot path) holding the value; the whole data when absent */
  sourceKey?: string;
  fileName?: string | undefined;
  mimeType?: string | undefined;
  encoding?: string | undefined;
  addBOM?: boolean | undefined;
  dataIsBase64?: boolean;
  format?: boolean | undefined;
  itemIndex: number;
}

const BASE64 = /^[A-Za-z0-9+/=_-]+$/;
const DATA_URI = /^data:(.*?);base64,(.*)$/s;

/**
 * n8n's createBinaryFromJson: a value (or the whole data) becomes a file. Text is encoded with iconv (objects
 * as JSON, optionally pretty), base64 strings (also data: URIs) are decoded; a file without a name is `file.<ext>`.
 */
export async function jsonToBinary(
  data: JsonObject | JsonObject[],
  options: JsonToBinaryOptions,
): Promise<N8nBinaryData> {
  const value = options.sourceKey ? getPath(data, options.sourceKey) : data;
  if (value === undefined) {
    throw operationError(`The value in "${options.sourceKey}" is not set`, { itemIndex: options.itemIndex });
  }
  let mimeType = options.mimeType || undefined;
  let buffer: Buffer;
  if (!options.dataIsBase64) {
    let text = value as string;
    if (typeof value === 'object') {
      mimeType = 'application/json';
      text = options.format ? JSON.stringify(value, null, 2) : JSON.stringify(value);
    }
    buffer = iconv.encode(String(text), options.encoding || 'utf8', { addBOM: options.addBOM === true });
  } else {
    let base64 = typeof value === 'string' ? value : String(value ?? '');
    const dataUri = DATA_URI.exec(base64.trim());
    if (dataUri) {
      const mediaType = dataUri[1]!.split(';')[0]!.trim();
      if (!mimeType && mediaType) mimeType = mediaType;
      base64 = dataUri[2]!;
    }
    const cleaned = base64.replace(/\s+/g, '');
    if (cleaned.length > 0 && !BASE64.test(cleaned)) {
      throw operationError(
        'The provided string is not valid base64 data. If you are trying to write plain text to a file, use the "Convert to Text File" operation instead.',
        { itemIndex: options.itemIndex },
      );
    }
    buffer = Buffer.from(base64, 'base64');
  }
  const binary = await prepareBinaryData(buffer, { fileName: options.fileName, mimeType });
  if (!binary.fileName) binary.fileName = `file${binary.fileExtension ? `.${binary.fileExtension}` : ''}`;
  return binary;
}
