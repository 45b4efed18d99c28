import { watch } from 'node:fs';
import type { FSWatcher } from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { MemoryDataStore } from '@budflow/runtime';
import type { DataStore, NodeTypeRegistry, StepRunner, Workflow } from '@budflow/runtime';
import { createNodeRegistry } from '@budflow/nodes';
import { detectSandboxHost, SandboxedStepRunner, SERVER_MAX_JOBS_PER_PROCESS } from '@budflow/runner';
import type { IsolationMode } from '@budflow/runner';
import { buildApp } from '../build-app.js';
import type { GatewayConfig } from '../config.js';
import { GatewayMetrics } from '../gateway-metrics.js';
import { buildRouteTable } from '../routes/build-route-table.js';
import type { RouteTableBuild } from '../routes/build-route-table.js';
import { LocalExecutionHost } from './local-execution-host.js';
import { loadDirectory } from './load-directory.js';
import { MemoryReplayGuard } from './memory-replay-guard.js';
import { MemorySecretSource } from './memory-secret-source.js';

export interface ServeOptions {
  /** Default 5678 (n8n's); 0 picks a free port */
  port?: number;
  /** Default 127.0.0.1: a laptop's webhooks are not public unless asked */
  host?: string;
  registry?: NodeTypeRegistry;
  /** Runs the steps; default a sandboxed runner pool built from the options below (closed with the server) */
  runner?: StepRunner;
  isolation?: IsolationMode;
  /** Runner processes at most (default: CPU count) */
  poolSize?: number;
  stepTimeoutMs?: number;
  /** A runner process is replaced after this many steps (default 50,000; see SERVER_MAX_JOBS_PER_PROCESS) */
  maxJobsPerProcess?: number;
  memoryMiB?: number;
  network?: boolean;
  config?: Partial<GatewayConfig>;
  /** Reload when files in the directory change (default true) */
  watch?: boolean;
  logger?: FastifyBaseLogger | false;
  /** Without `logger`: pino JSON logs on stderr at this level (fatal, error, warn, info, debug; default none) */
  logLevel?: string;
  vars?: Record<string, string>;
  env?: Record<string, string>;
  /** Human-readable lines (served URLs, reloads) and problems */
  out?: (line: string) => void;
  err?: (line: string) => void;
}

export interface ServeHandle {
  /** `http://host:port` */
  url: string;
  app: FastifyInstance;
  /** The current route table with its registrations and problems */
  routes(): RouteTableBuild;
  /** Problems of the last load (bad manifests, unserved webhooks) */
  problems(): string[];
  /** Loads the directory again and swaps the route table */
  reload(): Promise<void>;
  close(): Promise<void>;
}

/**
 * `budflow serve DIR`: the gateway, the engine and the sandboxed runner pool in one process tree, with no
 * cluster, NATS or Redis. Every valid Workflow in DIR is served (bad manifests are reported and skipped);
 * webhooks of the `default` namespace are also served without the namespace segment, at n8n's URLs.
 */
