import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { jetstream, jetstreamManager, RetentionPolicy } from '@nats-io/jetstream';
import type { JetStreamManager } from '@nats-io/jetstream';
import { connect, nanos } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { ensureStreams, JetStreamDataStore, natsNames } from '@budflow/runner';
import { STACK_KEY, testPrefix } from '@budflow/stack';

// Stream set-up and the object-store DataStore on a real nats-server.

let nc: NatsConnection;
let jsm: JetStreamManager;
const created: string[] = [];

beforeAll(async () => {
  nc = await connect({ servers: inject(STACK_KEY).natsUrl });
  jsm = await jetstreamManager(nc);
});

afterAll(async () => {
  for (const prefix of created) {
    const names = natsNames(prefix);
    const streams = [names.stepsStream, names.resultsStream, names.eventsStream, names.deadStream];
    for (const stream of [...streams, names.advisoriesStream, `OBJ_${names.dataBucket}`])
      await jsm.streams.delete(stream).catch(() => undefined);
  }
  await nc?.close();
});

const fresh = (base: string) => {
  const prefix = testPrefix(base);
  created.push(prefix);
  return prefix;
};

describe('ensureStreams', () => {
  it('creates the streams and the bucket, is idempotent, and updates what may change', async () => {
    const prefix = fresh('nats-ensure');
    const names = await ensureStreams(jsm, prefix);
    await ensureStreams(jsm, prefix);
    const steps = await jsm.streams.info(names.stepsStream);
    expect(steps.config).toMatchObject({
      subjects: [`${prefix}.steps.*`],
      retention: RetentionPolicy.Workqueue,
      duplicate_window: nanos(120_000),
    });
    expect((await jsm.streams.info(names.eventsStream)).config).toMatchObject({
      retention: 'limits',
      allow_direct: true,
    });
    expect((await jsm.streams.info(`OBJ_${names.dataBucket}`)).config.subjects).toContain(
      `$O.${prefix}-data.C.>`,
    );

    await ensureStreams(jsm, prefix, { duplicateWindowMs: 300_000 });
    expect((await jsm.streams.info(names.stepsStream)).config.duplicate_window).toBe(nanos(300_000));
  });

  it('refuses a stream that exists with another retention', async () => {
    const prefix = fresh('nats-clash');
    const names = natsNames(prefix);
    await jsm.streams.add({
      name: names.stepsStream,
      subjects: [`${prefix}.steps.*`],
      retention: RetentionPolicy.Limits,
    });
    await expect(ensureStreams(jsm, prefix)).rejects.toThrow(
      `NATS stream ${names.stepsStream} exists with retention "limits", BudFlow needs "workqueue"`,
    );
  });
});

describe('JetStreamDataStore', () => {
  it('puts, gets and deletes values, chunking large ones', async () => {
    const prefix = fresh('nats-store');
    await ensureStreams(jsm, prefix);
    const store = await JetStreamDataStore.open(jetstream(nc), prefix);
    const large = JSON.stringify({ text: 'é'.repeat(300_000) });
    await store.put('steps/ex/Node with spaces/0/1/inputs', large);
    await store.put('small', '[]');
    expect(await store.get('steps/ex/Node with spaces/0/1/inputs')).toBe(large);
    expect(await store.get('small')).toBe('[]');
    expect(await store.get('missing')).toBeUndefined();

    await store.delete('small');
    await store.delete('missing');
    expect(await store.get('small')).toBeUndefined();
  });

  it('fails a read whose chunks vanished after getTimeoutMs instead of hanging', async () => {
    const prefix = fresh('nats-store');
    const names = await ensureStreams(jsm, prefix);
    const store = await JetStreamDataStore.open(jetstream(nc), prefix, { getTimeoutMs: 500 });
    await store.put('k', 'x'.repeat(1_000));
    await jsm.streams.purge(`OBJ_${names.dataBucket}`, { filter: `$O.${names.dataBucket}.C.>` });
    await expect(store.get('k')).rejects.toThrow("reading 'k' from the data store timed out");
  });
});
