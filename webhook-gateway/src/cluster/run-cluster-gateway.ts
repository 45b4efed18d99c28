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
import { RedisRouteSnapshots, routingView } from '../redis/redis-route-snapshots.js';
import type { RouteSnapshot, RouteSnapshotStore } from '../redis/redis-route-snapshots.js';
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
  /**
   * Share the route table's source through Redis (default true with `redisUrl`): a new replica serves the
   * routes another replica last saw at once, and the informer's view replaces them once it has listed.
   */
  routeCache?: boolean;
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
  /** Where the served routes come from: the Redis snapshot until the informer has listed, then the informer */
  routeSource(): 'cache' | 'informer';
  close(): Promise<void>;
}

type WorkflowObject = Workflow & { metadata: { resourceVersion?: string } };

/**
 * Cluster mode of the gateway: routes from the Workflow informer (rebuilt on every change), triggers to JetStream
 * (answered after the PubAck), outcomes from the operator over NATS, rate limits and replay keys in Redis.
 * With Redis, the workflows behind the route table are shared as a snapshot: a new replica serves at once from the
 * last snapshot any replica saved, and its own informer's view replaces it once listed (ADR 0009).
 */
export async function startClusterGateway(config: ClusterGatewayConfig): Promise<ClusterGatewayHandle> {
  const registry = config.registry ?? createNodeRegistry();
  const logger =
    config.logger ?? (config.logLevel ? (pino({ level: config.logLevel }) as FastifyBaseLogger) : false);
  const nc = await connect({ servers: config.natsUrl, name: 'budflow-webhook-gateway' });
  const js = jetstream(nc);
  const redis = config.redisUrl
    ? new Redis(config.redisUrl, { lazyConnect: false, maxRetriesPerRequest: 2 })
    : undefined;
  const informer = ResourceInformer.create<WorkflowObject>(
    config.kubeConfig,
    WORKFLOWS,
    config.namespace ? { namespace: config.namespace } : {},
    { client: createKubeJsonClient(config.kubeConfig) },
  );
  const log = logger || undefined;
  const snapshots: RouteSnapshotStore | undefined =
    redis && config.routeCache !== false
      ? new RedisRouteSnapshots(redis, `${config.prefix}:webhook-routes:${config.namespace ?? '*'}`)
      : undefined;
  let saveTimer: NodeJS.Timeout | undefined;
  const cleanup = async () => {
    clearTimeout(saveTimer);
    await informer.stop().catch(() => undefined);
    redis?.disconnect();
    await nc.drain().catch(() => undefined);
  };
  try {
    await ensureTriggerStream(await js.jetstreamManager(), config.prefix);
    const store = await JetStreamDataStore.open(js, config.prefix);
    const metrics = new GatewayMetrics({ defaultMetrics: true });
    let build: RouteTableBuild = buildRouteTable([], registry);
    let source: 'cache' | 'informer' = 'informer';
    const use = (workflows: readonly Workflow[]) => {
      build = buildRouteTable(workflows, registry);
      metrics.routes.set(
        { kind: 'production' },
        build.webhooks.filter((w) => w.kind === 'production').length,
      );
      metrics.routes.set({ kind: 'test' }, build.webhooks.filter((w) => w.kind === 'test').length);
      metrics.routeProblems.set(build.problems.length);
    };
    // After a burst of watch events one save, once the informer's resourceVersion has moved past them.
    const saveSnapshot = () => {
      if (!snapshots || saveTimer) return;
      saveTimer = setTimeout(() => {
        saveTimer = undefined;
        const snapshot = {
          resourceVersion: informer.latestResourceVersion(),
          savedAt: Date.now(),
          workflows: informer.list(config.namespace).map(routingView),
        };
        snapshots
          .save(snapshot)
          .catch((error: unknown) => log?.warn({ err: error }, 'route snapshot not saved to Redis'));
      }, 100);
    };
    const rebuild = () => {
      use([...informer.list(config.namespace)]);
      source = 'informer';
      saveSnapshot();
    };
    for (const event of ['add', 'update', 'delete'] as const)
      informer.on(event, () => informer.isSynced && rebuild());
    informer.start();

    const cached = await loadSnapshot(snapshots, log);
    if (cached) {
      use(cached.workflows);
      source = 'cache';
      log?.info(
        {
          routes: build.webhooks.length,
          resourceVersion: cached.resourceVersion,
          savedAt: new Date(cached.savedAt).toISOString(),
        },
        'serving the route snapshot from Redis until the Workflow informer has listed',
      );
      void informer.hasSynced.then(rebuild, () => undefined);
    } else {
      await informer.hasSynced;
      rebuild();
    }

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
      replays: redis
        ? new RedisReplayGuard(redis, `${config.prefix}:webhook-replay:`)
        : new MemoryReplayGuard(),
      store,
      metrics,
      newId: randomUUID,
      ready: () => informer.isSynced || source === 'cache',
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
      routeSource: () => source,
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

/** The shared snapshot, if there is one; Redis being away only means waiting for the informer. */
async function loadSnapshot(
  snapshots: RouteSnapshotStore | undefined,
  log: FastifyBaseLogger | undefined,
): Promise<RouteSnapshot | undefined> {
  if (!snapshots) return undefined;
  try {
    return await Promise.race([
      snapshots.load(),
      new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 2_000).unref()),
    ]);
  } catch (error) {
    log?.warn({ err: error }, 'route snapshot not loaded from Redis; waiting for the Workflow informer');
    return undefined;
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
  if (!signal.aborted)
    await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
  await handle.close();
}
