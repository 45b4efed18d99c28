import { msgIdOf, natsNames, sleep } from '@budflow/runner';
import type { NatsNames } from '@budflow/runner';
import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import type { ExecutionLog, LogRecord } from './contracts.js';

export interface JetStreamExecutionLogOptions {
  js: JetStreamClient;
  prefix: string;
  /** Messages asked for per direct-get batch (default 500) */
  batchSize?: number;
  /** How long a read waits for a lagging replica to catch up with the stream leader (default 5 s) */
  catchUpMs?: number;
}

const MSG_ID = 'Nats-Msg-Id';

/**
 * Each execution's log on `<prefix>.events.<executionId>` (limits retention). Appends carry Nats-Msg-Id =
 * dedupeId and wait for the PubAck; the stream drops a repeat within its duplicate window, and `read` skips a
 * repeat appended later than that, so "once per dedupeId" holds for the life of the log.
 */
export class JetStreamExecutionLog implements ExecutionLog {
  private readonly names: NatsNames;
  private jsm?: Promise<JetStreamManager>;

  constructor(private readonly options: JetStreamExecutionLogOptions) {
    this.names = natsNames(options.prefix);
  }

  async append(executionId: string, record: LogRecord, dedupeId: string): Promise<void> {
    await this.options.js.publish(this.names.eventsSubject(executionId), JSON.stringify(record), {
      msgID: msgIdOf(dedupeId),
      expect: { streamName: this.names.eventsStream },
    });
  }

  /**
   * Reads the subject in stream order with batched direct gets. Direct gets may be answered by a replica that
   * lags, so the read goes on until it has seen the last sequence the stream leader reports for the subject.
   */
  async read(executionId: string): Promise<LogRecord[]> {
    const subject = this.names.eventsSubject(executionId);
    const stream = this.names.eventsStream;
    const jsm = await this.manager();
    const last = await jsm.streams.getMessage(stream, { last_by_subj: subject });
    if (!last) return [];
    const records: LogRecord[] = [];
    const seen = new Set<string>();
    const deadline = Date.now() + (this.options.catchUpMs ?? 5_000);
    let next = 1;
    while (next <= last.seq) {
      const batch = await jsm.direct.getBatch(stream, {
        seq: next,
        next_by_subj: subject,
        batch: this.options.batchSize ?? 500,
      });
      let received = 0;
      for await (const message of batch) {
        received++;
        next = message.seq + 1;
        const id = message.header?.get(MSG_ID);
        if (id && seen.has(id)) continue;
        if (id) seen.add(id);
        records.push(message.json<LogRecord>());
      }
      if (received > 0) continue;
      // Nothing past `next`: purged meanwhile (remove), or the replica that answered is behind.
      if (!(await jsm.streams.getMessage(stream, { last_by_subj: subject }))) return [];
      if (Date.now() > deadline)
        throw new Error(
          `execution log ${subject}: read stopped at sequence ${next}, the stream has ${last.seq}`,
        );
      await sleep(100);
    }
    return records;
  }

  async remove(executionId: string): Promise<void> {
    const jsm = await this.manager();
    await jsm.streams.purge(this.names.eventsStream, { filter: this.names.eventsSubject(executionId) });
  }

  private manager(): Promise<JetStreamManager> {
    this.jsm ??= this.options.js.jetstreamManager().catch((error: unknown) => {
      this.jsm = undefined;
      throw error;
    });
    return this.jsm;
  }
}
