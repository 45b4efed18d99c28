import { ApiException } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import {
  AlreadyExistsError,
  apiError,
  ConflictError,
  KubeApiError,
  NotFoundError,
  toTypedError,
} from './typed-errors.js';

const request = { method: 'PUT', path: '/apis/budflow.io/v1alpha1/namespaces/ns/workflows/wf/status' };
const status = (code: number, reason: string) =>
  JSON.stringify({ kind: 'Status', code, reason, message: `${reason}!` });

describe('typed API errors', () => {
  it.each([
    { code: 404, reason: 'NotFound', type: NotFoundError },
    { code: 409, reason: 'Conflict', type: ConflictError },
    { code: 409, reason: 'AlreadyExists', type: AlreadyExistsError },
    { code: 422, reason: 'Invalid', type: KubeApiError },
  ])('$code $reason → $type.name carrying the raw error', ({ code, reason, type }) => {
    const error = apiError(code, status(code, reason), request);
    expect(error).toBeInstanceOf(type);
    const raw = error instanceof KubeApiError ? error : ((error as Error).cause as KubeApiError);
    expect(raw).toBeInstanceOf(KubeApiError);
    expect(raw).toMatchObject({ code, reason });
    expect((error as Error).message).toContain(`${reason}!`);
  });

  it('maps client-node ApiException the same way, keeping it as cause', () => {
    const exception = new ApiException(409, 'Conflict', status(409, 'Conflict'), {});
    const error = toTypedError(exception);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).cause).toBe(exception);
  });

  it('leaves other errors alone', () => {
    const error = new Error('ECONNREFUSED');
    expect(toTypedError(error)).toBe(error);
  });

  it('copes with a body that is not a Status', () => {
    const error = apiError(503, 'service unavailable', request) as KubeApiError;
    expect(error).toMatchObject({ code: 503, reason: '' });
    expect(error.message).toBe(`service unavailable (${request.method} ${request.path})`);
  });
});
