import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { GatewayConfig } from '../config.js';
import { sharedPlugin } from './shared-plugin.js';

/**
 * Bodies arrive as raw bytes (every media type, within the body limit), so a signature can be checked over
 * exactly what was sent and the Webhook node's parsing rules apply after (request/parse-body.ts); multipart
 * uploads are streamed by @fastify/multipart with per-file and count limits.
 */
export const bodyParsers = sharedPlugin(
  'budflow-body-parsers',
  async (app: FastifyInstance, { config }: { config: GatewayConfig }) => {
    app.removeAllContentTypeParsers();
    app.addContentTypeParser(
      '*',
      { parseAs: 'buffer', bodyLimit: config.bodyLimitBytes },
      (_request, body, done) => {
        done(null, body);
      },
    );
    await app.register(multipart, {
      limits: {
        fileSize: config.bodyLimitBytes,
        files: config.multipart.maxFiles,
        fields: config.multipart.maxFields,
        fieldSize: config.bodyLimitBytes,
      },
      throwFileSizeLimit: true,
    });
  },
);
