import type { EngineCommand, EngineEvent, ExecutionState } from '@budflow/runtime';

/** Live per-node progress lines on a stream (stderr on a TTY): status, items in and out, duration. */
export function createProgressReporter(write: (line: string) => void) {
  const started = new Map<string, { node: string; itemsIn: number }>();
  return (event: EngineEvent, state: ExecutionState, commands: EngineCommand[]) => {
    for (const command of commands) {
      if (command.type !== 'dispatchStep') continue;
      const { job } = command;
      const itemsIn = job.inputs.reduce((n, items) => n + items.length, 0);
      started.set(job.stepId, { node: job.node.name, itemsIn });
      const retry = job.attempt > 1 ? ` (attempt ${job.attempt})` : '';
      write(`  ▸ ${job.node.name}${retry}: running with ${itemsIn} item${itemsIn === 1 ? '' : 's'}`);
    }
    if (event.type !== 'stepSucceeded' && event.type !== 'stepFailed') return;
    const step = started.get(event.stepId);
    if (!step) return;
    const run = state.runData[step.node]?.at(-1);
    const ms = run?.executionTime ?? 0;
    for (const log of event.logs ?? []) write(`    ${step.node} ${log.level}: ${log.message}`);
    if (event.type === 'stepSucceeded') {
      const out = (run?.data?.main ?? []).map((items) => items.length);
      write(`  ✓ ${step.node}: ${step.itemsIn} in → ${out.join(' | ') || 0} out (${ms} ms)`);
    } else {
      write(`  ✗ ${step.node}: ${event.error.message}`);
    }
  };
}
