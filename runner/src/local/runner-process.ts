import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import type { Duplex } from 'node:stream';
import type { DataStore, StepResult } from '@budflow/runtime';
import { encodeFrame, FrameDecoder } from '../protocol/frame-codec.js';
import type { FromRunner, ToRunner } from '../protocol/messages.js';
import type { PackedStepJob } from '../protocol/packed-job.js';

export interface SpawnSpec {
  command: string;
  args: string[];
  env: Record<string, string>;
  uid?: number;
  gid?: number;
}

/** Why a step ended without a result from its runner. */
export interface RunnerFailure {
  reason: 'timeout' | 'memory' | 'cpu' | 'crash' | 'cancelled';
  message: string;
}

const STDERR_TAIL = 8 * 1024;

/** One runner child process: serves one step at a time over framed stdio. */
export class RunnerProcess {
  readonly namespace: string;
  jobs = 0;
  busy = false;
  private child: ChildProcess | undefined;
  private readonly channel: Duplex;
  private exited = false;
  private exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  private stderrTail = '';
  private readonly ready: Promise<void>;
  private pending: ((message: FromRunner | { type: 'exit' }) => void) | undefined;
  private killedFor: RunnerFailure['reason'] | undefined;

  constructor(
    spec: SpawnSpec,
    namespace: string,
    readonly memoryMiB: number,
    private readonly store: DataStore,
    readonly network = false,
  ) {
    this.namespace = namespace;
    const child = spawn(spec.command, spec.args, {
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'], // fd 3 carries the protocol
      env: spec.env,
      detached: true, // its own process group, so a kill takes everything it started
      ...(spec.uid !== undefined ? { uid: spec.uid } : {}),
      ...(spec.gid !== undefined ? { gid: spec.gid } : {}),
    });
    this.child = child;
    const decoder = new FrameDecoder((m) => this.onMessage(m as FromRunner));
    this.ready = new Promise((resolve, reject) => {
      this.pending = (m) => (m.type === 'ready' ? resolve() : reject(new Error(this.describeExit())));
    });
    this.ready.catch(() => undefined);
    this.channel = child.stdio[3] as Duplex;
    this.channel.on('data', (chunk: Buffer) => {
      try {
        decoder.push(chunk);
      } catch {
        this.kill('crash');
      }
    });
    this.channel.on('error', () => undefined);
    const keepTail = (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString('utf8')).slice(-STDERR_TAIL);
    };
    child.stdout!.on('data', keepTail);
    child.stderr!.on('data', keepTail);
    child.on('error', (error) => {
      this.stderrTail += `\n${error.message}`;
      this.onExit(null, null);
    });
    child.on('exit', (code, signal) => this.onExit(code, signal));
  }

  /** Process id of the outermost process (prlimit/bwrap/node) of this runner */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  get alive(): boolean {
    return !this.exited;
  }

  /** Runs one packed job; resolves with the runner's result or rejects with a RunnerFailure. */
  async run(job: PackedStepJob, timeoutMs: number, signal: AbortSignal): Promise<StepResult> {
    const onAbort = () => this.kill('cancelled');
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      await this.ready;
    } catch (error) {
      signal.removeEventListener('abort', onAbort);
      throw this.killedFor
        ? this.failure(timeoutMs)
        : ({ reason: 'crash', message: `runner process could not start: ${(error as Error).message}` } satisfies RunnerFailure);
    }
    this.jobs++;
    const result = new Promise<StepResult>((resolve, reject) => {
      if (signal.aborted || this.exited) {
        signal.removeEventListener('abort', onAbort);
        reject(this.failure(timeoutMs));
        return;
      }
      const timer = setTimeout(() => this.kill('timeout'), timeoutMs);
      this.pending = (message) => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        this.pending = undefined;
        if (message.type === 'result') resolve(message.result);
        else reject(this.failure(timeoutMs));
      };
    });
    this.send({ type: 'run', job });
    return result;
  }

  kill(reason: RunnerFailure['reason'] = 'crash'): void {
    if (this.exited || !this.child?.pid) return;
    this.killedFor ??= reason;
    try {
      process.kill(-this.child.pid, 'SIGKILL');
    } catch {
      this.child.kill('SIGKILL');
    }
  }

  /** Resolves once the process has exited. */
  async stop(): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((resolve) => this.child!.once('exit', () => resolve()));
    this.channel.end();
    const timer = setTimeout(() => this.kill('crash'), 2_000);
    await exited;
    clearTimeout(timer);
  }

  private send(message: ToRunner): void {
    if (!this.exited) this.channel.write(encodeFrame(message));
  }

  private onMessage(message: FromRunner): void {
    if (message.type === 'fetch') {
      void this.store
        .get(message.ref)
        .then((value) => this.send({ type: 'data', requestId: message.requestId, value: value ?? null }));
      return;
    }
    this.pending?.(message);
  }

  private onExit(code: number | null, signal: NodeJS.Signals | null): void {
    if (this.exited) return;
    this.exited = true;
    this.exit = { code, signal };
    this.pending?.({ type: 'exit' });
  }

  private failure(timeoutMs: number): RunnerFailure {
    const heap = /heap out of memory|Reached heap limit|allocation failed/i.test(this.stderrTail);
    if (this.killedFor === 'timeout')
      return { reason: 'timeout', message: `step timed out after ${formatSeconds(timeoutMs)}` };
    if (this.killedFor === 'cancelled') return { reason: 'cancelled', message: 'step cancelled' };
    if (heap) return { reason: 'memory', message: 'memory' };
    if (this.exit?.signal === 'SIGXCPU') return { reason: 'cpu', message: 'cpu' };
    return { reason: 'crash', message: `runner process died: ${this.describeExit()}` };
  }

  private describeExit(): string {
    if (!this.exit) return 'unknown';
    const how = this.exit.signal ?? `exit code ${this.exit.code}`;
    const last = this.stderrTail.trim().split('\n').slice(-3).join(' | ');
    return last ? `${how} (${last.slice(0, 500)})` : how;
  }
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${(ms / 1000).toFixed(1)}s`;
}
