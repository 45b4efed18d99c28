import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Gives back the heap that start-up grew and no longer uses: one memory-reducing full collection, for a
 * long-running server once it is ready (`budflow serve`).
 *
 * Loading the gateway, the engine and the node library keeps nearly everything it allocates, so V8 grows its
 * young generation to its maximum (2 x 16 MiB) while it loads. Nothing shrinks it afterwards: an idle server
 * allocates next to nothing, so no collection runs, and a regular one keeps the pages for reuse anyway. That
 * was 30 of the 130 MiB `budflow serve examples/` held idle. The memory-reducing collection (V8's
 * 'last-resort' flavor) returns those pages to the system. Under load V8 grows the young generation again as
 * it needs: throughput is unchanged (npm run bench -- webhook); only the first few thousand calls after start
 * cost the server some 10% more CPU while the heap and the JIT warm up again. It takes about 0.1 s, once.
 *
 * V8 only gives `gc` to contexts created while `--expose-gc` is set: it is set for one throwaway context and
 * cleared again, so no later context (and no code run in one) gets `gc`.
 */
export function releaseStartupHeap(): void {
  collector()({ type: 'major', execution: 'sync', flavor: 'last-resort' });
}

function collector(): NodeJS.GCFunction {
  if (typeof globalThis.gc === 'function') return globalThis.gc;
  setFlagsFromString('--expose-gc');
  try {
    return runInNewContext('gc') as NodeJS.GCFunction;
  } finally {
    setFlagsFromString('--no-expose-gc');
  }
}
