import { availableParallelism } from 'node:os';
import { MemoryDataStore, memoryMiB } from '@budflow/runtime';
import type { DataStore, StepError, StepJob, StepResult, StepRunner } from '@budflow/runtime';
import { packJob, refsOf } from '../protocol/packed-job.js';
import { buildSandboxCommand, DEFAULT_LIMITS } from './build-sandbox-command.js';
import type { SandboxLimits } from './build-sandbox-command.js';
import { RunnerProcess } from './runner-process.js';
import type { RunnerFailure } from './runner-process.js';
import type { SandboxHost } from './sandbox-host.js';

export interface SandboxedStepRunnerOptions {
  host: SandboxHost;
  /** Warm processes at most (default: CPU count) */
  size?: number;
  /** A process is replaced after this many steps (default 200) */
  maxJobsPerProcess?: number;
  /** Wall-clock limit of a step unless its node sets timeoutSeconds (default 60 s) */
  stepTimeoutMs?: number;
  limits?: Partial<SandboxLimits>;
  /** Give every runner network access (default false: only steps of workflows with settings.network get it) */
  network?: boolean;
  /** Environment variables passed to runners besides the fixed minimal set */
  env?: Record<string, string>;
  store?: DataStore;
  /** Inputs and run data larger than this travel by reference to the store */
  inlineLimitBytes?: number;
}

/**
 * Steps per process for a long-running server (`budflow serve`, `budflow runner --nats`): such a pool runs
 * thousands of steps a second, and replacing a process puts a cold start (0.3 s to over 1 s of CPU) in the path
 * of a step. With the default of 200, `budflow serve` stayed under 100 req/s and a cluster runner spent most of its
 * CPU starting processes. Processes still serve one namespace only and are still replaced after any failure.
 */
export const SERVER_MAX_JOBS_PER_PROCESS = 50_000;

type Waiter = { namespace: string; memoryMiB: number; network: boolean; resolve: (p: RunnerProcess) => void };

/**
 * The local sandbox: a warm pool of budflow-runner child processes, each under rlimits and (where present)
 * bubblewrap. A process serves one step at a time and only one namespace; it is replaced after
 * `maxJobsPerProcess` steps or any failure. A runner that crashes, hangs or hits a limit fails its step with
 * a clear error; the engine process is never affected.
 */
export class SandboxedStepRunner implements StepRunner {
  private readonly processes = new Set<RunnerProcess>();
  private readonly waiters: Waiter[] = [];
  private readonly size: number;
  private readonly limits: SandboxLimits;
  private readonly store: DataStore;
  private closed = false;
  private spawned = 0;

  constructor(private readonly options: SandboxedStepRunnerOptions) {
    this.size = Math.max(1, options.size ?? availableParallelism());
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.store = options.store ?? new MemoryDataStore();
  }

  async run(job: StepJob, signal: AbortSignal): Promise<StepResult> {
    if (this.closed) throw new Error('the step runner is closed');
    const packed = await packJob(job, this.store, this.options.inlineLimitBytes);
    const namespace = job.workflow.namespace ?? 'default';
    const memory = (job.limits?.memory ? memoryMiB(job.limits.memory) : undefined) ?? this.limits.memoryMiB;
    const network = this.options.network === true || job.network === true;
    const proc = await this.acquire(namespace, memory, network);
    const timeoutMs = job.node.timeoutSeconds
      ? job.node.timeoutSeconds * 1000
      : (this.options.stepTimeoutMs ?? 60_000);
    try {
      return await proc.run(packed, timeoutMs, signal);
    } catch (error) {
      proc.kill();
      return { ok: false, error: this.describe(error as RunnerFailure, job, proc.memoryMiB) };
    } finally {
      for (const ref of refsOf(packed)) void this.store.delete(ref);
      this.release(proc);
    }
  }

