import type { FastifyInstance } from 'fastify';
import type { TriggerSink } from '../ports.js';
import { sharedPlugin } from './shared-plugin.js';

/**
 * `/healthz`: the process serves HTTP (liveness; never shed, never depends on NATS or Redis, so a broker
 * outage does not restart every replica). `/readyz`: routes are loaded and the intake takes triggers.
 */
export const healthPlugin = sharedPlugin(
  'budflow-health',
  async (app: FastifyInstance, deps: { sink: TriggerSink; ready: () => boolean }) => {
    app.get('/healthz', async () => ({ status: 'ok' }));
    app.get('/readyz', async (_request, reply) => {
      const routes = deps.ready();
      const intake = deps.sink.healthy();
      return reply
        .code(routes && intake ? 200 : 503)
        .send({ status: routes && intake ? 'ready' : 'not ready', routes, intake });
    });
  },
);
