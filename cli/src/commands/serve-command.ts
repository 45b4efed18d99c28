import { serveDirectory } from '@budflow/webhook-gateway';
import type { ServeHandle, ServeOptions } from '@budflow/webhook-gateway';
import type { IsolationMode } from '@budflow/runner';

/** `budflow serve` flags, as commander gives them (strings). */
export interface ServeFlags {
  port: string;
  host: string;
  isolation: IsolationMode;
  poolSize?: string;
  stepTimeout: string;
  maxJobs?: string;
  memory: string;
  network?: boolean;
  bodyLimit: string;
  responseTimeout: string;
  publicUrl?: string;
  watch: boolean;
  logLevel?: string;
}

export interface ServeDeps {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  vars: Record<string, string>;
  env: Record<string, string>;
  /** Resolves when the server should stop (SIGINT, SIGTERM) */
  stopped: Promise<void>;
  /** Told once the server listens (tests) */
  onListening?: (handle: ServeHandle) => void;
  /** Called once the server listens, before it says so: gives back start-up memory (see releaseStartupHeap) */
  releaseStartupMemory?: () => void;
}

/**
 * `budflow serve DIR`: serves every Workflow in DIR with the webhook gateway, the engine and the sandboxed
 * runner pool in this process tree, until stopped. Returns the exit code.
 */
export async function serveCommand(dir: string, flags: ServeFlags, deps: ServeDeps): Promise<number> {
  const options: ServeOptions = {
    port: integer(flags.port, '--port', 0),
    host: flags.host,
    isolation: flags.isolation,
    ...(flags.poolSize ? { poolSize: integer(flags.poolSize, '--pool-size', 1) } : {}),
    stepTimeoutMs: positive(flags.stepTimeout, '--step-timeout') * 1000,
    ...(flags.maxJobs ? { maxJobsPerProcess: integer(flags.maxJobs, '--max-jobs', 1) } : {}),
    memoryMiB: positive(flags.memory, '--memory'),
    network: flags.network === true,
    watch: flags.watch,
    ...(flags.logLevel ? { logLevel: flags.logLevel } : {}),
    config: {
      bodyLimitBytes: Math.round(positive(flags.bodyLimit, '--body-limit') * 1024 * 1024),
      responseTimeoutMs: positive(flags.responseTimeout, '--response-timeout') * 1000,
      ...(flags.publicUrl ? { publicUrl: flags.publicUrl } : {}),
    },
    vars: deps.vars,
    env: deps.env,
    out: deps.stdout,
    err: (line) => deps.stderr(line),
  };
  const handle = await serveDirectory(dir, options);
  deps.releaseStartupMemory?.();
  deps.stdout(`budflow serve: listening on ${handle.url} (${dir}); Ctrl-C stops`);
  deps.onListening?.(handle);
  await deps.stopped;
  deps.stderr('budflow serve: stopping (waiting for running executions)');
  await handle.close();
  return 0;
}

function positive(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${flag} expects a positive number, got '${value}'`);
  return n;
}

function integer(value: string, flag: string, min: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    throw new Error(`${flag} expects an integer of at least ${min}, got '${value}'`);
  return n;
}
