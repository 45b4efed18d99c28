import { JetStreamApiError, RetentionPolicy, StorageType } from '@nats-io/jetstream';
import type { JetStreamManager } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import type { DataStore, Item } from '@budflow/runtime';

/**
 * The operator's copy of the webhook trigger contract on NATS. Its owner is the gateway
 * (webhook-gateway/src/nats/trigger-wire.ts: stream, subjects, TriggerMessage, WebhookOutcome); it is mirrored here
 * because the gateway depends on the operator (its Workflow informer) and the build order cannot go both ways.
 * Both sides are exercised together by webhook-gateway/test/integration/cluster-webhook.test.ts.
 */
export const webhookWireNames = (prefix: string) => ({
  stream: `${prefix.toUpperCase()}_TRIGGERS`,
  allSubjects: `${prefix}.triggers.>`,
  webhookSubjects: `${prefix}.triggers.webhook.>`,
  responseSubject: (executionId: string) => `${prefix}.webhook-responses.${executionId}`,
  outcomeStream: `${prefix.toUpperCase()}_WEBHOOK_OUTCOMES`,
  outcomeSubject: (executionId: string, type: 'responded' | 'finished') =>
    `${prefix}.webhook-outcomes.${executionId}.${type}`,
});

/**
 * Outcomes of keyed deliveries are also kept for the dedupe window (last one per subject), so a sender's retry
 * that arrives after the execution answered gets the same answer (webhook-gateway/src/cluster/replayed-outcomes.ts).
 */
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

/** Creates the trigger stream when the gateway has not yet (same configuration as the gateway's). */
export async function ensureWebhookTriggerStream(jsm: JetStreamManager, prefix: string): Promise<void> {
  const names = webhookWireNames(prefix);
  try {
    await jsm.streams.add({
      name: names.stream,
      subjects: [names.allSubjects],
      retention: RetentionPolicy.Workqueue,
      storage: StorageType.File,
      num_replicas: 1,
      duplicate_window: nanos(10 * 60_000),
    });
  } catch (error) {
    // 10058: it exists already (made by a gateway, whose settings win).
    if (!(error instanceof JetStreamApiError && error.code === 10058)) throw error;
  }
}

/** The trigger a message carries, with its items fetched when they travelled by reference. */
export async function readWebhookTrigger(data: Uint8Array, store: DataStore): Promise<WebhookTriggerMessage> {
  const message = JSON.parse(new TextDecoder().decode(data)) as WebhookTriggerMessage;
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
