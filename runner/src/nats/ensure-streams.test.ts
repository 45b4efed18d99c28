import { describe, expect, it } from 'vitest';
import { nanos } from '@nats-io/transport-node';
import { streamConfigs } from './ensure-streams.js';
import { natsNames } from './nats-names.js';

describe('streamConfigs', () => {
  const byName = (options = {}) =>
    Object.fromEntries(streamConfigs(natsNames('budflow'), options).map((c) => [c.name, c]));

  it('makes steps, results and advisories work queues, events and dead letters limits streams', () => {
    const configs = byName();
    expect(configs).toMatchObject({
      BUDFLOW_STEPS: { subjects: ['budflow.steps.*'], retention: 'workqueue' },
      BUDFLOW_RESULTS: { subjects: ['budflow.results.*'], retention: 'workqueue' },
      BUDFLOW_EVENTS: { subjects: ['budflow.events.*'], retention: 'limits', allow_direct: true },
      BUDFLOW_DEAD: {
        subjects: ['budflow.dead.*'],
        retention: 'limits',
        max_age: nanos(7 * 24 * 3600 * 1000),
      },
      BUDFLOW_STEP_ADVISORIES: { retention: 'workqueue' },
    });
    expect(Object.values(configs).map((c) => c.duplicate_window)).toEqual(Array(5).fill(nanos(120_000)));
  });

  it('takes the duplicate window and replicas from the options', () => {
    const configs = byName({ duplicateWindowMs: 600_000, replicas: 3 });
    expect(configs.BUDFLOW_STEPS).toMatchObject({ duplicate_window: nanos(600_000), num_replicas: 3 });
  });
});
