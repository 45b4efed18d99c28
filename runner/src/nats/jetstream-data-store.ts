import type { DataStore } from '@budflow/runtime';
import type { JetStreamClient } from '@nats-io/jetstream';
import { Objm } from '@nats-io/obj';
import type { ObjectStore } from '@nats-io/obj';
import { natsNames } from './nats-names.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const EXPIRED = Symbol('expired');

export interface JetStreamDataStoreOptions {
  /** How long reading one value may take (default 30 s) */
  getTimeoutMs?: number;
}

/**
 * A DataStore over the JetStream object store `<prefix>-data` (created by ensureStreams): step inputs, run data
 * and results too large for a message travel through it, chunked, between the operator and the runner Pods.
 */
export class JetStreamDataStore implements DataStore {
  constructor(
    private readonly bucket: ObjectStore,
    private readonly options: JetStreamDataStoreOptions = {},
  ) {}

  /** Opens the bucket of `prefix`; it must exist (ensureStreams). */
  static async open(
    js: JetStreamClient,
    prefix: string,
    options: JetStreamDataStoreOptions = {},
  ): Promise<JetStreamDataStore> {
    return new JetStreamDataStore(await new Objm(js).open(natsNames(prefix).dataBucket), options);
  }

  async put(key: string, value: string): Promise<void> {
    await this.bucket.putBlob({ name: key }, encoder.encode(value));
  }

  async get(key: string): Promise<string | undefined> {
    // The object store streams chunks through a consumer, which waits forever for chunks deleted after the
    // object's info was read: bound the whole read, then tell a deleted object from a slow one.
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<typeof EXPIRED>((resolve) => {
      timer = setTimeout(() => resolve(EXPIRED), this.options.getTimeoutMs ?? 30_000);
    });
    try {
      const opening = this.bucket.get(key);
      const object = await Promise.race([opening, expired]);
      if (object === EXPIRED) {
        void opening.then((late) => late?.data.cancel()).catch(() => undefined);
        return await this.afterTimeout(key);
      }
      if (object === null) return undefined;
      const reader = object.data.getReader();
      const chunks: Uint8Array[] = [];
      for (;;) {
        const read = await Promise.race([reader.read(), expired]);
        if (read === EXPIRED) {
          void reader.cancel().catch(() => undefined);
          return await this.afterTimeout(key);
        }
        if (read.done) break;
        chunks.push(read.value);
      }
      const error = await object.error;
      if (error) throw error;
      return decoder.decode(Buffer.concat(chunks));
    } finally {
      clearTimeout(timer);
    }
  }

  private async afterTimeout(key: string): Promise<undefined> {
    const info = await this.bucket.info(key);
    if (info === null || info.deleted) return undefined;
    throw new Error(`reading '${key}' from the data store timed out`);
  }

  async delete(key: string): Promise<void> {
    await this.bucket.delete(key);
  }
}
