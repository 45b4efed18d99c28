import type { NatsConnection } from '@nats-io/transport-node';
import type { PendingOutcome, ResponseWaiter, WebhookOutcome } from '../ports.js';
import { triggerNames } from './trigger-wire.js';

/**
 * Cluster response channel: a caller waiting on an execution subscribes to
 * `<prefix>.webhook-responses.<executionId>` before the trigger is published (the subscription reaches the
 * server ahead of the publish on the same connection), and takes the first outcome it waits for.
 */
export class NatsResponseWaiter implements ResponseWaiter {
  constructor(
    private readonly nc: NatsConnection,
    private readonly prefix: string,
  ) {}

  expect(executionId: string, until: 'lastNode' | 'responseNode'): PendingOutcome {
    const subscription = this.nc.subscribe(triggerNames(this.prefix).responseSubject(executionId));
    const outcome = (async (): Promise<WebhookOutcome> => {
      for await (const message of subscription) {
        let value: WebhookOutcome;
        try {
          value = message.json<WebhookOutcome>();
        } catch {
          continue;
        }
        if (value.type === 'finished' || (value.type === 'responded' && until === 'responseNode')) {
          subscription.unsubscribe();
          return value;
        }
      }
      // Unsubscribed without an outcome (cancelled, or the connection closed): never settles for the caller.
      return new Promise<WebhookOutcome>(() => undefined);
    })();
    return { outcome, cancel: () => subscription.unsubscribe() };
  }
}