  /** Stops every runner process. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.processes].map((p) => p.stop()));
    this.processes.clear();
  }

  /** Live runner processes by namespace (for tests and metrics) */
  pids(): Array<{ pid: number; namespace: string; jobs: number }> {
    return [...this.processes]
      .filter((p) => p.alive && p.pid)
      .map((p) => ({ pid: p.pid!, namespace: p.namespace, jobs: p.jobs }));
  }

  get processCount(): number {
    return [...this.processes].filter((p) => p.alive).length;
  }

  private async acquire(namespace: string, memoryMiB: number, network: boolean): Promise<RunnerProcess> {
    this.prune();
    const idle = [...this.processes].find(
      (p) => !p.busy && p.namespace === namespace && p.memoryMiB === memoryMiB && p.network === network,
    );
    if (idle) return this.claim(idle);
    if (this.processes.size >= this.size) {
      // A process never serves two namespaces: replace an idle one of another namespace.
      const other = [...this.processes].find((p) => !p.busy);
      if (other) {
        this.processes.delete(other);
        void other.stop();
      }
    }
    if (this.processes.size < this.size) return this.claim(this.spawn(namespace, memoryMiB, network));
    return new Promise((resolve) => this.waiters.push({ namespace, memoryMiB, network, resolve }));
  }

  private claim(proc: RunnerProcess): RunnerProcess {
    proc.busy = true;
    return proc;
  }

  private release(proc: RunnerProcess): void {
    proc.busy = false;
    const maxJobs = this.options.maxJobsPerProcess ?? 200;
    if (!proc.alive || proc.jobs >= maxJobs || this.closed) {
      this.processes.delete(proc);
      void proc.stop();
    }
    const waiter = this.waiters.shift();
    if (!waiter) return;
    void this.acquire(waiter.namespace, waiter.memoryMiB, waiter.network).then(waiter.resolve);
  }

  private prune(): void {
    for (const p of this.processes) if (!p.alive) this.processes.delete(p);
  }

  private spawn(namespace: string, memoryMiB: number, network: boolean): RunnerProcess {
    const { host } = this.options;
    const { command, args } = buildSandboxCommand({
      nodePath: host.nodePath,
      entry: host.entry,
      codePaths: host.codePaths,
      limits: { ...this.limits, memoryMiB },
      network,
      ...(host.bubblewrap ? { bubblewrap: host.bubblewrap } : {}),
      ...(host.prlimit ? { prlimit: host.prlimit } : {}),
    });
    const env = {
      PATH: '/usr/local/bin:/usr/bin:/bin',
      LANG: 'C.UTF-8',
      TZ: host.timezone,
      HOME: '/tmp',
      ...moduleAllowList(),
      ...this.options.env,
    };
    const proc = new RunnerProcess(
      {
        command,
        args,
        env,
        ...(host.runAs
          ? { uid: host.runAs.uid + (this.spawned++ % host.runAs.uids), gid: host.runAs.gid }
          : {}),
      },
      namespace,
      memoryMiB,
      this.store,
      network,
    );
    this.processes.add(proc);
    return proc;
  }

  private describe(failure: RunnerFailure, job: StepJob, memoryMiB: number): StepError {
    const message =
      failure.reason === 'memory'
        ? `step exceeded its ${memoryMiB} MiB memory limit`
        : failure.reason === 'cpu'
          ? `step exceeded its ${this.limits.cpuSeconds}s CPU time limit`
          : failure.message;
    return { name: 'RunnerError', message, reason: failure.reason, node: job.node.name };
  }
}

/**
 * n8n's settings of the modules Code nodes may `require` (comma-separated names, `*` for all), taken from this
 * process's environment into the otherwise scrubbed environment of the runners.
 */
function moduleAllowList(): Record<string, string> {
  const allowed: Record<string, string> = {};
  for (const name of ['NODE_FUNCTION_ALLOW_BUILTIN', 'NODE_FUNCTION_ALLOW_EXTERNAL']) {
    const value = process.env[name];
    if (value) allowed[name] = value;
  }
  return allowed;
}
