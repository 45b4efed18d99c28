import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import { gatewayConfig } from './config.js';
import type { GatewayDeps } from './gateway-deps.js';
import { GatewayMetrics } from './gateway-metrics.js';
import { errorHandler } from './plugins/error-handler.js';
import { healthPlugin } from './plugins/health.js';
import { metricsPlugin } from './plugins/metrics.js';
import { webhooks } from './plugins/webhooks.js';

/**
 * The gateway as a fastify app, built from its dependencies and not yet listening (tests call
 * `app.inject()`; `serveDirectory` and `main.ts` call `listen`). Server timeouts are set against slow
 * clients: headers, whole request, idle keep-alive, and a socket timeout above the response wait.
 */
export async function buildApp(deps: GatewayDeps): Promise<FastifyInstance> {
  const config = gatewayConfig(deps.config);
  const metrics = deps.metrics ?? new GatewayMetrics();
  const clock = deps.clock ?? { now: Date.now };
  const app = Fastify({
    ...(deps.logger ? { loggerInstance: deps.logger } : { logger: false }),
    bodyLimit: config.bodyLimitBytes,
    requestTimeout: config.requestTimeoutMs,
    keepAliveTimeout: config.keepAliveTimeoutMs,
    connectionTimeout: config.responseTimeoutMs + config.requestTimeoutMs,
    trustProxy: config.trustProxy,
    exposeHeadRoutes: false,
    return503OnClosing: true,
    genReqId: () => randomUUID(),
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 500 },
  });
  app.server.headersTimeout = config.headersTimeoutMs;
  await app.register(errorHandler);
  await app.register(metricsPlugin, { metrics });
  await app.register(healthPlugin, { sink: deps.sink, ready: deps.ready ?? (() => true) });
  await app.register(webhooks, {
    config,
    routes: deps.routes,
    sink: deps.sink,
    responses: deps.responses,
    secrets: deps.secrets,
    replays: deps.replays,
    store: deps.store,
    metrics,
    clock,
    newId: deps.newId ?? randomUUID,
    ...(deps.redis ? { redis: deps.redis } : {}),
  });
  return app;
}
