import { describe, expect, it } from 'vitest';
import { KeyedSerial } from './keyed-serial.js';

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe('KeyedSerial', () => {
  it('runs tasks of one key in order, tasks of other keys alongside, and survives a failing task', async () => {
    const serial = new KeyedSerial();
    const log: string[] = [];
    const a1 = gate();
    const b1 = gate();
    const done = Promise.allSettled([
      serial.run('a', async () => {
        log.push('start a1');
        await a1.opened;
        throw new Error('a1 failed');
      }),
      serial.run('a', async () => void log.push('run a2')),
      serial.run('b', async () => {
        log.push('start b1');
        await b1.opened;
      }),
    ]);
    await new Promise((r) => setImmediate(r));
    expect(log).toEqual(['start a1', 'start b1']);
    b1.open();
    a1.open();
    const settled = await done;
    expect(settled.map((s) => s.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
    expect(log).toEqual(['start a1', 'start b1', 'run a2']);
    await new Promise((r) => setImmediate(r));
    expect(serial.size).toBe(0);
  });
});
