import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';
import { GatewayError } from '../errors.js';
import type { GatewayMetrics } from '../gateway-metrics.js';
import type { RateLimit } from '../routes/webhook-settings.js';
import { sharedPlugin } from './shared-plugin.js';

type Scope = 'webhook' | 'client';

/**
 * Two limits per webhook, counted by @fastify/rate-limit's store: all callers together (`rateLimit.webhook`)
 * and each client address (`rateLimit.client`, else the gateway's default). Counters live in memory, or in
 * Redis so that every replica counts together. Over a limit: 429 with Retry-After, counted by scope.
 * (The plugin's own hook runs once per request, so both checks use `createRateLimit` and answer here.)
 */
export const rateLimits = sharedPlugin(
  'budflow-rate-limits',
  async (
    app: FastifyInstance,
    deps: { metrics: GatewayMetrics; redis?: Redis; defaultClient?: RateLimit },
  ) => {
    await app.register(rateLimit, {
      global: false,
      ...(deps.redis ? { redis: deps.redis, nameSpace: 'budflow-webhook-rl:' } : {}),
    });
    const limitOf = (request: FastifyRequest, scope: Scope): RateLimit | undefined =>
      request.webhook?.route.settings.rateLimit[scope] ??
      (scope === 'client' ? deps.defaultClient : undefined);
    const checks = (['webhook', 'client'] as const).map((scope) => ({
      scope,
      check: app.createRateLimit({
        keyGenerator: (request) => {
          const route = request.webhook?.route;
          const base = `${scope}|${route?.kind}|${route?.id}`;
          return scope === 'client' ? `${base}|${request.ip}` : base;
        },
        allowList: (request) => limitOf(request, scope) === undefined,
        max: async (request) => limitOf(request, scope)?.max ?? Number.MAX_SAFE_INTEGER,
        timeWindow: async (request) => limitOf(request, scope)?.windowMs ?? 60_000,
      }),
    }));
    app.addHook('onRequest', async (request) => {
      for (const { scope, check } of checks) {
        const result = await check(request);
        if (result.isAllowed || !result.isExceeded) continue;
        deps.metrics.rateLimited.inc({ webhook: request.webhook?.route.id ?? 'none', scope });
        throw new GatewayError('BF_ERR_WEBHOOK_RATE_LIMITED', {
          headers: { 'retry-after': String(Math.max(1, result.ttlInSeconds)) },
        });
      }
    });
  },
);
