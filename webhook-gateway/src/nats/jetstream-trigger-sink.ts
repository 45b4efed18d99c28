import type { JetStreamClient } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { DataStore } from '@budflow/runtime';
import type { TriggerAccepted, TriggerSink, WebhookTrigger } from '../ports.js';
import { triggerNames } from './trigger-wire.js';
import type { TriggerMessage } from './trigger-wire.js';

export interface JetStreamTriggerSinkOptions {
  nc: NatsConnection;
  js: JetStreamClient;
  prefix: string;
  /** Where items too large for a message go (JetStreamDataStore) */
  store: DataStore;
  /** Items whose JSON is larger than this travel by reference (default 512 KiB; NATS' default max payload is 1 MiB) */
  inlineLimitBytes?: number;
  /** How long to wait for the PubAck (default 5 s) */
  timeoutMs?: number;
}

/**
 * Cluster intake: publishes each trigger to JetStream with Nats-Msg-Id = delivery id and resolves only on the
 * PubAck, so the caller is answered only once the trigger is stored; a retried delivery is acknowledged as a
 * duplicate and stored once. Unhealthy while the connection is down, so the gateway sheds with 503 at once
 * instead of holding calls.
 */
export class JetStreamTriggerSink implements TriggerSink {
  private connected = true;
  private readonly names;

  constructor(private readonly options: JetStreamTriggerSinkOptions) {
    this.names = triggerNames(options.prefix);
    void this.watch();
  }

  healthy(): boolean {
    return this.connected && !this.options.nc.isClosed();
  }

  async submit(trigger: WebhookTrigger): Promise<TriggerAccepted> {
    const message = await this.pack(trigger);
    const ack = await this.options.js.publish(
      this.names.subject(trigger.namespace),
      JSON.stringify(message),
      {
        msgID: trigger.deliveryId,
        expect: { streamName: this.names.stream },
        timeout: this.options.timeoutMs ?? 5_000,
      },
    );
    return { executionId: trigger.executionId, duplicate: ack.duplicate };
  }

  private async pack(trigger: WebhookTrigger): Promise<TriggerMessage> {
    const items = JSON.stringify(trigger.items);
    if (items.length <= (this.options.inlineLimitBytes ?? 512 * 1024)) return trigger;
    const itemsRef = `triggers/${trigger.executionId}/items`;
    await this.options.store.put(itemsRef, items);
    return { ...trigger, items: [], itemsRef };
  }

  private async watch(): Promise<void> {
    for await (const status of this.options.nc.status()) {
      if (status.type === 'disconnect' || status.type === 'staleConnection') this.connected = false;
      if (status.type === 'reconnect') this.connected = true;
    }
    this.connected = false;
  }
}
