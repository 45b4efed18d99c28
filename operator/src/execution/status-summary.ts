import type { ExecutionPhase, ExecutionState, ExecutionStatus, NodeSummary } from '@budflow/runtime';

/** At most this many nodes are summarised in an Execution's status (etcd objects are capped at 1.5 MiB). */
export const MAX_NODE_SUMMARIES = 100;
const MAX_MESSAGE = 1024;

const PHASES: Record<ExecutionState['status'], ExecutionPhase> = {
  new: 'Pending',
  running: 'Running',
  waiting: 'Waiting',
  success: 'Succeeded',
  error: 'Failed',
  canceled: 'Cancelled',
};

export function phaseOf(state: ExecutionState): ExecutionPhase {
  return PHASES[state.status];
}

/**
 * The bounded status of an Execution: phase, times, error and a per-node summary (runs, item counts, time,
 * message). Never item data.
 */
export function statusSummary(state: ExecutionState): ExecutionStatus {
  const nodes: Record<string, NodeSummary> = {};
  for (const [name, runs] of Object.entries(state.runData).slice(0, MAX_NODE_SUMMARIES)) {
    const last = runs.at(-1)!;
    nodes[name] = {
      phase: last.executionStatus === 'error' ? 'Failed' : 'Succeeded',
      runs: runs.length,
      itemsIn: runs.reduce((n, run) => n + itemsInOf(state, run.source), 0),
      itemsOut: runs.reduce(
        (n, run) => n + (run.data?.main ?? []).reduce((m, items) => m + items.length, 0),
        0,
      ),
      durationMs: runs.reduce((n, run) => n + run.executionTime, 0),
      ...(last.error ? { message: last.error.message.slice(0, MAX_MESSAGE) } : {}),
    };
  }
  const current = state.current;
  if (current && !nodes[current.entry.node]) {
    nodes[current.entry.node] = { phase: current.pause ? 'Waiting' : 'Running', runs: 0 };
  }
  return {
    phase: phaseOf(state),
    ...(state.startedAt !== undefined ? { startedAt: new Date(state.startedAt).toISOString() } : {}),
    ...(state.finishedAt !== undefined ? { finishedAt: new Date(state.finishedAt).toISOString() } : {}),
    nodes,
    ...(state.error
      ? {
          error: {
            message: state.error.message.slice(0, MAX_MESSAGE),
            ...(state.error.node ? { node: state.error.node } : {}),
            ...(state.error.description
              ? { description: state.error.description.slice(0, MAX_MESSAGE) }
              : {}),
          },
        }
      : {}),
  };
}

function itemsInOf(
  state: ExecutionState,
  source: Array<{ previousNode: string; previousNodeOutput: number; previousNodeRun: number } | null>,
): number {
  let count = 0;
  for (const s of source) {
    if (!s) continue;
    count +=
      state.runData[s.previousNode]?.[s.previousNodeRun]?.data?.main[s.previousNodeOutput]?.length ?? 0;
  }
  return count;
}
