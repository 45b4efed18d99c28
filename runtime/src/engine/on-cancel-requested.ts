import type { CancelRequested } from './events.js';
import type { Transition } from './transition.js';
import { finish } from './finish.js';

export function onCancelRequested(t: Transition, e: CancelRequested): void {
  const s = t.state;
  if (s.status !== 'running' && s.status !== 'new' && s.status !== 'waiting') return;
  finish(t, 'canceled', { message: e.reason ?? `execution '${s.executionId}' was cancelled` });
}
