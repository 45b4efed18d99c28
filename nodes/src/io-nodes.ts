import type { NodeType } from '@budflow/runtime';
import { convertToFile } from './convert-to-file/convert-to-file.js';
import { extractFromFile } from './extract-from-file/extract-from-file.js';
import { html } from './html/html.js';
import { httpRequest } from './http-request/http-request.js';
import { markdown } from './markdown/markdown.js';
import { readWriteFile } from './read-write-file/read-write-file.js';
import { respondToWebhook } from './respond-to-webhook/respond-to-webhook.js';
import { webhook } from './webhook/webhook.js';
import { xml } from './xml/xml.js';

/** See registry.ts: the io group of nodes. */
export const IO_NODES: readonly NodeType[] = [
  webhook,
  respondToWebhook,
  httpRequest,
  readWriteFile,
  convertToFile,
  extractFromFile,
  html,
  markdown,
  xml,
];
