import { serveDirectory } from '@budflow/webhook-gateway';
import type { ServeHandle, ServeOptions } from '@budflow/webhook-gateway';
import type { IsolationMode } from '@budflow/runner';
import { integerAtLeast, portNumber, positiveNumber } from '../flag-values.js';

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
    port: portNumber(flags.port, '--port'),
    host: flags.host,
    isolation: flags.isolation,
    ...(flags.poolSize ? { poolSize: integerAtLeast(flags.poolSize, '--pool-size', 1) } : {}),
    stepTimeoutMs: positiveNumber(flags.stepTimeout, '--step-timeout') * 1000,
    ...(flags.maxJobs ? { maxJobsPerProcess: integerAtLeast(flags.maxJobs, '--max-jobs', 1) } : {}),
    memoryMiB: positiveNumber(flags.memory, '--memory'),
    network: flags.network === true,
    watch: flags.watch,
    ...(flags.logLevel ? { logLevel: flags.logLevel } : {}),
    config: {
      bodyLimitBytes: Math.round(positiveNumber(flags.bodyLimit, '--body-limit') * 1024 * 1024),
      responseTimeoutMs: positiveNumber(flags.responseTimeout, '--response-timeout') * 1000,
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
