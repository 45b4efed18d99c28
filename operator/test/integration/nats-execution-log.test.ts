import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { JetStreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { ensureStreams, InvalidNatsNameError } from '@budflow/runner';
import type { NatsNames } from '@budflow/runner';
import { STACK_KEY, testPrefix } from '@budflow/stack';
import { JetStreamExecutionLog } from '../../src/nats/index.js';
import type { CreatedRecord, LogRecord } from '../../src/nats/index.js';

// The execution log on a real nats-server: the record a new leader rebuilds every running execution from.

let nc: NatsConnection;
let jsm: JetStreamManager;
const prefixes: NatsNames[] = [];

async function logFor(duplicateWindowMs = 60_000, batchSize?: number) {
  const names = await ensureStreams(jsm, testPrefix('nats-log'), { duplicateWindowMs });
  prefixes.push(names);
  const log = new JetStreamExecutionLog({ js: jetstream(nc), prefix: names.prefix, batchSize });
  return { log, names };
}

beforeAll(async () => {
  nc = await connect({ servers: inject(STACK_KEY).natsUrl });
  jsm = await jetstreamManager(nc);
});

afterAll(async () => {
  for (const names of prefixes) {
    for (const stream of [names.stepsStream, names.resultsStream, names.eventsStream, names.deadStream])
      await jsm.streams.delete(stream).catch(() => undefined);
    await jsm.streams.delete(names.advisoriesStream).catch(() => undefined);
    await jsm.streams.delete(`OBJ_${names.dataBucket}`).catch(() => undefined);
  }
  await nc?.close();
});

const created = (name: string): CreatedRecord => ({
  kind: 'created',
  namespace: 'default',
  name,
  workflowName: 'wf',
  spec: { nodes: [], connections: [] } as unknown as CreatedRecord['spec'],
  mode: 'manual',
  at: 1_000,
});
const event = (at: number): LogRecord => ({ kind: 'event', event: { type: 'timerFired', at } as never });

describe('JetStreamExecutionLog', () => {
  it('reads back what was appended, in order, and only that execution', async () => {
    const { log } = await logFor();
    const id = randomUUID();
    const other = randomUUID();
    await log.append(id, created('run-1'), `${id}/created`);
    await log.append(other, created('run-2'), `${other}/created`);
    for (let i = 0; i < 5; i++) await log.append(id, event(i), `${id}/event/${i}`);

    expect(await log.read(id)).toEqual([created('run-1'), ...[0, 1, 2, 3, 4].map(event)]);
    expect(await log.read(other)).toEqual([created('run-2')]);
    expect(await log.read(randomUUID())).toEqual([]);
  });

  it('appends once per dedupe id: the stream drops a repeat', async () => {
    const { log, names } = await logFor();
    const id = randomUUID();
    await log.append(id, created('run'), `${id}/created`);
    await log.append(id, event(1), `${id}/event/1`);
    // A stale leader writes the same facts again, one with other content: the first write wins.
    await log.append(id, created('stale'), `${id}/created`);
    await log.append(id, event(1), `${id}/event/1`);

    expect(await log.read(id)).toEqual([created('run'), event(1)]);
    const info = await jsm.streams.info(names.eventsStream, { subjects_filter: names.eventsSubject(id) });
    expect(info.state.subjects).toEqual({ [names.eventsSubject(id)]: 2 });
  });

  it('skips a repeat appended after the duplicate window when reading', async () => {
    const { log, names } = await logFor(500);
    const id = randomUUID();
    await log.append(id, event(1), `${id}/event/1`);
    await new Promise((r) => setTimeout(r, 1_200));
    await log.append(id, event(1), `${id}/event/1`);
    await log.append(id, event(2), `${id}/event/2`);

    const info = await jsm.streams.info(names.eventsStream, { subjects_filter: names.eventsSubject(id) });
    expect(info.state.subjects).toEqual({ [names.eventsSubject(id)]: 3 });
    expect(await log.read(id)).toEqual([event(1), event(2)]);
  });

  it('reads a log longer than one direct-get batch in order', async () => {
    const { log } = await logFor(60_000, 50);
    const id = randomUUID();
    const interleaved = randomUUID();
    for (let i = 0; i < 230; i++) {
      await log.append(id, event(i), `${id}/event/${i}`);
      if (i % 3 === 0) await log.append(interleaved, event(i), `${interleaved}/event/${i}`);
    }
    const records = await log.read(id);
    expect(records).toHaveLength(230);
    expect(records).toEqual(Array.from({ length: 230 }, (_, i) => event(i)));
  });

  it('remove() purges the execution and leaves the others', async () => {
    const { log, names } = await logFor();
    const id = randomUUID();
    const other = randomUUID();
    await log.append(id, created('gone'), `${id}/created`);
    await log.append(id, event(1), `${id}/event/1`);
    await log.append(other, created('kept'), `${other}/created`);

    await log.remove(id);
    expect(await log.read(id)).toEqual([]);
    expect(await log.read(other)).toEqual([created('kept')]);
    const info = await jsm.streams.info(names.eventsStream, { subjects_filter: `${names.prefix}.events.*` });
    expect(info.state.subjects).toEqual({ [names.eventsSubject(other)]: 1 });
    await log.remove(id);
  });

  it('refuses an execution id that is not a subject token', async () => {
    const { log } = await logFor();
    await expect(log.append('default.run', event(1), 'x')).rejects.toThrow(InvalidNatsNameError);
    await expect(log.read('runs.>')).rejects.toThrow(/executionId "runs.>" cannot be used in a NATS subject/);
  });
});
