import type { DataStore } from '@budflow/runtime';
import {
  ensureDurableConsumer,
  natsNames,
  parsePackedResult,
  runPullWorkers,
  unpackResult,
  withHeartbeat,
} from '@budflow/runner';
import type { NatsNames, PackedStepResult } from '@budflow/runner';
import type { JetStreamClient, JetStreamManager, JsMsg } from '@nats-io/jetstream';
import type { StepResultMessage, StepResultSource } from './contracts.js';
import { DeadLetterRouter, parseMaxDeliveriesAdvisory } from './dead-letter-router.js';
import type { MaxDeliveriesAdvisory } from './dead-letter-router.js';
import { KeyedSerial } from './keyed-serial.js';

export interface JetStreamResultSourceOptions {
  js: JetStreamClient;
  prefix: string;
  /** Where results passed by reference live (JetStreamDataStore) */
  store: DataStore;
  /** Results handled at once; results of one execution are still handled one at a time, in order (default 8) */
  concurrency?: number;
  /** A result not acked within this time (handler not resolved, no heartbeat) is delivered again (default 30 s) */
  ackWaitMs?: number;
  /** Interval of in-progress acks while the handler runs (default ackWaitMs / 3) */
  heartbeatMs?: number;
  /** First delay before a result whose handler threw is delivered again, doubled per delivery (default 1 s) */
  nakDelayMs?: number;
  maxNakDelayMs?: number;
  /** How long one pull waits on the server (default 5 s) */
  pullExpiresMs?: number;
  onError?: (error: unknown, context: { stepId?: string; executionId?: string }) => void;
}

/**
 * Step results for the leader: a durable consumer `operator` on `<prefix>.results.*`, acked once the handler
 * resolves and nak'ed with a growing delay when it throws. It also dead-letters jobs JetStream gave up on (see
 * DeadLetterRouter), whose failure results then arrive here like any other result.
 */
export class JetStreamResultSource implements StepResultSource {
  private readonly names: NatsNames;
  private readonly serial = new KeyedSerial();

  constructor(private readonly options: JetStreamResultSourceOptions) {
    this.names = natsNames(options.prefix);
  }

  async consume(handler: (message: StepResultMessage) => Promise<void>, signal: AbortSignal): Promise<void> {
    const { js } = this.options;
    const jsm = await js.jetstreamManager();
    await this.ensureConsumers(jsm);
    const results = await js.consumers.get(this.names.resultsStream, this.names.resultsConsumer);
    const advisories = await js.consumers.get(this.names.advisoriesStream, this.names.deadLetterConsumer);
    const router = new DeadLetterRouter(js, jsm, this.names);
    const common = { expiresMs: this.options.pullExpiresMs ?? 5_000, signal, onError: this.report };
    await Promise.all([
      runPullWorkers({
        ...common,
        consumer: results,
        concurrency: this.options.concurrency ?? 8,
        handle: (message) => this.handleResult(message, handler),
      }),
      runPullWorkers({
        ...common,
        consumer: advisories,
        concurrency: 1,
        handle: (message) => this.handleAdvisory(message, router),
      }),
    ]);
  }

  private async ensureConsumers(jsm: JetStreamManager): Promise<void> {
    const ackWaitMs = this.options.ackWaitMs ?? 30_000;
    await ensureDurableConsumer(jsm, {
      stream: this.names.resultsStream,
      durable: this.names.resultsConsumer,
      filterSubject: `${this.names.prefix}.results.*`,
      ackWaitMs,
      maxDeliver: -1,
    });
    await ensureDurableConsumer(jsm, {
      stream: this.names.advisoriesStream,
      durable: this.names.deadLetterConsumer,
      ackWaitMs,
      maxDeliver: -1,
    });
  }

  private async handleResult(msg: JsMsg, handler: (m: StepResultMessage) => Promise<void>): Promise<void> {
    let packed: PackedStepResult;
    try {
      packed = parsePackedResult(msg.json());
    } catch (error) {
      msg.term('not a step result');
      this.report(error);
      return;
    }
    const context = { stepId: packed.stepId, executionId: packed.executionId };
    await this.serial.run(packed.executionId, async () => {
      try {
        const message = await unpackResult(packed, this.options.store);
        if (!message) {
          msg.term('result data gone from the data store');
          this.report(new Error(`step ${packed.stepId}: its result is gone from the data store`), context);
          return;
        }
        const heartbeatMs = this.options.heartbeatMs ?? Math.floor((this.options.ackWaitMs ?? 30_000) / 3);
        await withHeartbeat(msg, heartbeatMs, () => handler(message));
      } catch (error) {
        this.report(error, context);
        msg.nak(this.nakDelay(msg));
        return;
      }
      await this.ack(msg, context);
      if (packed.resultRef) await this.options.store.delete(packed.resultRef.$ref).catch(this.report);
    });
  }

  private async handleAdvisory(msg: JsMsg, router: DeadLetterRouter): Promise<void> {
    let advisory: MaxDeliveriesAdvisory;
    try {
      advisory = parseMaxDeliveriesAdvisory(msg.json());
    } catch (error) {
      msg.term('not a consumer advisory');
      this.report(error);
      return;
    }
    try {
      await router.route(advisory);
    } catch (error) {
      this.report(error);
      msg.nak(this.nakDelay(msg));
      return;
    }
    await this.ack(msg, {});
  }

  private async ack(msg: JsMsg, context: { stepId?: string; executionId?: string }): Promise<boolean> {
    try {
      return await msg.ackAck();
    } catch (error) {
      // The handler's effects are idempotent: a redelivery repeats them harmlessly.
      this.report(error, context);
      return false;
    }
  }

  private nakDelay(msg: JsMsg): number {
    const first = this.options.nakDelayMs ?? 1_000;
    const exponent = Math.min(msg.info.deliveryCount - 1, 16);
    return Math.min(first * 2 ** exponent, this.options.maxNakDelayMs ?? 60_000);
  }

  private readonly report = (error: unknown, context: { stepId?: string; executionId?: string } = {}) =>
    this.options.onError?.(error, context);
}
