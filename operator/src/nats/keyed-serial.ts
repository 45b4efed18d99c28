/** Runs tasks of the same key one after another, in call order; tasks of different keys run side by side. */
export class KeyedSerial {
  private readonly tails = new Map<string, Promise<void>>();

  run(key: string, task: () => Promise<void>): Promise<void> {
    const run = (this.tails.get(key) ?? Promise.resolve()).then(task);
    const tail = run.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return run;
  }

  /** Keys with a task queued or running (for tests) */
  get size(): number {
    return this.tails.size;
  }
}
