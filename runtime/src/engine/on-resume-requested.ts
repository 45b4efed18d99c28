import type { ResumeRequested } from './events.js';
import type { Transition } from './transition.js';
import { endWait } from './end-wait.js';

export function onResumeRequested(t: Transition, e: ResumeRequested): void {
  if (t.state.status !== 'waiting') return;
  endWait(t, e.items);
}
