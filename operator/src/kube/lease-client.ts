import type { KubeJsonClient } from './kube-json-client.js';
import { apiVersionOf, collectionPath, LEASES, objectPath } from './resources.js';
import { NotFoundError } from './typed-errors.js';

/** coordination.k8s.io/v1 LeaseSpec with its MicroTimes kept as the exact strings the apiserver wants. */
export interface LeaseSpec {
  holderIdentity?: string;
  leaseDurationSeconds?: number;
  acquireTime?: string;
  renewTime?: string;
  leaseTransitions?: number;
}

export interface Lease {
  apiVersion?: string;
  kind?: string;
  metadata: { name: string; namespace: string; resourceVersion?: string; [field: string]: unknown };
  spec?: LeaseSpec;
}

/** The three calls leader election makes; `replace` must carry `metadata.resourceVersion`. */
export interface LeaseClient {
  /** The Lease, or undefined when there is none. */
  get(namespace: string, name: string): Promise<Lease | undefined>;
  /** Throws AlreadyExistsError when another candidate created it first. */
  create(lease: Lease): Promise<Lease>;
  /** Throws ConflictError when the Lease changed since it was read. */
  replace(lease: Lease): Promise<Lease>;
}

/** A LeaseClient over raw JSON (see KubeJsonClient for why not client-node's CoordinationV1Api). */
export function createLeaseClient(client: KubeJsonClient, options: { timeoutMs?: number } = {}): LeaseClient {
  const { timeoutMs } = options;
  const typed = (lease: Lease): Lease => ({ ...lease, apiVersion: apiVersionOf(LEASES), kind: 'Lease' });
  return {
    async get(namespace, name) {
      try {
        return await client.request<Lease>({
          method: 'GET',
          path: objectPath(LEASES, namespace, name),
          timeoutMs,
        });
      } catch (error) {
        if (error instanceof NotFoundError) return undefined;
        throw error;
      }
    },
    create: (lease) =>
      client.request<Lease>({
        method: 'POST',
        path: collectionPath(LEASES, lease.metadata.namespace),
        body: typed(lease),
        timeoutMs,
      }),
    async replace(lease) {
      if (!lease.metadata.resourceVersion)
        throw new Error('a Lease update must carry metadata.resourceVersion');
      return client.request<Lease>({
        method: 'PUT',
        path: objectPath(LEASES, lease.metadata.namespace, lease.metadata.name),
        body: typed(lease),
        timeoutMs,
      });
    },
  };
}
