import { randomUUID } from 'node:crypto';
import type { KubeConfig } from '@kubernetes/client-node';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { jetstream } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import type { NodeTypeRegistry, Workflow } from '@budflow/runtime';
import { createNodeRegistry } from '@budflow/nodes';
import { JetStreamDataStore } from '@budflow/runner';
import { createKubeJsonClient, ResourceInformer, WORKFLOWS } from '@budflow/operator';
import { buildApp } from '../build-app.js';
import type { GatewayConfig } from '../config.js';
import { GatewayMetrics } from '../gateway-metrics.js';
import { MemoryReplayGuard } from '../local/memory-replay-guard.js';
import { JetStreamTriggerSink } from '../nats/jetstream-trigger-sink.js';
import { NatsResponseWaiter } from '../nats/nats-response-waiter.js';
import { ensureTriggerStream } from '../nats/trigger-wire.js';
import { RedisReplayGuard } from '../redis/redis-replay-guard.js';
import { buildRouteTable } from '../routes/build-route-table.js';
import type { RouteTableBuild } from '../routes/build-route-table.js';
import { KubeSecretSource } from './kube-secret-source.js';
import { ReplayedOutcomes } from './replayed-outcomes.js';

export interface ClusterGatewayConfig {
  kubeConfig: KubeConfig;
  natsUrl: string;
  /** Prefix of every NATS subject, stream and bucket (one BudFlow installation; the operator's) */
  prefix: string;
  /** Serve the Workflows of one namespace only (default: all) */
  namespace?: string;
  /** Shared rate-limit counters and HMAC replay keys; without it both are per replica */
  redisUrl?: string;
  /** Default 8080; 0 picks a free port */
  port?: number;
  /** Default 0.0.0.0 (a Pod behind a Service) */
  host?: string;
  registry?: NodeTypeRegistry;
  config?: Partial<GatewayConfig>;
  logger?: FastifyBaseLogger | false;
  /** Without `logger`: pino JSON logs on stdout at this level (default none) */
  logLevel?: string;
}

export interface ClusterGatewayHandle {
  url: string;
  app: FastifyInstance;
  routes(): RouteTableBuild;
  close(): Promise<void>;
}

type WorkflowObject = Workflow & { metadata: { resourceVersion?: string } };

/**
 * Cluster mode of the gateway: routes from the Workflow informer (rebuilt on every change), triggers to JetStream
 * (answered after the PubAck), outcomes from the operator over NATS, rate limits and replay keys in Redis.
 */
export async function startClusterGateway(config: ClusterGatewayConfig): Promise<ClusterGatewayHandle> {
  const registry = config.registry ?? createNodeRegistry();
  const logger =
    config.logger ?? (config.logLevel ? (pino({ level: config.logLevel }) as FastifyBaseLogger) : false);
  const nc = await connect({ servers: config.natsUrl, name: 'budflow-webhook-gateway' });
  const js = jetstream(nc);
  const redis = config.redisUrl ? new Redis(config.redisUrl, { lazyConnect: false, maxRetriesPerRequest: 2 }) : undefined;
  const informer = ResourceInformer.create<WorkflowObject>(
    config.kubeConfig,
    WORKFLOWS,
    config.namespace ? { namespace: config.namespace } : {},
    { client: createKubeJsonClient(config.kubeConfig) },
  );
  const cleanup = async () => {
    await informer.stop().catch(() => undefined);
    redis?.disconnect();
    await nc.drain().catch(() => undefined);
  };
  try {
    await ensureTriggerStream(await js.jetstreamManager(), config.prefix);
    const store = await JetStreamDataStore.open(js, config.prefix);
    const metrics = new GatewayMetrics({ defaultMetrics: true });
    let build: RouteTableBuild = buildRouteTable([], registry);
    const rebuild = () => {
      build = buildRouteTable([...informer.list(config.namespace)], registry);
      metrics.routes.set({ kind: 'production' }, build.webhooks.filter((w) => w.kind === 'production').length);
      metrics.routes.set({ kind: 'test' }, build.webhooks.filter((w) => w.kind === 'test').length);
      metrics.routeProblems.set(build.problems.length);
    };
    for (const event of ['add', 'update', 'delete'] as const) informer.on(event, () => informer.isSynced && rebuild());
    informer.start();
    await informer.hasSynced;
    rebuild();

    const intake = new ReplayedOutcomes(
      new JetStreamTriggerSink({ nc, js, prefix: config.prefix, store }),
      new NatsResponseWaiter(nc, config.prefix),
      await js.jetstreamManager(),
      config.prefix,
    );
    const app = await buildApp({
      routes: () => build.table,
      sink: intake,
      responses: intake,
      secrets: new KubeSecretSource(createKubeJsonClient(config.kubeConfig)),
      replays: redis ? new RedisReplayGuard(redis, `${config.prefix}:webhook-replay:`) : new MemoryReplayGuard(),
      store,
      metrics,
      newId: randomUUID,
      ready: () => informer.isSynced,
      ...(redis ? { redis } : {}),
      ...(config.config ? { config: config.config } : {}),
      ...(logger ? { logger } : {}),
    });
    let address: string;
    try {
      address = await app.listen({ port: config.port ?? 8080, host: config.host ?? '0.0.0.0' });
    } catch (error) {
      await app.close();
      throw error;
    }
    return {
      url: address.replace('[::1]', 'localhost'),
      app,
      routes: () => build,
      close: async () => {
        await app.close();
        await cleanup();
      },
    };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

/** Runs the cluster gateway until `signal` aborts. */
export async function runClusterGateway(
  config: ClusterGatewayConfig,
  signal: AbortSignal,
  onListening?: (handle: ClusterGatewayHandle) => void,
): Promise<void> {
  const handle = await startClusterGateway(config);
  onListening?.(handle);
  if (!signal.aborted) await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
  await handle.close();
}
