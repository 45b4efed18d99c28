import type { Item } from '../spec/items.js';
import type { Transition } from './transition.js';
import { recordRun } from './record-run.js';
import { scheduleNext } from './schedule-next.js';

/** A paused node's run completes (its wait ended or it was resumed) and the execution goes on. */
export function endWait(t: Transition, items?: Item[]): void {
  const s = t.state;
  const current = s.current;
  if (!current?.pause) return;
  const outputs = items ? [items, ...current.pause.outputs.slice(1)] : current.pause.outputs;
  if (current.pause.timerId && items)
    t.commands.push({ type: 'cancelTimer', timerId: current.pause.timerId });
  s.status = 'running';
  delete s.current;
  recordRun(t, current.entry, { outputs, startTime: current.startedAt });
  scheduleNext(t);
}
