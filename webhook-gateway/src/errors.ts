/**
 * The gateway's catalogue of coded errors, in the manner of fastify's FST_ERR_*: every error a caller can see
 * has a stable code, an HTTP status and a message that names no secret and no internal detail.
 */
export const GATEWAY_ERRORS = {
  BF_ERR_WEBHOOK_NOT_FOUND: { statusCode: 404, message: 'The requested webhook is not registered' },
  BF_ERR_WEBHOOK_METHOD_NOT_ALLOWED: {
    statusCode: 405,
    message: 'This webhook is not registered for this HTTP method',
  },
  BF_ERR_WEBHOOK_AUTH_REQUIRED: { statusCode: 401, message: 'Authorization is required' },
  BF_ERR_WEBHOOK_AUTH_INVALID: { statusCode: 403, message: 'Authorization data is wrong' },
  BF_ERR_WEBHOOK_CREDENTIALS_MISSING: {
    statusCode: 500,
    message: 'The credentials of this webhook are not available',
  },
  BF_ERR_WEBHOOK_BODY_TOO_LARGE: { statusCode: 413, message: 'The request body is too large' },
  BF_ERR_WEBHOOK_BODY_INVALID: { statusCode: 400, message: 'The request body cannot be parsed' },
  BF_ERR_WEBHOOK_MEDIA_TYPE: { statusCode: 415, message: 'This webhook does not accept this content type' },
  BF_ERR_WEBHOOK_RATE_LIMITED: { statusCode: 429, message: 'Too many requests, retry later' },
  BF_ERR_WEBHOOK_OVERLOADED: { statusCode: 503, message: 'The service is overloaded, retry later' },
  BF_ERR_WEBHOOK_INTAKE_UNAVAILABLE: {
    statusCode: 503,
    message: 'The workflow could not be started, retry later',
  },
  BF_ERR_WEBHOOK_WORKFLOW_FAILED: { statusCode: 500, message: 'Error in workflow' },
  BF_ERR_WEBHOOK_NO_RESPONSE_ITEM: { statusCode: 500, message: 'No item to return was found' },
  BF_ERR_WEBHOOK_TIMEOUT: { statusCode: 408, message: 'The request took too long to arrive' },
  BF_ERR_INTERNAL: { statusCode: 500, message: 'Internal error' },
} as const satisfies Record<string, { statusCode: number; message: string }>;

export type GatewayErrorCode = keyof typeof GATEWAY_ERRORS;

/** An error with a catalogue code; its message is safe to send, `cause` is logged and never sent. */
export class GatewayError extends Error {
  override readonly name = 'GatewayError';
  readonly statusCode: number;
  /** Extra response headers (Allow, Retry-After, WWW-Authenticate) */
  readonly headers: Record<string, string>;

  constructor(
    readonly code: GatewayErrorCode,
    options: { cause?: unknown; headers?: Record<string, string>; message?: string } = {},
  ) {
    super(
      options.message ?? GATEWAY_ERRORS[code].message,
      options.cause !== undefined ? { cause: options.cause } : {},
    );
    this.statusCode = GATEWAY_ERRORS[code].statusCode;
    this.headers = options.headers ?? {};
  }

  /** The JSON body sent for this error. */
  toJSON(): { code: string; message: string } {
    return { code: this.code, message: this.message };
  }
}

/** True for errors from this catalogue. */
export function isGatewayError(error: unknown): error is GatewayError {
  return error instanceof GatewayError;
}
