import type { KubernetesObject } from '@kubernetes/client-node';

/** A work-queue key: `namespace/name`, or `name` for a cluster-scoped object (client-go's MetaNamespaceKeyFunc). */
export function objectKey(object: KubernetesObject): string {
  const name = object.metadata?.name ?? '';
  const namespace = object.metadata?.namespace;
  return namespace ? `${namespace}/${name}` : name;
}

/** Splits a key made by objectKey; throws on a key with more than one `/`. */
export function splitObjectKey(key: string): { namespace: string | undefined; name: string } {
  const parts = key.split('/');
  if (parts.length === 1) return { namespace: undefined, name: key };
  if (parts.length === 2 && parts[0] && parts[1]) return { namespace: parts[0], name: parts[1] };
  throw new Error(`unexpected object key format: "${key}"`);
}