export async function serveDirectory(dir: string, options: ServeOptions = {}): Promise<ServeHandle> {
  const out = options.out ?? (() => undefined);
  const err = options.err ?? (() => undefined);
  const registry = options.registry ?? createNodeRegistry();
  const store: DataStore = new MemoryDataStore();
  const ownRunner = options.runner === undefined;
  const runner = options.runner ?? sandboxedRunner(options, store, err);
  const secrets = new MemorySecretSource();
  const logger = options.logger ?? (options.logLevel ? await stderrLogger(options.logLevel) : false);
  const metrics = new GatewayMetrics({ defaultMetrics: true });
  let workflows = new Map<string, Workflow>();
  let build: RouteTableBuild = buildRouteTable([], registry);
  let problems: string[] = [];
  let loaded = false;

  const host = new LocalExecutionHost({
    workflow: (namespace, name) => workflows.get(`${namespace}/${name}`),
    registry,
    runner,
    store,
    clock: { now: Date.now },
    ...(options.vars ? { vars: options.vars } : {}),
    ...(options.env ? { env: options.env } : {}),
    onFinished: (state, trigger) => {
      const log = logger;
      if (!log) return;
      const fields = {
        execution: state.executionId,
        workflow: `${trigger.namespace}/${trigger.workflow}`,
        status: state.status,
      };
      if (state.status === 'error')
        log.warn({ ...fields, node: state.error?.node, error: state.error?.message }, 'execution failed');
      else log.debug(fields, 'execution finished');
    },
  });

  const reload = async () => {
    const directory = await loadDirectory(dir, registry);
    const next = buildRouteTable(directory.workflows, registry, { aliasNamespace: 'default' });
    workflows = new Map(
      directory.workflows.map((w) => [`${w.metadata.namespace ?? 'default'}/${w.metadata.name}`, w]),
    );
    secrets.replace(directory.secrets);
    build = next;
    problems = [
      ...directory.problems,
      ...next.problems.map((p) => `${p.namespace}/${p.workflow}: ${p.message}`),
    ];
    metrics.routes.set({ kind: 'production' }, next.webhooks.filter((w) => w.kind === 'production').length);
    metrics.routes.set({ kind: 'test' }, next.webhooks.filter((w) => w.kind === 'test').length);
    metrics.routeProblems.set(next.problems.length);
    loaded = true;
    for (const problem of problems) err(`problem: ${problem}`);
    for (const workflow of directory.workflows) {
      if (workflow.spec.active !== true && workflow.spec.nodes.some((n) => n.type === 'webhook'))
        out(
          `note: workflow ${workflow.metadata.namespace ?? 'default'}/${workflow.metadata.name} is not active (spec.active): only its test URLs are served`,
        );
    }
  };
  await reload();

  const app = await buildApp({
    routes: () => build.table,
    sink: host,
    responses: host,
    secrets,
    replays: new MemoryReplayGuard(),
    store,
    metrics,
    newId: randomUUID,
    ready: () => loaded,
    // Nodes read binary data inline only (a `BinaryData.id` reference is not resolved in the runner yet), so
    // local mode keeps uploads inline up to the body limit; large step inputs still go by reference in the pool.
    config: { binaryInlineLimitBytes: options.config?.bodyLimitBytes ?? 16 * 1024 * 1024, ...options.config },
    ...(logger ? { logger } : {}),
  });
  let address: string;
  try {
    address = await app.listen({ port: options.port ?? 5678, host: options.host ?? '127.0.0.1' });
  } catch (error) {
    await app.close();
    if (ownRunner) await (runner as SandboxedStepRunner).close();
    throw error;
  }
  const url = address.replace('[::1]', 'localhost');
  for (const webhook of build.webhooks)
    out(
      `${webhook.method.padEnd(6)} ${url}${webhook.url}  (${webhook.namespace}/${webhook.workflow}, node '${webhook.node}')`,
    );
  if (build.webhooks.length === 0) out(`no webhooks to serve in ${dir}`);

  const watcher =
    options.watch === false
      ? undefined
      : watchDirectory(dir, () =>
          reload().then(
            () => out(`reloaded ${dir}: ${build.webhooks.length} webhook URLs`),
            (error: unknown) => err(`reload failed: ${String(error)}`),
          ),
        );

  return {
    url,
    app,
    routes: () => build,
    problems: () => problems,
    reload,
    close: async () => {
      watcher?.close();
      await app.close();
      await host.close();
      if (ownRunner) await (runner as SandboxedStepRunner).close();
    },
  };
}

function sandboxedRunner(
  options: ServeOptions,
  store: DataStore,
  err: (line: string) => void,
): SandboxedStepRunner {
  const host = detectSandboxHost({ isolation: options.isolation ?? 'auto' });
  for (const warning of host.warnings) err(`warning: ${warning}`);
  return new SandboxedStepRunner({
    host,
    store,
    ...(options.poolSize ? { size: options.poolSize } : {}),
    ...(options.stepTimeoutMs ? { stepTimeoutMs: options.stepTimeoutMs } : {}),
    maxJobsPerProcess: options.maxJobsPerProcess ?? SERVER_MAX_JOBS_PER_PROCESS,
    ...(options.memoryMiB ? { limits: { memoryMiB: options.memoryMiB } } : {}),
    network: options.network === true,
  });
}

/**
 * pino JSON logs on stderr, loaded on use: logs are off by default and fastify without a logger loads no pino,
 * so `budflow serve` without --log-level never loads it.
 */
async function stderrLogger(level: string): Promise<FastifyBaseLogger> {
  const { pino } = await import('pino');
  return pino({ level }, pino.destination(2)) as FastifyBaseLogger;
}

/** Calls `onChange` once per burst of changes (editors write files in several steps). */
function watchDirectory(dir: string, onChange: () => void): { close(): void } {
  let timer: NodeJS.Timeout | undefined;
  const watcher: FSWatcher = watch(dir, { recursive: true }, () => {
    clearTimeout(timer);
    timer = setTimeout(onChange, 200);
  });
  watcher.on('error', () => undefined);
  return {
    close: () => {
      clearTimeout(timer);
      watcher.close();
    },
  };
}
