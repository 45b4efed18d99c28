import type { WorkQueue } from './work-queue.js';

/** What a reconcile may ask for on success: look again after a delay (a schedule, a timeout). */
export interface ReconcileResult {
  requeueAfterMs?: number;
}

/** Converges one object, re-read by key from a cache; throws to be retried with backoff. */
export type Reconcile = (key: string) => Promise<ReconcileResult | void>;

export interface RunWorkersOptions {
  /** Keys processed in parallel (never the same key twice at once). Default 1. */
  concurrency?: number;
  /** Told about every failed reconcile before it is requeued. */
  onError?: (key: string, error: unknown) => void;
}

/** The `requeueAfterMs` an error carries (see RequeueAfterError), if any. */
export function requeueAfterOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('requeueAfterMs' in error)) return undefined;
  const value = error.requeueAfterMs;
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/**
 * sample-controller's processNextWorkItem: takes one key, reconciles it, and on success forgets its backoff;
 * on failure requeues it rate-limited, or after the error's `requeueAfterMs` without counting a failure.
 * Answers false once the queue is shut down.
 */
export async function processNextWorkItem(
  queue: WorkQueue,
  reconcile: Reconcile,
  onError?: (key: string, error: unknown) => void,
): Promise<boolean> {
  const key = await queue.get();
  if (key === undefined) return false;
  try {
    const result = await reconcile(key);
    queue.forget(key);
    if (result?.requeueAfterMs !== undefined) queue.addAfter(key, result.requeueAfterMs);
  } catch (error) {
    try {
      onError?.(key, error);
    } catch {
      // A failing error reporter must not stop the worker.
    }
    const after = requeueAfterOf(error);
    if (after === undefined) {
      queue.addRateLimited(key);
    } else {
      queue.forget(key);
      queue.addAfter(key, after);
    }
  } finally {
    queue.done(key);
  }
  return true;
}

/** Runs `concurrency` workers until the queue is shut down; resolves when the last one has stopped. */
export async function runWorkers(
  queue: WorkQueue,
  reconcile: Reconcile,
  options: RunWorkersOptions = {},
): Promise<void> {
  const concurrency = Math.max(1, options.concurrency ?? 1);
  const worker = async (): Promise<void> => {
    while (await processNextWorkItem(queue, reconcile, options.onError)) {
      // keep going
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}
