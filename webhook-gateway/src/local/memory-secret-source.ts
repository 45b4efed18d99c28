import type { SecretSource } from '../ports.js';

/** Secrets held in memory by `namespace/name` (local mode reads them from Secret manifests in the directory). */
export class MemorySecretSource implements SecretSource {
  private secrets = new Map<string, Record<string, string>>();

  async get(namespace: string, name: string): Promise<Record<string, string> | undefined> {
    return this.secrets.get(`${namespace}/${name}`);
  }

  /** Replaces every secret at once (a directory reload). */
  replace(secrets: ReadonlyMap<string, Record<string, string>>): void {
    this.secrets = new Map(secrets);
  }
}
