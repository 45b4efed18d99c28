import underPressure from '@fastify/under-pressure';
import type { FastifyInstance } from 'fastify';
import type { GatewayConfig } from '../config.js';
import { GatewayError } from '../errors.js';
import type { GatewayMetrics } from '../gateway-metrics.js';
import type { TriggerSink } from '../ports.js';
import { sharedPlugin } from './shared-plugin.js';

/**
 * Refuses webhook calls with 503 and Retry-After before the process falls over (event-loop delay or
 * utilization, heap, RSS, via @fastify/under-pressure) and while the intake cannot take triggers (NATS down,
 * the local engine full). Registered in the webhook context only: health and metrics stay served.
 */
export const loadShedding = sharedPlugin(
  'budflow-load-shedding',
  async (
    app: FastifyInstance,
    deps: { config: GatewayConfig; metrics: GatewayMetrics; sink: TriggerSink },
  ) => {
    const { pressure } = deps.config;
    const retryAfter = { 'retry-after': String(pressure.retryAfterSeconds) };
    await app.register(underPressure, {
      maxEventLoopDelay: pressure.maxEventLoopDelayMs,
      maxEventLoopUtilization: pressure.maxEventLoopUtilization,
      maxHeapUsedBytes: pressure.maxHeapUsedBytes,
      maxRssBytes: pressure.maxRssBytes,
      sampleInterval: pressure.sampleIntervalMs,
      pressureHandler: async (_request, _reply, type) => {
        deps.metrics.shed.inc({ reason: type });
        throw new GatewayError('BF_ERR_WEBHOOK_OVERLOADED', { headers: retryAfter });
      },
    });
    app.addHook('onRequest', async () => {
      if (deps.sink.healthy()) return;
      deps.metrics.shed.inc({ reason: 'intake' });
      throw new GatewayError('BF_ERR_WEBHOOK_INTAKE_UNAVAILABLE', { headers: retryAfter });
    });
  },
);
