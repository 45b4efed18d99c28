import { describe, expect, it } from 'vitest';
import { abandonedResult, parseMaxDeliveriesAdvisory } from './dead-letter-router.js';

describe('dead letters', () => {
  it('turns a max-deliveries advisory into a crash result', () => {
    const advisory = parseMaxDeliveriesAdvisory({
      type: 'io.nats.jetstream.advisory.v1.max_deliver',
      id: 'x',
      timestamp: '2026-01-01T00:00:00Z',
      stream: 'BUDFLOW_STEPS',
      consumer: 'runner-default',
      stream_seq: 7,
      deliveries: 3,
    });
    expect(abandonedResult(advisory, { node: { name: 'Code' } as never })).toEqual({
      ok: false,
      error: {
        name: 'RunnerError',
        reason: 'crash',
        message: 'step abandoned after 3 deliveries: no runner finished it',
        node: 'Code',
      },
    });
  });

  it.each([
    ['another advisory', { type: 'io.nats.jetstream.advisory.v1.terminated', stream: 'S', stream_seq: 1 }],
    ['no sequence', { type: 'io.nats.jetstream.advisory.v1.max_deliver', stream: 'S' }],
    ['null', null],
  ])('refuses %s', (_name, data) => {
    expect(() => parseMaxDeliveriesAdvisory(data)).toThrow('not a JetStream max-deliveries advisory');
  });
});
