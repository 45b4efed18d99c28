import type { NodeType } from '@budflow/runtime';
import { httpRequestParameters } from './http-request-parameters.js';
import { executeHttpRequestLegacy } from './http-request-legacy.js';
import { executeHttpRequestV3 } from './http-request-v3.js';

/**
 * HTTP Request: calls a URL per item and outputs the answers (JSON items, text, or files). Requests go out
 * with undici from wherever the step runs; a sandboxed runner reaches the network only when enabled for it.
 */
export const httpRequest: NodeType = {
  type: 'httpRequest',
  readsBinaryData: true,
  n8nType: 'n8n-nodes-base.httpRequest',
  displayName: 'HTTP Request',
  versions: [1, 2, 3, 4, 4.1, 4.2, 4.3, 4.4, 4.5],
  inputs: () => 1,
  outputs: () => 1,
  parameters: httpRequestParameters,
  execute: async (ctx, inputs) => {
    const items = inputs[0] ?? [];
    return [
      ctx.node.typeVersion < 3
        ? await executeHttpRequestLegacy(ctx, items)
        : await executeHttpRequestV3(ctx, items),
    ];
  },
};
