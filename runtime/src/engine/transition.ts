import type { EngineCommand } from './commands.js';
import type { ExecutionState } from './execution-state.js';

/**
 * A state being advanced by one event. Containers are copied on entry so handlers may replace entries
 * in them; items and runs already recorded are shared and never mutated.
 */
export interface Transition {
  state: ExecutionState;
  commands: EngineCommand[];
  at: number;
}

export function beginTransition(state: ExecutionState, at: number): Transition {
  return {
    at,
    commands: [],
    state: {
      ...state,
      runData: { ...state.runData },
      stack: [...state.stack],
      waiting: state.waiting.map((w) => ({
        node: w.node,
        entry: { inputs: [...w.entry.inputs], source: [...w.entry.source] },
      })),
      nodeContext: { ...state.nodeContext },
    },
  };
}
