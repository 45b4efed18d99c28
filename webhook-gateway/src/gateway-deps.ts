import type { FastifyBaseLogger } from 'fastify';
import type { Redis } from 'ioredis';
import type { Clock, DataStore } from '@budflow/runtime';
import type { GatewayConfig } from './config.js';
import type { GatewayMetrics } from './gateway-metrics.js';
import type { ReplayGuard, ResponseWaiter, SecretSource, TriggerSink } from './ports.js';
import type { RouteTable } from './routes/route-table.js';

/** Everything `buildApp` needs, injected: adapters decide local or cluster mode. */
export interface GatewayDeps {
  /** The current route table (swapped as workflows change) */
  routes: () => RouteTable;
  sink: TriggerSink;
  responses: ResponseWaiter;
  secrets: SecretSource;
  replays: ReplayGuard;
  /** Where large binary data goes, and where response binaries by reference come from */
  store: DataStore;
  config?: Partial<GatewayConfig>;
  clock?: Clock;
  newId?: () => string;
  /** Ready to serve: routes loaded (default: always) */
  ready?: () => boolean;
  /** Shared rate-limit counters (cluster mode); default: in memory */
  redis?: Redis;
  metrics?: GatewayMetrics;
  /** A pino logger, or false for none (default) */
  logger?: FastifyBaseLogger | false;
}
