import { describe, expect, it } from 'vitest';
import { GATEWAY_ERRORS, GatewayError } from './errors.js';
import { toGatewayError } from './plugins/error-handler.js';

describe('the error catalogue', () => {
  it.each(Object.keys(GATEWAY_ERRORS) as Array<keyof typeof GATEWAY_ERRORS>)(
    '%s has an HTTP status and a message naming nothing internal',
    (code) => {
      const error = new GatewayError(code, { cause: new Error('secret detail') });
      expect(error.statusCode).toBe(GATEWAY_ERRORS[code].statusCode);
      expect(JSON.stringify(error.toJSON())).not.toContain('secret detail');
    },
  );

  it.each([
    [{ statusCode: 413, code: 'FST_ERR_CTP_BODY_TOO_LARGE' }, 'BF_ERR_WEBHOOK_BODY_TOO_LARGE'],
    [{ statusCode: 415, code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE' }, 'BF_ERR_WEBHOOK_MEDIA_TYPE'],
    [{ statusCode: 406, code: 'FST_INVALID_MULTIPART_CONTENT_TYPE' }, 'BF_ERR_WEBHOOK_BODY_INVALID'],
    [new Error('boom'), 'BF_ERR_INTERNAL'],
  ])('translates fastify errors: %j', (error, code) => {
    expect(toGatewayError(Object.assign(new Error('x'), error)).code).toBe(code);
  });
});
