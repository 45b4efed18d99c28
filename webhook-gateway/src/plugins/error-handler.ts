import type { FastifyError, FastifyInstance } from 'fastify';
import { GatewayError, isGatewayError } from '../errors.js';
import type { GatewayErrorCode } from '../errors.js';
import { sharedPlugin } from './shared-plugin.js';

const BY_STATUS: Record<number, GatewayErrorCode> = {
  408: 'BF_ERR_WEBHOOK_TIMEOUT',
  413: 'BF_ERR_WEBHOOK_BODY_TOO_LARGE',
  415: 'BF_ERR_WEBHOOK_MEDIA_TYPE',
};

/** Translates fastify's and its plugins' errors (FST_ERR_CTP_BODY_TOO_LARGE, FST_REQ_FILE_TOO_LARGE...) into the catalogue. */
export function toGatewayError(error: unknown): GatewayError {
  if (isGatewayError(error)) return error;
  const status = (error as FastifyError).statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new GatewayError(BY_STATUS[status] ?? 'BF_ERR_WEBHOOK_BODY_INVALID', { cause: error });
  }
  return new GatewayError('BF_ERR_INTERNAL', { cause: error });
}

/**
 * One error shape for every route: `{ code, message }` from the catalogue, with its headers. Causes are
 * logged, never sent; server errors are logged at error level.
 */
export const errorHandler = sharedPlugin('budflow-error-handler', async (app: FastifyInstance) => {
  app.setErrorHandler((error, request, reply) => {
    const gatewayError = toGatewayError(error);
    if (gatewayError.statusCode >= 500)
      request.log.error({ err: error, code: gatewayError.code }, 'webhook request failed');
    else
      request.log.info(
        { code: gatewayError.code, cause: (error as Error).message },
        'webhook request refused',
      );
    void reply.code(gatewayError.statusCode).headers(gatewayError.headers).send(gatewayError.toJSON());
  });
  app.setNotFoundHandler((_request, reply) => {
    const error = new GatewayError('BF_ERR_WEBHOOK_NOT_FOUND');
    void reply.code(error.statusCode).send(error.toJSON());
  });
});
