import type { FastifyInstance } from 'fastify';
import type { GatewayMetrics } from '../gateway-metrics.js';
import { sharedPlugin } from './shared-plugin.js';

/** Counts and times every webhook call (by route, after it is answered) and serves `/metrics`. */
export const metricsPlugin = sharedPlugin(
  'budflow-metrics',
  async (app: FastifyInstance, { metrics }: { metrics: GatewayMetrics }) => {
    app.addHook('onResponse', async (request, reply) => {
      const url = request.routeOptions.url;
      if (url !== '/webhook/*' && url !== '/webhook-test/*') return;
      const route = request.webhook?.route;
      const webhook = route?.id ?? 'none';
      metrics.requests.inc({ webhook, method: request.method, status: String(reply.statusCode) });
      metrics.duration.observe(
        { webhook, response_mode: route?.settings.responseMode ?? 'none' },
        reply.elapsedTime / 1000,
      );
    });
    app.get('/metrics', async (_request, reply) => {
      const text = await metrics.registry.metrics();
      return reply.header('content-type', metrics.registry.contentType).send(text);
    });
  },
);
