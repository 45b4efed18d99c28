import type { KubeConfig } from '@kubernetes/client-node';
import { connect } from '@nats-io/transport-node';
import { jetstream } from '@nats-io/jetstream';
import type { Execution, ExecutionState, NodeTypeRegistry, Workflow } from '@budflow/runtime';
import { ensureStreams, JetStreamDataStore, startHealthServer } from '@budflow/runner';
import {
  ConflictError,
  RequeueAfterError,
  createKubeJsonClient,
  createLeaseClient,
  EventRecorder,
  EXECUTIONS,
  LeaseElector,
  objectKey,
  objectPath,
  ResourceInformer,
  runWorkers,
  splitObjectKey,
  StatusWriter,
  WORKFLOWS,
  WorkQueue,
} from './kube/index.js';
import type { KubeJsonClient } from './kube/index.js';
import { JetStreamExecutionLog, JetStreamResultSource, JetStreamStepDispatcher } from './nats/index.js';
import { ExecutionHost } from './execution/execution-host.js';
import { EXECUTION_FINALIZER, reconcileExecution } from './execution/execution-reconciler.js';
import { phaseOf } from './execution/status-summary.js';
import { reconcileWorkflow } from './workflow/workflow-reconciler.js';
import { createPodIsolation } from './pods/pod-isolation.js';
import type { StepPodOptions } from './pods/build-step-pod.js';
import { OperatorMetrics } from './observability/operator-metrics.js';
import type { Logger } from './observability/logger.js';
import { WebhookExecutions } from './webhooks/webhook-executions.js';

export interface OperatorConfig {
  kubeConfig: KubeConfig;
  natsUrl: string;
  /** Prefix of every NATS subject, stream and bucket (one BudFlow installation) */
  prefix: string;
  /** Watch one namespace only (default: all) */
  namespace?: string;
  identity: string;
  lease: {
    namespace: string;
    name: string;
    durationMs: number;
    renewDeadlineMs: number;
    retryPeriodMs: number;
  };
  /** Serve /metrics, /healthz and /readyz here (0: any free port); undefined: no server */
  metricsPort?: number;
  concurrency?: number;
  /** Write the Running phase only for executions still running after this long (default 2 s) */
  runningStatusDelayMs?: number;
  registry: NodeTypeRegistry;
  logger: Logger;
  /** Told when the health server listens (its port) */
  onListening?: (port: number) => void;
  /** Runner image of `pod`-isolated steps (one Pod per step); without it such steps fail */
  podImage?: string;
  /** Resources of a step Pod when neither its node nor its workflow sets them */
  podResources?: StepPodOptions['defaultResources'];
  /** Keep a webhook's Execution this long after it ends unless its workflow says otherwise (default 3600; undefined: the default) */
  webhookExecutionTtlSeconds?: number;
}

/**
 * The operator: stands by until it holds the Lease, then reconciles Workflows and Executions, runs executions
 * through the ExecutionHost (log in JetStream, steps to runner pools) and consumes step results. Losing the
 * Lease stops all of that at once; a new leader resumes every execution from its log. Resolves when `signal`
 * aborts (graceful: the Lease is released) or leadership is lost.
 */
export async function runOperator(config: OperatorConfig, signal: AbortSignal): Promise<void> {
  const { logger } = config;
  const nc = await connect({ servers: config.natsUrl, name: `budflow-operator ${config.identity}` });
  const js = jetstream(nc);
  await ensureStreams(await js.jetstreamManager(), config.prefix);
  const store = await JetStreamDataStore.open(js, config.prefix);
  const client = createKubeJsonClient(config.kubeConfig);
  const metrics = new OperatorMetrics();
  let leading = false;
  let synced = false;
  const server =
    config.metricsPort === undefined
      ? undefined
      : await startHealthServer({
          port: config.metricsPort,
          registry: metrics.registry,
          ready: () => !leading || synced,
        });
  const address = server?.address();
  if (address && typeof address === 'object') config.onListening?.(address.port);

  const elector = new LeaseElector({
    leases: createLeaseClient(client),
    namespace: config.lease.namespace,
    name: config.lease.name,
    identity: config.identity,
    leaseDurationMs: config.lease.durationMs,
    renewDeadlineMs: config.lease.renewDeadlineMs,
    retryPeriodMs: config.lease.retryPeriodMs,
    onError: (error) => logger.warn({ err: error }, 'leader election'),
  });
  const stop = () => void elector.stop();
  signal.addEventListener('abort', stop, { once: true });
  try {
    await elector.run({
      onStartedLeading: async (leaderSignal) => {
        leading = true;
        metrics.leader.set(1);
        logger.info({ identity: config.identity }, 'started leading');
        try {
          await lead(
            config,
            { nc, client, js, store, metrics, setSynced: (s) => (synced = s) },
            leaderSignal,
          );
        } finally {
          leading = false;
          synced = false;
          metrics.leader.set(0);
        }
      },
      onStoppedLeading: () => logger.info({ identity: config.identity }, 'stopped leading'),
      onNewLeader: (identity) => logger.info({ leader: identity }, 'leader'),
    });
  } finally {
    signal.removeEventListener('abort', stop);
    server?.close();
    await nc.drain().catch(() => undefined);
  }
}

