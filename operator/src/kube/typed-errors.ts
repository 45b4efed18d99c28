import { ApiException } from '@kubernetes/client-node';

/** The metav1.Status the apiserver answers a failed request with. */
export interface KubeStatus {
  kind?: string;
  apiVersion?: string;
  status?: string;
  message?: string;
  reason?: string;
  code?: number;
  details?: {
    name?: string;
    group?: string;
    kind?: string;
    causes?: { reason?: string; message?: string; field?: string }[];
  };
}

/** A request the apiserver answered with a non-2xx status. */
export class KubeApiError extends Error {
  override readonly name = 'KubeApiError';
  /** HTTP status code. */
  readonly code: number;
  /** metav1.StatusReason, for example `Conflict`, `NotFound`, `AlreadyExists`, `Invalid`. */
  readonly reason: string;
  readonly status: KubeStatus | undefined;

  constructor(code: number, status: KubeStatus | undefined, request?: { method: string; path: string }) {
    const where = request ? ` (${request.method} ${request.path})` : '';
    super(`${status?.message ?? `HTTP ${code}`}${where}`);
    this.code = code;
    this.reason = status?.reason ?? '';
    this.status = status;
  }
}

/** The object does not exist (404). `cause` is the raw API error. */
export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
  constructor(message: string, options: { cause: unknown }) {
    super(message, options);
  }
}

/**
 * A write lost an optimistic-concurrency race (409 Conflict): the resourceVersion it carried is stale.
 * Re-read the object and reconcile again; never retry the same write.
 */
export class ConflictError extends Error {
  override readonly name = 'ConflictError';
  constructor(message: string, options: { cause: unknown }) {
    super(message, options);
  }
}

/** A create found an object of that name already there (409 AlreadyExists). */
export class AlreadyExistsError extends Error {
  override readonly name = 'AlreadyExistsError';
  constructor(message: string, options: { cause: unknown }) {
    super(message, options);
  }
}

/**
 * Thrown by a reconcile to be retried after a fixed delay instead of the rate limiter's backoff
 * (runWorkers reads `requeueAfterMs` from any error).
 */
export class RequeueAfterError extends Error {
  override readonly name = 'RequeueAfterError';
  readonly requeueAfterMs: number;
  constructor(
    requeueAfterMs: number,
    message = `requeue after ${requeueAfterMs} ms`,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.requeueAfterMs = requeueAfterMs;
  }
}

function statusOf(body: unknown): KubeStatus | undefined {
  if (typeof body === 'string') {
    try {
      return statusOf(JSON.parse(body));
    } catch {
      return body ? { message: body } : undefined;
    }
  }
  return typeof body === 'object' && body !== null ? (body as KubeStatus) : undefined;
}

/**
 * Maps an API failure (a KubeApiError, or client-node's ApiException) to NotFoundError, ConflictError or
 * AlreadyExistsError carrying it as `cause`; anything else is returned unchanged.
 */
export function toTypedError(error: unknown): unknown {
  let code: number;
  let status: KubeStatus | undefined;
  if (error instanceof KubeApiError) {
    code = error.code;
    status = error.status;
  } else if (error instanceof ApiException) {
    code = error.code;
    status = statusOf(error.body);
  } else {
    return error;
  }
  const message = status?.message ?? (error as Error).message;
  if (code === 404) return new NotFoundError(message, { cause: error });
  if (code === 409 && status?.reason === 'AlreadyExists')
    return new AlreadyExistsError(message, { cause: error });
  if (code === 409) return new ConflictError(message, { cause: error });
  return error;
}

/** Parses a failed response body into a KubeApiError (already mapped by toTypedError). */
export function apiError(code: number, body: string, request: { method: string; path: string }): unknown {
  return toTypedError(new KubeApiError(code, statusOf(body), request));
}
