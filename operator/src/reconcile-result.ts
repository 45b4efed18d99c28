/** Thrown by a reconcile to be called again after a delay, without counting as a failure. */
export class RequeueAfter extends Error {
  constructor(readonly requeueAfterMs: number) {
    super(`requeue after ${requeueAfterMs} ms`);
    this.name = 'RequeueAfter';
  }
}
