import { JetStreamApiError, RetentionPolicy, StorageType } from '@nats-io/jetstream';
import type { JetStreamManager, StreamConfig } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import type { DataStore, Item } from '@budflow/runtime';

/**
 * The webhook trigger contract on NATS, shared by the gateway (publisher) and the operator (consumer):
 * - stream `<PREFIX>_TRIGGERS`, work queue, subjects `<prefix>.triggers.webhook.<namespace>`, Nats-Msg-Id = the
 *   delivery id, so a sender's retry within the duplicate window is stored once;
 * - the message is a WebhookTriggerMessage (JSON); items too large for a message are in the data store (`itemsRef`);
 * - the operator answers a waiting caller on core NATS `<prefix>.webhook-responses.<executionId>` with a
 *   WebhookOutcomeMessage: `responded` when Respond to Webhook runs, `finished` when the execution stops;
 * - outcomes of keyed deliveries are also kept (last per subject, 10 min) on `<PREFIX>_WEBHOOK_OUTCOMES`, so a
 *   sender's retry after the execution answered gets the same answer.
 */
export const webhookWireNames = (prefix: string) => ({
  stream: `${prefix.toUpperCase()}_TRIGGERS`,
  subject: (namespace: string) => `${prefix}.triggers.webhook.${namespace}`,
  allSubjects: `${prefix}.triggers.>`,
  webhookSubjects: `${prefix}.triggers.webhook.>`,
  responseSubject: (executionId: string) => `${prefix}.webhook-responses.${executionId}`,
  outcomeStream: `${prefix.toUpperCase()}_WEBHOOK_OUTCOMES`,
  outcomeSubject: (executionId: string, type: 'responded' | 'finished') =>
    `${prefix}.webhook-outcomes.${executionId}.${type}`,
});

/** A webhook trigger as the gateway publishes it (items in the data store under `itemsRef` when large). */
export interface WebhookTriggerMessage {
  deliveryId: string;
  executionId: string;
  keyed: boolean;
  namespace: string;
  workflow: string;
  node: string;
  mode: 'production' | 'test';
  items: Item[];
  itemsRef?: string;
  binaryRefs: string[];
  responseMode: 'onReceived' | 'lastNode' | 'responseNode';
  receivedAt: number;
}

export type WebhookOutcomeMessage =
  | { type: 'responded'; response: unknown }
  | {
      type: 'finished';
      status: 'success' | 'error' | 'canceled' | 'waiting';
      lastNode?: string;
      items: Item[];
      error?: string;
    };

export interface TriggerStreamOptions {
  /** How long a delivery id is remembered (default 10 min: a sender's retries usually come within minutes) */
  duplicateWindowMs?: number;
  replicas?: number;
  storage?: StorageType;
  /** Update an existing stream to these options (default true); the operator leaves the gateway's settings */
  updateExisting?: boolean;
}

/** Stream configuration of the trigger stream (pure). */
export function triggerStreamConfig(
  prefix: string,
  options: TriggerStreamOptions = {},
): Partial<StreamConfig> & Pick<StreamConfig, 'name' | 'subjects'> {
  const names = webhookWireNames(prefix);
  return {
    name: names.stream,
    subjects: [names.allSubjects],
    retention: RetentionPolicy.Workqueue,
    storage: options.storage ?? StorageType.File,
    num_replicas: options.replicas ?? 1,
    duplicate_window: nanos(options.duplicateWindowMs ?? 10 * 60_000),
  };
}

/** Creates (or updates) the trigger stream; safe from every gateway and operator replica at start-up. */
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
    if (options.updateExisting === false) return;
    const { name, retention: _retention, storage: _storage, ...update } = config;
    await jsm.streams.update(name, update);
  }
}

/** Creates the stream that keeps outcomes of keyed deliveries for retries. */
export async function ensureWebhookOutcomeStream(jsm: JetStreamManager, prefix: string): Promise<void> {
  const names = webhookWireNames(prefix);
  try {
    await jsm.streams.add({
      name: names.outcomeStream,
      subjects: [`${prefix}.webhook-outcomes.>`],
      retention: RetentionPolicy.Limits,
      storage: StorageType.File,
      num_replicas: 1,
      max_msgs_per_subject: 1,
      max_age: nanos(10 * 60_000),
    });
  } catch (error) {
    if (!(error instanceof JetStreamApiError && error.code === 10058)) throw error;
  }
}

/** The trigger a message carries, as sent: large items stay in the data store under `itemsRef`. */
export function parseWebhookTrigger(data: Uint8Array): WebhookTriggerMessage {
  return JSON.parse(new TextDecoder().decode(data)) as WebhookTriggerMessage;
}

/** The trigger a message carries, with its items fetched when they travelled by reference. */
export async function readWebhookTrigger(data: Uint8Array, store: DataStore): Promise<WebhookTriggerMessage> {
  const message = parseWebhookTrigger(data);
  const { itemsRef, ...trigger } = message;
  if (!itemsRef) return message;
  const text = await store.get(itemsRef);
  if (text === undefined) throw new Error(`trigger items '${itemsRef}' are gone from the data store`);
  return { ...trigger, items: JSON.parse(text) as Item[] };
}

/** Tells the gateway replica waiting on `executionId` what happened (core NATS, fire and forget). */
export function publishWebhookOutcome(
  nc: NatsConnection,
  prefix: string,
  executionId: string,
  outcome: WebhookOutcomeMessage,
): void {
  nc.publish(webhookWireNames(prefix).responseSubject(executionId), JSON.stringify(outcome));
}
