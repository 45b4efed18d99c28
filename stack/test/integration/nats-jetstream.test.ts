import { AckPolicy, jetstream, jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { connect, nanos, type NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { STACK_KEY, testPrefix } from '@budflow/stack';

const prefix = testPrefix('nats');
const stream = `${prefix}_TRIGGERS`;
let nc: NatsConnection;
let jsm: JetStreamManager;

beforeAll(async () => {
  nc = await connect({ servers: inject(STACK_KEY).natsUrl });
  jsm = await jetstreamManager(nc);
  await jsm.streams.add({
    name: stream,
    subjects: [`${prefix}.triggers.>`],
    duplicate_window: nanos(60_000),
  });
});

afterAll(async () => {
  await jsm?.streams.delete(stream);
  await nc?.close();
});

describe('NATS JetStream', () => {
  it('stores a message once when it is published twice with the same Nats-Msg-Id', async () => {
    const js = jetstream(nc);
    const first = await js.publish(`${prefix}.triggers.dedupe`, 'payload', { msgID: 'delivery-1' });
    const again = await js.publish(`${prefix}.triggers.dedupe`, 'payload', { msgID: 'delivery-1' });
    const other = await js.publish(`${prefix}.triggers.dedupe`, 'payload', { msgID: 'delivery-2' });
    expect(first.duplicate).toBe(false);
    expect(again).toMatchObject({ duplicate: true, seq: first.seq });
    expect(other.duplicate).toBe(false);
    const info = await jsm.streams.info(stream, { subjects_filter: `${prefix}.triggers.dedupe` });
    expect(info.state.subjects).toEqual({ [`${prefix}.triggers.dedupe`]: 2 });
  });

  it('redelivers an unacknowledged message after ack_wait, and not once it is acked', async () => {
    const subject = `${prefix}.triggers.redeliver`;
    await jsm.consumers.add(stream, {
      durable_name: 'runner',
      filter_subject: subject,
      ack_policy: AckPolicy.Explicit,
      ack_wait: nanos(1_000),
      max_deliver: 3,
    });
    const js = jetstream(nc);
    const published = await js.publish(subject, 'job');
    const consumer = await js.consumers.get(stream, 'runner');

    const first = await consumer.next({ expires: 5_000 });
    expect(first?.seq).toBe(published.seq);
    expect(first?.info.deliveryCount).toBe(1);
    // Not acked: the "runner" died. The server hands it out again once ack_wait has passed.
    const second = await consumer.next({ expires: 5_000 });
    expect(second?.seq).toBe(published.seq);
    expect(second?.info.deliveryCount).toBe(2);
    expect(second?.redelivered).toBe(true);
    expect(await second?.ackAck()).toBe(true);

    expect(await consumer.next({ expires: 2_500 })).toBeNull();
    const info = await consumer.info();
    expect(info.num_ack_pending).toBe(0);
    expect(info.num_redelivered).toBe(0);
  });
});
