import { JetStreamApiError, RetentionPolicy, StorageType } from '@nats-io/jetstream';
import type { JetStreamManager, StreamConfig } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import type { DataStore, Item } from '@budflow/runtime';
import type { WebhookOutcome, WebhookTrigger } from '../ports.js';

/**
 * The webhook trigger contract on NATS, shared by the gateway (publisher) and the operator (consumer):
 * - stream `<PREFIX>_TRIGGERS`, work queue, subjects `<prefix>.triggers.webhook.<namespace>`, Nats-Msg-Id =
 *   the delivery id, so a sender's retry within the duplicate window is stored once;
 * - the message is a TriggerMessage (JSON); items too large for a message are in the data store (`itemsRef`);
 * - the operator answers a waiting caller on core NATS `<prefix>.webhook-responses.<executionId>` with a
 *   WebhookOutcome (JSON): `responded` when Respond to Webhook runs, `finished` when the execution stops.
 */
export type TriggerMessage = Omit<WebhookTrigger, 'items'> & { items: Item[]; itemsRef?: string };

export const triggerNames = (prefix: string) => ({
  stream: `${prefix.toUpperCase()}_TRIGGERS`,
  subject: (namespace: string) => `${prefix}.triggers.webhook.${namespace}`,
  allSubjects: `${prefix}.triggers.>`,
  responseSubject: (executionId: string) => `${prefix}.webhook-responses.${executionId}`,
});

export interface TriggerStreamOptions {
  /** How long a delivery id is remembered (default 10 min: a sender's retries usually come within minutes) */
  duplicateWindowMs?: number;
  replicas?: number;
  storage?: StorageType;
}

/** Stream configuration of the trigger stream (pure). */
export function triggerStreamConfig(
  prefix: string,
  options: TriggerStreamOptions = {},
): Partial<StreamConfig> & Pick<StreamConfig, 'name' | 'subjects'> {
  const names = triggerNames(prefix);
  return {
    name: names.stream,
    subjects: [names.allSubjects],
    retention: RetentionPolicy.Workqueue,
    storage: options.storage ?? StorageType.File,
    num_replicas: options.replicas ?? 1,
    duplicate_window: nanos(options.duplicateWindowMs ?? 10 * 60_000),
  };
}

/** Creates (or updates) the trigger stream; safe from every replica at start-up. */
export async function ensureTriggerStream(
  jsm: JetStreamManager,
  prefix: string,
  options: TriggerStreamOptions = {},
): Promise<void> {
  const config = triggerStreamConfig(prefix, options);
  try {
    await jsm.streams.add(config);
  } catch (error) {
    // 10058: the stream exists (with another configuration): update what may change.
    if (!(error instanceof JetStreamApiError && error.code === 10058)) throw error;
    const { name, retention: _retention, storage: _storage, ...update } = config;
    await jsm.streams.update(name, update);
  }
}

/** The trigger a message carries, with its items fetched when they travelled by reference (operator side). */
export async function readTriggerMessage(data: Uint8Array, store: DataStore): Promise<WebhookTrigger> {
  const message = JSON.parse(new TextDecoder().decode(data)) as TriggerMessage;
  const { itemsRef, ...trigger } = message;
  if (!itemsRef) return trigger;
  const text = await store.get(itemsRef);
  if (text === undefined) throw new Error(`trigger items '${itemsRef}' are gone from the data store`);
  return { ...trigger, items: JSON.parse(text) as Item[] };
}

/** Tells the gateway replica waiting on `executionId` what happened (operator side). */
export function publishWebhookOutcome(
  nc: NatsConnection,
  prefix: string,
  executionId: string,
  outcome: WebhookOutcome,
): void {
  nc.publish(triggerNames(prefix).responseSubject(executionId), JSON.stringify(outcome));
}
