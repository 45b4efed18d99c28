import type { Redis } from 'ioredis';
import type { Workflow } from '@budflow/runtime';

/**
 * What the route table is built from, as last seen by a replica's Workflow informer: the workflows themselves
 * (not the built table), so every replica builds routes with its own code, also across a rolling upgrade.
 */
export interface RouteSnapshot {
  /** The informer's latest resourceVersion when the snapshot was taken (etcd's revision: newer is larger) */
  resourceVersion: string;
  savedAt: number;
  workflows: Workflow[];
}

/** Where gateway replicas share their route snapshot, so a new replica serves before its informer has listed. */
export interface RouteSnapshotStore {
  load(): Promise<RouteSnapshot | undefined>;
  /** Stores `snapshot` unless a newer one (by resourceVersion) is stored already; true when stored. */
  save(snapshot: RouteSnapshot): Promise<boolean>;
}

// Compare-and-set on the resourceVersion, so a replica whose watch lags cannot put back an older table. Kubernetes
// calls resourceVersions opaque; a non-numeric one (never seen from etcd) is simply stored.
const SAVE_IF_NEWER = `
local stored = tonumber(redis.call('HGET', KEYS[1], 'rv'))
local incoming = tonumber(ARGV[1])
if stored and incoming and stored > incoming then return 0 end
redis.call('HSET', KEYS[1], 'rv', ARGV[1], 'snapshot', ARGV[2])
return 1
`;

/** The route snapshot in one Redis hash (`rv`, `snapshot`), written by every replica after each rebuild. */
export class RedisRouteSnapshots implements RouteSnapshotStore {
  constructor(
    private readonly redis: Redis,
    /** One key per installation and scope: `<prefix>:webhook-routes:<namespace or *>` */
    private readonly key: string,
  ) {}

  async load(): Promise<RouteSnapshot | undefined> {
    const text = await this.redis.hget(this.key, 'snapshot');
    if (!text) return undefined;
    const snapshot = JSON.parse(text) as Partial<RouteSnapshot>;
    if (typeof snapshot.resourceVersion !== 'string' || !Array.isArray(snapshot.workflows)) return undefined;
    return snapshot as RouteSnapshot;
  }

  async save(snapshot: RouteSnapshot): Promise<boolean> {
    const stored = await this.redis.eval(
      SAVE_IF_NEWER,
      1,
      this.key,
      snapshot.resourceVersion,
      JSON.stringify(snapshot),
    );
    return stored === 1;
  }
}

/** A workflow as the snapshot keeps it: what routing reads, without status and managed fields. */
export function routingView(workflow: Workflow): Workflow {
  const { name, namespace, creationTimestamp, uid, generation } =
    workflow.metadata as Workflow['metadata'] & {
      creationTimestamp?: string;
      uid?: string;
      generation?: number;
    };
  return {
    apiVersion: workflow.apiVersion,
    kind: workflow.kind,
    metadata: {
      name,
      ...(namespace !== undefined ? { namespace } : {}),
      ...(creationTimestamp !== undefined ? { creationTimestamp } : {}),
      ...(uid !== undefined ? { uid } : {}),
      ...(generation !== undefined ? { generation } : {}),
    },
    spec: workflow.spec,
  } as Workflow;
}
