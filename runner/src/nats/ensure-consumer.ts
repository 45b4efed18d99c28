import { AckPolicy, DeliverPolicy, JetStreamApiError } from '@nats-io/jetstream';
import type { ConsumerConfig, ConsumerInfo, JetStreamManager } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';

/** JetStream: "consumer already exists" (created with another configuration) */
const CONSUMER_EXISTS = 10148;

export interface DurableConsumerOptions {
  stream: string;
  durable: string;
  /** Only these messages of the stream (default: all) */
  filterSubject?: string;
  ackWaitMs: number;
  /** -1: unlimited */
  maxDeliver: number;
}

/**
 * Creates a durable pull consumer with explicit acks, or brings an existing one to these settings (ack_wait and
 * max_deliver may change between releases; the last replica to start wins, which is what a rollout wants).
 */
export async function ensureDurableConsumer(
  jsm: JetStreamManager,
  options: DurableConsumerOptions,
): Promise<ConsumerInfo> {
  const config: Partial<ConsumerConfig> = {
    durable_name: options.durable,
    ...(options.filterSubject ? { filter_subject: options.filterSubject } : {}),
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    ack_wait: nanos(options.ackWaitMs),
    max_deliver: options.maxDeliver,
  };
  try {
    return await jsm.consumers.add(options.stream, config);
  } catch (error) {
    if (!(error instanceof JetStreamApiError && error.code === CONSUMER_EXISTS)) throw error;
  }
  return jsm.consumers.update(options.stream, options.durable, {
    ack_wait: config.ack_wait!,
    max_deliver: options.maxDeliver,
    ...(options.filterSubject ? { filter_subject: options.filterSubject } : {}),
  });
}
