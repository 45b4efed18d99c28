import { basename, extname } from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import mime from 'mime-types';
import type { BinaryData, Item } from '@budflow/runtime';
import { operationError } from './operation-error.js';

/** n8n's IBinaryData as our nodes write it: the bytes inline as base64, with n8n's descriptive fields. */
export interface N8nBinaryData extends BinaryData {
  /** json, html, image, audio, video, text or pdf (n8n's `fileType`) */
  fileType?: string;
  directory?: string;
}

export interface PrepareBinaryOptions {
  /** A file name or path; its base name becomes `fileName`, its extension `fileExtension`. */
  fileName?: string | undefined;
  mimeType?: string | undefined;
}

/**
 * Wraps bytes as n8n's `prepareBinaryData` does: the MIME type is the one given, else guessed from the file
 * name, else sniffed from the bytes, else `text/plain`; the extension follows the MIME type unless the name
 * has one. `fileSize` is the byte count (our BinaryData contract), not n8n's human-readable string.
 */
export async function prepareBinaryData(
  buffer: Buffer,
  options: PrepareBinaryOptions = {},
): Promise<N8nBinaryData> {
  let mimeType = options.mimeType || undefined;
  let fileExtension: string | undefined;
  const path = options.fileName?.split('?')[0];
  if (!mimeType && path) mimeType = mime.lookup(path) || undefined;
  if (!mimeType) {
    const sniffed = await fileTypeFromBuffer(buffer);
    if (sniffed) {
      mimeType = sniffed.mime;
      fileExtension = sniffed.ext;
    }
  }
  if (!fileExtension && mimeType) fileExtension = mime.extension(mimeType) || undefined;
  mimeType ??= 'text/plain';
  const binary: N8nBinaryData = { mimeType, data: buffer.toString('base64'), fileSize: buffer.length };
  const fileType = fileTypeFromMimeType(mimeType);
  if (fileType) binary.fileType = fileType;
  if (fileExtension) binary.fileExtension = fileExtension;
  if (path) {
    binary.fileName = basename(path);
    const dot = extname(path).slice(1);
    if (dot) binary.fileExtension = dot;
    const directory = path.slice(0, path.length - binary.fileName.length).replace(/\/$/, '');
    if (directory) binary.directory = directory;
  }
  return binary;
}

/** n8n's coarse file type for a MIME type. */
export function fileTypeFromMimeType(mimeType: string): string | undefined {
  if (mimeType.startsWith('application/json')) return 'json';
  if (mimeType.startsWith('text/html')) return 'html';
  if (mimeType.startsWith('image/')) return 'image';
  if (mimeType.startsWith('audio/')) return 'audio';
  if (mimeType.startsWith('video/')) return 'video';
  if (mimeType.startsWith('text/') || mimeType.startsWith('application/javascript')) return 'text';
  if (mimeType.startsWith('application/pdf')) return 'pdf';
  return undefined;
}

/** The binary entry `name` of an item, or n8n's error when the item has none by that name. */
export function assertBinaryData(item: Item | undefined, name: string, itemIndex: number): BinaryData {
  if (item?.binary === undefined) {
    throw operationError('expected this node to receive binary data, but it did not', {
      itemIndex,
      description: 'Make sure that the previous node outputs binary data',
    });
  }
  const binary = item.binary[name];
  if (binary === undefined) {
    throw operationError(
      `This operation expects the node's input data to contain a binary file '${name}', but none was found [item ${itemIndex}]`,
      {
        itemIndex,
        description: 'Make sure that the previous node outputs a binary file',
      },
    );
  }
  return binary;
}

/**
 * The bytes of a binary entry. Entries kept by reference are read into the items before a node that declares
 * `readsBinaryData` runs (runtime hydrateBinaryData); reaching here with one means the node did not declare it.
 */
export function binaryToBuffer(binary: BinaryData, itemIndex: number): Buffer {
  if (binary.data !== undefined) return Buffer.from(binary.data, 'base64');
  throw operationError(
    `Binary data '${binary.id ?? '?'}' is stored by reference and cannot be read by this node`,
    {
      itemIndex,
      description: 'Only binary data carried inline (base64 in the item) is supported here',
    },
  );
}
