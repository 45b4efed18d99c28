import type { DataStore } from '@budflow/runtime';

/**
 * The runner pool's own store for the data it packs for its children, reading through to a shared store for
 * what others put there (a cluster runner: large webhook uploads in the JetStream object store). Writes and
 * deletes stay local.
 */
export class ReadThroughDataStore implements DataStore {
  constructor(
    private readonly local: DataStore,
    private readonly shared: DataStore,
  ) {}

  async put(key: string, value: string): Promise<void> {
    await this.local.put(key, value);
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.local.get(key)) ?? (await this.shared.get(key));
  }

  async delete(key: string): Promise<void> {
    await this.local.delete(key);
  }
}
