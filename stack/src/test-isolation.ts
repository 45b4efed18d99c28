import { randomBytes } from 'node:crypto';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';

/**
 * A name no other test file uses: `<base>-<8 hex>`, lower-case and at most 40 characters, so it is a valid
 * namespace, label value, NATS stream name and subject token, and leaves room for suffixes.
 */
export function uniqueName(base: string): string {
  const clean =
    base
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 31) || 'test';
  return `${clean}-${randomBytes(4).toString('hex')}`;
}

/** A KubeConfig for the stack's admin kubeconfig. */
export function loadKubeConfig(kubeconfigPath: string): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfigPath);
  return kc;
}

export interface TestNamespace {
  name: string;
  /** Deletes the namespace; with the controller manager running its objects go too. */
  delete(): Promise<void>;
}

/** Creates a namespace of its own for one test file, labelled `budflow.io/test=<base>`. */
export async function createTestNamespace(kc: KubeConfig, base: string): Promise<TestNamespace> {
  const core = kc.makeApiClient(CoreV1Api);
  const name = uniqueName(base);
  await core.createNamespace({
    body: { metadata: { name, labels: { 'budflow.io/test': uniqueLabel(base) } } },
  });
  return { name, delete: async () => void (await core.deleteNamespace({ name })) };
}

/**
 * A prefix for one test file's NATS streams, consumers and subjects and its Redis keys, e.g. `orders-1a2b3c4d`:
 * use `${prefix}_EVENTS` as stream name, `${prefix}.events.>` as subjects, `${prefix}:` before Redis keys.
 */
export function testPrefix(base: string): string {
  return uniqueName(base);
}

function uniqueLabel(base: string): string {
  return base
    .replace(/[^A-Za-z0-9_.-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '')
    .slice(0, 63);
}