interface Shared {
  nc: Awaited<ReturnType<typeof connect>>;
  client: KubeJsonClient;
  js: ReturnType<typeof jetstream>;
  store: JetStreamDataStore;
  metrics: OperatorMetrics;
  setSynced: (synced: boolean) => void;
}

/** Everything the leader runs; returns when leadership ends (the signal aborts). */
async function lead(config: OperatorConfig, shared: Shared, signal: AbortSignal): Promise<void> {
  const { client, js, store, metrics, logger } = { ...shared, logger: config.logger };
  const scope = config.namespace ? { namespace: config.namespace } : {};
  const workflows = ResourceInformer.create<Workflow & { metadata: { resourceVersion?: string } }>(
    config.kubeConfig,
    WORKFLOWS,
    scope,
    { client },
  );
  const executions = ResourceInformer.create<Execution>(config.kubeConfig, EXECUTIONS, scope, { client });
  const workflowQueue = new WorkQueue();
  const executionQueue = new WorkQueue();
  // Webhook paths are shared within a namespace: a change to one workflow can free or take another's path.
  workflows.enqueueTo(workflowQueue, (workflow) => [
    objectKey(workflow),
    ...workflows.list(workflow.metadata.namespace).map((other) => objectKey(other)),
  ]);
  const keyByUid = new Map<string, string>();
  executions.enqueueTo(executionQueue, (execution) => {
    const key = objectKey(execution);
    const uid = execution.metadata.uid;
    if (typeof uid === 'string') keyByUid.set(uid, key);
    return key;
  });

  const lastPhase = new Map<string, string>();
  const pods = createPodIsolation({
    kubeConfig: config.kubeConfig,
    client,
    js,
    natsUrl: config.natsUrl,
    prefix: config.prefix,
    namespace: config.namespace,
    image: config.podImage,
    defaultResources: config.podResources,
    inner: new JetStreamStepDispatcher({ js, prefix: config.prefix, store }),
    executionOf: (uid) => {
      const key = keyByUid.get(uid);
      if (key === undefined) return undefined;
      const { namespace, name } = splitObjectKey(key);
      return executions.get(namespace, name);
    },
    settingsOf: (uid) => host.state(uid)?.spec.settings,
    deliver: (message) => host.deliverResult(message),
    logger,
  });
  const webhooks = new WebhookExecutions({
    nc: shared.nc,
    js,
    prefix: config.prefix,
    store,
    client,
    logger,
    ttlSecondsFor: (namespace, name) =>
      workflows.get(namespace, name)?.spec.settings?.ttlSecondsAfterFinished ??
      config.webhookExecutionTtlSeconds ??
      3600,
  });
  const host = new ExecutionHost({
    registry: config.registry,
    log: new JetStreamExecutionLog({ js, prefix: config.prefix }),
    dispatcher: pods.dispatcher,
    store,
    clock: { now: Date.now },
    timers: {
      set: (at, fn) => setTimeout(fn, Math.max(0, at - Date.now())),
      clear: (h) => clearTimeout(h as NodeJS.Timeout),
    },
    onStep: ({ nodeType, ok, seconds }) =>
      metrics.stepDuration.observe({ node_type: nodeType, status: ok ? 'success' : 'error' }, seconds),
    onChange: (uid, state) => {
      const webhookKey = keyByUid.get(uid);
      if (webhookKey) {
        const { namespace, name } = splitObjectKey(webhookKey);
        webhooks.observe(uid, state, executions.get(namespace, name));
      }
      const phase = phaseOf(state);
      if (lastPhase.get(uid) === phase) return;
      lastPhase.set(uid, phase);
      observe(metrics, state, phase);
      const key = keyByUid.get(uid);
      if (key) executionQueue.add(key);
    },
    onError: (uid, error) => logger.error({ err: error, execution: uid }, 'execution'),
  });
  metrics.liveExecutions.set(0);

  const recorder = new EventRecorder({
    client,
    reportingController: 'budflow.io/operator',
    reportingInstance: config.identity,
  });
  const workflowStatus = new StatusWriter(client, WORKFLOWS);
  const executionStatus = new StatusWriter(client, EXECUTIONS);
  const onError = (kind: string) => (key: string, error: unknown) => {
    if (error instanceof RequeueAfterError) return; // a planned look later, not a failure
    metrics.reconcileErrors.inc({ kind });
    // A conflict only means the cache was behind; the requeue reads the newer object.
    if (error instanceof ConflictError) logger.debug({ key, kind }, 'conflict; requeued');
    else logger.warn({ err: error, key, kind }, 'reconcile failed; requeued');
  };

  workflows.start();
  executions.start();
  pods.watcher.start();
  const stopAll = async () => {
    workflowQueue.shutDown();
    executionQueue.shutDown();
    host.stop();
    await Promise.allSettled([workflows.stop(), executions.stop(), pods.watcher.stop()]);
  };
  signal.addEventListener('abort', () => void stopAll(), { once: true });
  await Promise.all([workflows.hasSynced, executions.hasSynced]);
  shared.setSynced(true);
  const queueDepth = setInterval(() => {
    metrics.queueDepth.set({ queue: 'workflows' }, workflowQueue.length);
    metrics.queueDepth.set({ queue: 'executions' }, executionQueue.length);
    metrics.liveExecutions.set(host.size);
  }, 1000);

  const concurrency = config.concurrency ?? 4;
  await Promise.all([
    runWorkers(
      workflowQueue,
      (key) =>
        reconcileWorkflow(key, {
          getWorkflow: (ns, name) => workflows.get(ns, name),
          listWorkflows: (ns) => [...workflows.list(ns)],
          writeStatus: async (workflow, status) => {
            await workflowStatus.replaceStatus(workflow as never, status);
          },
          warning: (workflow, reason, message) => recorder.warning(workflow as never, reason, message),
          registry: config.registry,
          now: () => new Date(),
        }),
      { concurrency: 1, onError: onError('Workflow') },
    ),
    runWorkers(
      executionQueue,
      (key) =>
        reconcileExecution(key, {
          getExecution: (ns, name) => executions.get(ns, name),
          getWorkflow: (ns, name) => workflows.get(ns, name),
          writeStatus: async (execution, status) => {
            await executionStatus.replaceStatus(execution as never, status);
          },
          setFinalizer: (execution, present) => setFinalizer(client, execution, present),
          deleteExecution: async (execution) => {
            await client.request({
              method: 'DELETE',
              path: objectPath(EXECUTIONS, execution.metadata.namespace, execution.metadata.name),
            });
          },
          warning: (execution, reason, message) => recorder.warning(execution as never, reason, message),
          host,
          registry: config.registry,
          now: Date.now,
          runningStatusDelayMs: config.runningStatusDelayMs ?? 2000,
        }),
      { concurrency, onError: onError('Execution') },
    ),
    new JetStreamResultSource({
      js,
      prefix: config.prefix,
      store,
      onError: (error) => logger.warn({ err: error }, 'step result'),
    }).consume((message) => host.deliverResult(message), signal),
    webhooks.consume(signal),
  ]).finally(() => clearInterval(queueDepth));
  await stopAll();
}

