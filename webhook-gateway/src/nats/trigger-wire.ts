import type { Item } from '@budflow/runtime';
import { webhookWireNames } from '@budflow/runner';
import type { WebhookTrigger } from '../ports.js';

// The trigger contract lives in the shared NATS transport module (@budflow/runner: nats/webhook-wire.ts), used by
// the operator too. These are the gateway's names for it.
export {
  ensureTriggerStream,
  publishWebhookOutcome,
  readWebhookTrigger as readTriggerMessage,
  triggerStreamConfig,
} from '@budflow/runner';
export type { TriggerStreamOptions } from '@budflow/runner';

/** A trigger message as published: the gateway's WebhookTrigger, its items by reference when large. */
export type TriggerMessage = Omit<WebhookTrigger, 'items'> & { items: Item[]; itemsRef?: string };

export const triggerNames = webhookWireNames;
