import { JetStreamApiError, RetentionPolicy, StorageType } from '@nats-io/jetstream';
import type { JetStreamManager, StreamConfig } from '@nats-io/jetstream';
import { Objm } from '@nats-io/obj';
import { nanos } from '@nats-io/transport-node';
import { natsNames, stepAdvisorySubjects } from './nats-names.js';
import type { NatsNames } from './nats-names.js';

/** JetStream: "stream name already in use with a different configuration" */
const STREAM_NAME_EXISTS = 10058;

export interface EnsureStreamsOptions {
  /**
   * How long a Nats-Msg-Id is remembered (default 2 min). Keep it longer than ack_wait × max_deliver of the
   * runner pools: a result published again by a redelivered job is dropped only within this window.
   */
  duplicateWindowMs?: number;
  /** Stream replicas (default 1; 3 in a clustered production NATS) */
  replicas?: number;
  storage?: StorageType;
  /** How long dead jobs stay on `<prefix>.dead.<pool>` (default 7 days) */
  deadLetterMaxAgeMs?: number;
  /** How long step data passed by reference is kept at most (default 7 days) */
  dataTtlMs?: number;
}

type Config = Partial<StreamConfig> & Pick<StreamConfig, 'name' | 'subjects' | 'retention'>;

const DAY_MS = 24 * 60 * 60 * 1000;

/** The stream configurations for `prefix` (pure, for tests and `nats stream add` by hand). */
export function streamConfigs(names: NatsNames, options: EnsureStreamsOptions = {}): Config[] {
  const common = {
    storage: options.storage ?? StorageType.File,
    num_replicas: options.replicas ?? 1,
    duplicate_window: nanos(options.duplicateWindowMs ?? 120_000),
  };
  const { prefix } = names;
  return [
    // Work queue: a job is removed once a runner acks it; one consumer per pool, on its own subject.
    {
      ...common,
      name: names.stepsStream,
      subjects: [`${prefix}.steps.*`],
      retention: RetentionPolicy.Workqueue,
    },
    // Work queue: results are transport only, the execution log is the durable record.
    {
      ...common,
      name: names.resultsStream,
      subjects: [`${prefix}.results.*`],
      retention: RetentionPolicy.Workqueue,
    },
    // The execution logs: kept until the Execution's finalizer removes them; read by direct get.
    {
      ...common,
      name: names.eventsStream,
      subjects: [`${prefix}.events.*`],
      retention: RetentionPolicy.Limits,
      allow_direct: true,
    },
    {
      ...common,
      name: names.deadStream,
      subjects: [`${prefix}.dead.*`],
      retention: RetentionPolicy.Limits,
      max_age: nanos(options.deadLetterMaxAgeMs ?? 7 * DAY_MS),
    },
    // Advisories are core NATS messages: captured in a stream, a dead job is not lost while no operator listens.
    {
      ...common,
      name: names.advisoriesStream,
      subjects: stepAdvisorySubjects(names.stepsStream),
      retention: RetentionPolicy.Workqueue,
    },
  ];
}

/**
 * Creates or updates BudFlow's streams and its data bucket for `prefix`; safe to call from every replica at
 * start-up. A stream that exists with another retention or storage is an error (JetStream cannot change those).
 */
export async function ensureStreams(
  jsm: JetStreamManager,
  prefix: string,
  options: EnsureStreamsOptions = {},
): Promise<NatsNames> {
  const names = natsNames(prefix);
  for (const config of streamConfigs(names, options)) await ensureStream(jsm, config);
  await new Objm(jsm.jetstream()).create(names.dataBucket, {
    storage: options.storage ?? StorageType.File,
    replicas: options.replicas ?? 1,
    ttl: nanos(options.dataTtlMs ?? 7 * DAY_MS),
  });
  return names;
}

async function ensureStream(jsm: JetStreamManager, config: Config): Promise<void> {
  try {
    await jsm.streams.add(config);
    return;
  } catch (error) {
    if (!(error instanceof JetStreamApiError && error.code === STREAM_NAME_EXISTS)) throw error;
  }
  const existing = (await jsm.streams.info(config.name)).config;
  for (const field of ['retention', 'storage'] as const) {
    if (config[field] !== undefined && existing[field] !== config[field]) {
      throw new Error(
        `NATS stream ${config.name} exists with ${field} "${existing[field]}", BudFlow needs "${config[field]}": ` +
          'delete the stream or use another prefix',
      );
    }
  }
  const { name: _name, retention: _retention, storage: _storage, ...update } = config;
  await jsm.streams.update(config.name, update);
}
