import type { JetStreamManager } from '@nats-io/jetstream';
import { webhookWireNames } from '@budflow/runner';
import type {
  PendingOutcome,
  ResponseWaiter,
  TriggerAccepted,
  TriggerSink,
  WebhookOutcome,
  WebhookTrigger,
} from '../ports.js';

/** Where the operator keeps the outcomes of keyed deliveries (the shared contract in @budflow/runner). */
export const webhookOutcomeNames = (prefix: string) => {
  const names = webhookWireNames(prefix);
  return { stream: names.outcomeStream, subject: names.outcomeSubject };
};

interface Waiter {
  until: 'lastNode' | 'responseNode';
  resolve: (outcome: WebhookOutcome) => void;
}

/**
 * Cluster intake and response channel with retries answered: a delivery JetStream reports as a duplicate may
 * belong to an execution that already answered, whose NATS outcome is gone; its outcome is then read from the
 * stream where the operator keeps those of keyed deliveries, so the retry gets the first call's answer at once
 * (else it waits for the live outcome as usual).
 */
export class ReplayedOutcomes implements TriggerSink, ResponseWaiter {
  private readonly waiting = new Map<string, Set<Waiter>>();

  constructor(
    private readonly sink: TriggerSink,
    private readonly responses: ResponseWaiter,
    private readonly jsm: JetStreamManager,
    private readonly prefix: string,
  ) {}

  healthy(): boolean {
    return this.sink.healthy();
  }

  expect(executionId: string, until: 'lastNode' | 'responseNode'): PendingOutcome {
    const live = this.responses.expect(executionId, until);
    let waiter!: Waiter;
    const replayed = new Promise<WebhookOutcome>((resolve) => (waiter = { until, resolve }));
    const set = this.waiting.get(executionId) ?? new Set<Waiter>();
    set.add(waiter);
    this.waiting.set(executionId, set);
    const done = () => {
      set.delete(waiter);
      if (set.size === 0 && this.waiting.get(executionId) === set) this.waiting.delete(executionId);
    };
    const outcome = Promise.race([live.outcome, replayed]).then((value) => {
      done();
      live.cancel();
      return value;
    });
    return {
      outcome,
      cancel: () => {
        done();
        live.cancel();
      },
    };
  }

  async submit(trigger: WebhookTrigger): Promise<TriggerAccepted> {
    const accepted = await this.sink.submit(trigger);
    if (accepted.duplicate && this.waiting.has(accepted.executionId)) void this.replay(accepted.executionId);
    return accepted;
  }

  private async replay(executionId: string): Promise<void> {
    const [responded, finished] = await Promise.all([
      this.stored(executionId, 'responded'),
      this.stored(executionId, 'finished'),
    ]);
    for (const waiter of [...(this.waiting.get(executionId) ?? [])]) {
      const outcome = (waiter.until === 'responseNode' ? responded : undefined) ?? finished;
      if (outcome) waiter.resolve(outcome);
    }
  }

  private async stored(
    executionId: string,
    type: 'responded' | 'finished',
  ): Promise<WebhookOutcome | undefined> {
    const names = webhookOutcomeNames(this.prefix);
    try {
      const message = await this.jsm.streams.getMessage(names.stream, {
        last_by_subj: names.subject(executionId, type),
      });
      return message ? message.json<WebhookOutcome>() : undefined;
    } catch {
      return undefined; // not kept (no key, expired, or no operator yet): the live outcome still counts
    }
  }
}
