import type { Server } from 'node:http';
import { connect } from '@nats-io/transport-node';
import { jetstream } from '@nats-io/jetstream';
import {
  detectSandboxHost,
  ensureStreams,
  JetStreamDataStore,
  ReadThroughDataStore,
  RunnerMetrics,
  SandboxedStepRunner,
  SERVER_MAX_JOBS_PER_PROCESS,
  serveNatsSteps,
  startHealthServer,
} from '@budflow/runner';
import { MemoryDataStore } from '@budflow/runtime';
import type { IsolationMode } from '@budflow/runner';
import { parseDuration } from '../duration.js';
import { integerAtLeast, portNumber } from '../flag-values.js';

export interface NatsRunnerFlags {
  nats: string;
  prefix: string;
  pool: string;
  concurrency: string;
  isolation: IsolationMode;
  memory: string;
  network?: boolean;
  oneJob?: boolean;
  /** Steps per child process before it is replaced (default SERVER_MAX_JOBS_PER_PROCESS) */
  maxJobs?: string;
  /** A job not acked nor kept alive by heartbeats within this long goes to another runner (e.g. 30s) */
  ackWait: string;
  /** Port of /metrics, /healthz and /readyz (0: any free port); not served with --one-job */
  metricsPort: string;
}

/**
 * `budflow runner --nats URL`: a runner of a pool: pulls step jobs from JetStream and runs each in the local
 * sandbox (child processes under bubblewrap and rlimits), so user code never shares this process either.
 */
export async function natsRunnerCommand(
  flags: NatsRunnerFlags,
  signal: AbortSignal,
  log: (line: string) => void,
): Promise<number> {
  const metricsPort = flags.oneJob ? undefined : portNumber(flags.metricsPort, '--metrics-port');
  const nc = await connect({ servers: flags.nats, name: `budflow-runner ${flags.pool}` });
  let connected = true;
  void (async () => {
    for await (const status of nc.status()) {
      if (status.type === 'disconnect') connected = false;
      else if (status.type === 'reconnect') connected = true;
    }
  })();
  const js = jetstream(nc);
  await ensureStreams(await js.jetstreamManager(), flags.prefix);
  const store = await JetStreamDataStore.open(js, flags.prefix);
  const host = detectSandboxHost({ isolation: flags.isolation });
  for (const warning of host.warnings) log(`warning: ${warning}`);
  const concurrency = Math.max(1, Number(flags.concurrency));
  const runner = new SandboxedStepRunner({
    host,
    size: concurrency,
    limits: { memoryMiB: Number(flags.memory) },
    network: flags.network === true,
    maxJobsPerProcess: flags.maxJobs
      ? integerAtLeast(flags.maxJobs, '--max-jobs', 1)
      : SERVER_MAX_JOBS_PER_PROCESS,
    // Large webhook uploads are in the shared object store; the children read them through this pool.
    store: new ReadThroughDataStore(new MemoryDataStore(), store),
  });
  // A pod-isolated runner (--one-job) lives for one step: no server, no metrics.
  const metrics = metricsPort === undefined ? undefined : new RunnerMetrics();
  const measured = metrics ? metrics.instrument(runner, flags.pool) : runner;
  const stop = new AbortController();
  signal.addEventListener('abort', () => stop.abort(), { once: true });
  let served = 0;
  const counting = {
    run: async (...args: Parameters<SandboxedStepRunner['run']>) => {
      const result = await measured.run(...args);
      served++;
      // A pod-isolated runner takes its one job and leaves.
      if (flags.oneJob) setImmediate(() => stop.abort());
      return result;
    },
  };
  log(
    `runner: pool '${flags.pool}' on ${flags.nats} (prefix ${flags.prefix}), ${concurrency} at once${flags.oneJob ? ', one job' : ''}`,
  );
  let server: Server | undefined;
  try {
    if (metrics && metricsPort !== undefined) {
      server = await startHealthServer({
        port: metricsPort,
        registry: metrics.registry,
        ready: () => connected && !nc.isClosed(),
      }).catch((error: unknown) => {
        if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
        throw new Error(
          `--metrics-port: port ${metricsPort} is in use (another runner on this host? --metrics-port 0 picks a free port)`,
        );
      });
      const address = server.address();
      if (address && typeof address === 'object')
        log(`runner: metrics and health on port ${address.port} (/metrics /healthz /readyz)`);
    }
    await serveNatsSteps({
      js,
      prefix: flags.prefix,
      pool: flags.pool,
      runner: counting,
      store,
      signal: stop.signal,
      concurrency: flags.oneJob ? 1 : concurrency,
      ackWaitMs: parseDuration(flags.ackWait, '--ack-wait'),
    });
  } finally {
    await runner.close();
    // drain fails while NATS is unreachable: close, or the reconnect loop keeps the process alive.
    await nc.drain().catch(() => nc.close().catch(() => undefined));
    if (server) await closeServer(server);
  }
  log(`runner: stopped after ${served} step(s)`);
  return 0;
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
