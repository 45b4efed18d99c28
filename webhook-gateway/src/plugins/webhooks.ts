import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import type { Clock, DataStore } from '@budflow/runtime';
import type { GatewayConfig } from '../config.js';
import type { GatewayMetrics } from '../gateway-metrics.js';
import type { ReplayGuard, ResponseWaiter, SecretSource, TriggerSink } from '../ports.js';
import type { RouteTable } from '../routes/route-table.js';
import { bodyParsers } from './body-parsers.js';
import { loadShedding } from './load-shedding.js';
import { rateLimits } from './rate-limits.js';
import { routeResolution } from './route-resolution.js';
import { webhookAuth } from './webhook-auth.js';
import { webhookIntake } from './webhook-intake.js';

export interface WebhooksDeps {
  config: GatewayConfig;
  routes: () => RouteTable;
  sink: TriggerSink;
  responses: ResponseWaiter;
  secrets: SecretSource;
  replays: ReplayGuard;
  store: DataStore;
  metrics: GatewayMetrics;
  clock: Clock;
  newId: () => string;
  redis?: Redis;
}

/**
 * The webhook context (encapsulated): its hooks run in registration order, cheapest refusal first:
 * shed load → find the route → rate limits → header auth → (body) → signature → intake.
 */
export async function webhooks(app: FastifyInstance, deps: WebhooksDeps): Promise<void> {
  await app.register(loadShedding, { config: deps.config, metrics: deps.metrics, sink: deps.sink });
  await app.register(routeResolution, { routes: deps.routes });
  await app.register(rateLimits, {
    metrics: deps.metrics,
    ...(deps.redis ? { redis: deps.redis } : {}),
    ...(deps.config.defaultClientRateLimit ? { defaultClient: deps.config.defaultClientRateLimit } : {}),
  });
  await app.register(bodyParsers, { config: deps.config });
  await app.register(webhookAuth, {
    secrets: deps.secrets,
    replays: deps.replays,
    metrics: deps.metrics,
    clock: deps.clock,
  });
  await webhookIntake(app, deps);
}
