import type { Consumer, JsMsg } from '@nats-io/jetstream';

export interface PullWorkersOptions {
  consumer: Consumer;
  /** Messages handled at once; each worker holds at most one, so nothing waits unhandled in a client buffer */
  concurrency: number;
  /** How long one pull request waits on the server for a message (at least 1000 ms) */
  expiresMs: number;
  signal: AbortSignal;
  handle: (message: JsMsg) => Promise<void>;
  onError: (error: unknown) => void;
  /** Pause after a failed pull (consumer or stream missing, connection lost) */
  retryDelayMs?: number;
}

/**
 * Runs `concurrency` loops that each pull one message, handle it and pull again, until `signal` aborts. Abort
 * stops pulling at once; handlers in progress finish first. Resolves when every loop has stopped.
 */
export async function runPullWorkers(options: PullWorkersOptions): Promise<void> {
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, () => pullLoop(options)));
}

async function pullLoop(options: PullWorkersOptions): Promise<void> {
  const { signal } = options;
  while (!signal.aborted) {
    let message: JsMsg | undefined;
    try {
      message = await pullOne(options);
    } catch (error) {
      if (signal.aborted) break;
      options.onError(error);
      await sleep(options.retryDelayMs ?? 1_000, signal);
      continue;
    }
    if (!message) continue;
    // Pulled as we were told to stop: hand it back so that another worker takes it now, not after ack_wait.
    if (signal.aborted) message.nak();
    else await options.handle(message).catch(options.onError);
  }
}

/** One message, or undefined when the pull expired or the signal aborted it. */
async function pullOne(options: PullWorkersOptions): Promise<JsMsg | undefined> {
  const pulled = await options.consumer.fetch({ max_messages: 1, expires: options.expiresMs });
  const stop = () => void pulled.close();
  options.signal.addEventListener('abort', stop, { once: true });
  try {
    if (options.signal.aborted) stop();
    for await (const message of pulled) return message;
    return undefined;
  } finally {
    options.signal.removeEventListener('abort', stop);
  }
}

/** Sends in-progress acks every `intervalMs` while `work` runs, so a long step keeps its job past ack_wait. */
export async function withHeartbeat<T>(
  message: JsMsg,
  intervalMs: number,
  work: () => Promise<T>,
): Promise<T> {
  const timer = setInterval(() => {
    try {
      message.working();
    } catch {
      // Connection lost: the server redelivers the job after ack_wait, which is the right outcome.
    }
  }, intervalMs);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}

/** Resolves after `ms`, or as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
