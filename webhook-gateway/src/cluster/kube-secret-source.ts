import { NotFoundError } from '@budflow/operator';
import type { KubeJsonClient } from '@budflow/operator';
import type { SecretSource } from '../ports.js';

/** Webhook auth secrets read from Kubernetes Secrets (decoded `data`), cached briefly per replica. */
export class KubeSecretSource implements SecretSource {
  private readonly cache = new Map<string, { at: number; value: Record<string, string> | undefined }>();

  constructor(
    private readonly client: KubeJsonClient,
    private readonly ttlMs = 10_000,
  ) {}

  async get(namespace: string, name: string): Promise<Record<string, string> | undefined> {
    const key = `${namespace}/${name}`;
    const hit = this.cache.get(key);
    if (hit && Date.now() - hit.at < this.ttlMs) return hit.value;
    let value: Record<string, string> | undefined;
    try {
      const secret = await this.client.request<{ data?: Record<string, string>; stringData?: Record<string, string> }>({
        method: 'GET',
        path: `/api/v1/namespaces/${encodeURIComponent(namespace)}/secrets/${encodeURIComponent(name)}`,
      });
      value = Object.fromEntries(
        Object.entries(secret.data ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')]),
      );
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      value = undefined;
    }
    this.cache.set(key, { at: Date.now(), value });
    return value;
  }
}