/** Adds or removes the execution-data finalizer with a merge patch that carries the resourceVersion. */
async function setFinalizer(
  client: KubeJsonClient,
  execution: Execution,
  present: boolean,
): Promise<Execution> {
  const metadata = execution.metadata as {
    finalizers?: string[];
    resourceVersion?: string;
    namespace?: string;
    name: string;
  };
  const others = (metadata.finalizers ?? []).filter((f) => f !== EXECUTION_FINALIZER);
  return client.request<Execution>({
    method: 'PATCH',
    path: objectPath(EXECUTIONS, metadata.namespace, metadata.name),
    contentType: 'application/merge-patch+json',
    body: {
      metadata: {
        resourceVersion: metadata.resourceVersion,
        finalizers: present ? [...others, EXECUTION_FINALIZER] : others,
      },
    },
  });
}

function observe(metrics: OperatorMetrics, state: ExecutionState, phase: string): void {
  const namespace = state.namespace ?? 'default';
  if (phase === 'Running' && state.runData && Object.keys(state.runData).length <= 1) {
    metrics.executionsStarted.inc({ namespace, workflow: state.workflowName });
  }
  if (phase === 'Succeeded' || phase === 'Failed' || phase === 'Cancelled')
    metrics.finished(state, namespace, phase);
}
