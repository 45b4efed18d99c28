import type { RateLimit } from './routes/webhook-settings.js';

/** Tunables of the gateway; `main.ts` or `budflow serve` read them once from flags and the environment. */
export interface GatewayConfig {
  /** Largest request body, multipart included (n8n's N8N_PAYLOAD_SIZE_MAX: 16 MiB) */
  bodyLimitBytes: number;
  /** lastNode/responseNode: how long a caller waits before getting 202 and the execution id */
  responseTimeoutMs: number;
  /**
   * Binary data larger than this goes to the data store and the item keeps a reference. Default 0: every uploaded
   * file or binary body goes to the data store, never into the trigger message; `budflow serve` (one process, no
   * messages) keeps them inline up to the body limit.
   */
  binaryInlineLimitBytes: number;
  /** Time to receive a whole request (slow-body attacks) */
  requestTimeoutMs: number;
  /** Time to receive the request headers (slowloris) */
  headersTimeoutMs: number;
  /** Idle keep-alive connections are closed after this; above the usual 60 s of load balancers */
  keepAliveTimeoutMs: number;
  /** Base of `$json.webhookUrl` (`https://hooks.example.com`); default: from the request's Host */
  publicUrl?: string;
  /** Trust X-Forwarded-* from these proxy addresses or CIDRs (true: any) (fastify's trustProxy) */
  trustProxy: boolean | string | string[];
  /** Per-client limit of webhooks that set none */
  defaultClientRateLimit?: RateLimit;
  /** Load shedding (@fastify/under-pressure); 0 turns a check off */
  pressure: {
    maxEventLoopDelayMs: number;
    maxEventLoopUtilization: number;
    maxHeapUsedBytes: number;
    maxRssBytes: number;
    sampleIntervalMs: number;
    retryAfterSeconds: number;
  };
  multipart: { maxFiles: number; maxFields: number };
}

export const DEFAULT_GATEWAY_CONFIG: GatewayConfig = {
  bodyLimitBytes: 16 * 1024 * 1024,
  responseTimeoutMs: 30_000,
  binaryInlineLimitBytes: 0,
  requestTimeoutMs: 60_000,
  headersTimeoutMs: 15_000,
  keepAliveTimeoutMs: 65_000,
  trustProxy: false,
  pressure: {
    maxEventLoopDelayMs: 1_000,
    maxEventLoopUtilization: 0,
    maxHeapUsedBytes: 0,
    maxRssBytes: 0,
    sampleIntervalMs: 1_000,
    retryAfterSeconds: 5,
  },
  multipart: { maxFiles: 20, maxFields: 1_000 },
};

/** Defaults with `partial` over them (one level deep for the nested groups). */
export function gatewayConfig(partial: Partial<GatewayConfig> = {}): GatewayConfig {
  return {
    ...DEFAULT_GATEWAY_CONFIG,
    ...partial,
    pressure: { ...DEFAULT_GATEWAY_CONFIG.pressure, ...partial.pressure },
    multipart: { ...DEFAULT_GATEWAY_CONFIG.multipart, ...partial.multipart },
  };
}
