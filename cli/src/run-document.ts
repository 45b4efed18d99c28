import type { ExecutionState, Item, NodeRun } from '@budflow/runtime';

/** The `--output json` document: the execution's outcome and every node's runs with the items on each output. */
export interface RunDocument {
  executionId: string;
  workflow: string;
  status: string;
  error: { message: string; node?: string; description?: string } | null;
  startedAt: string | null;
  finishedAt: string | null;
  lastNodeExecuted: string | null;
  runData: Record<string, RunDocumentRun[]>;
}

export interface RunDocumentRun {
  status: NodeRun['executionStatus'];
  startTime: string;
  executionTime: number;
  pinned?: boolean;
  source: NodeRun['source'];
  outputs: Item[][];
  error?: { name: string; message: string; description?: string };
}

export function toRunDocument(state: ExecutionState): RunDocument {
  const runData: Record<string, RunDocumentRun[]> = {};
  for (const [node, runs] of Object.entries(state.runData)) {
    runData[node] = runs.map((run) => ({
      status: run.executionStatus,
      startTime: new Date(run.startTime).toISOString(),
      executionTime: run.executionTime,
      ...(run.pinned ? { pinned: true } : {}),
      source: run.source,
      outputs: run.data?.main ?? [],
      ...(run.error
        ? {
            error: {
              name: run.error.name,
              message: run.error.message,
              ...(run.error.description ? { description: run.error.description } : {}),
            },
          }
        : {}),
    }));
  }
  return {
    executionId: state.executionId,
    workflow: state.workflowName,
    status: state.status,
    error: state.error
      ? {
          message: state.error.message,
          ...(state.error.node ? { node: state.error.node } : {}),
          ...(state.error.description ? { description: state.error.description } : {}),
        }
      : null,
    startedAt: state.startedAt !== undefined ? new Date(state.startedAt).toISOString() : null,
    finishedAt: state.finishedAt !== undefined ? new Date(state.finishedAt).toISOString() : null,
    lastNodeExecuted: state.lastNodeExecuted ?? null,
    runData,
  };
}
