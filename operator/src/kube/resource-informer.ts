import {
  ListWatch,
  Watch,
  type Informer,
  type KubeConfig,
  type KubernetesListObject,
  type KubernetesObject,
  type ObjectCache,
} from '@kubernetes/client-node';
import { systemClock, type Clock, type TimerHandle } from './clock.js';
import { createKubeJsonClient, type KubeJsonClient } from './kube-json-client.js';
import { objectKey } from './object-key.js';
import { collectionPath, type ResourceType } from './resources.js';
import type { WorkQueue } from './work-queue.js';

/** What the wrapper needs of client-node's ListWatch (a fake in unit tests). */
export interface InformerSource<T extends KubernetesObject> extends Informer<T>, ObjectCache<T> {
  /** Empty until the first list has been stored. */
  latestResourceVersion(): string;
}

/** Which objects to watch: every namespace unless `namespace` is set. */
export interface InformerScope {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
}

export interface ResourceInformerOptions {
  clock?: Clock;
  /** Backoff between restarts after the list or the watch failed. Default 500 ms doubling to 30 s. */
  restartBackoff?: { baseMs: number; maxMs: number };
  /** Told about every list/watch failure (the informer restarts by itself). */
  onError?: (error: unknown) => void;
}

export type InformerEvent = 'add' | 'update' | 'delete';

/** Maps a changed object to the keys to reconcile: its own by default, or an owner's (a Pod's Execution). */
export type KeysOf<T> = (object: T) => string | readonly string[] | undefined;

/**
 * A shared informer for one resource: client-node's ListWatch (list, then watch from the list's
 * resourceVersion, relist on 410 Gone), plus what it lacks: it restarts after an error with backoff
 * (ListWatch emits 'error' and stops for good), tells when the first list is in (`hasSynced`), and feeds a
 * WorkQueue with keys. One instance runs once: start, then stop.
 */
export class ResourceInformer<T extends KubernetesObject> {
  /** Resolves once the first list is in the cache; rejects if the informer is stopped before. */
  readonly hasSynced: Promise<void>;
  private readonly clock: Clock;
  private readonly backoff: { baseMs: number; maxMs: number };
  private resolveSynced!: () => void;
  private rejectSynced!: (error: Error) => void;
  private synced = false;
  private started = false;
  private stopped = false;
  private failures = 0;
  private errors = 0;
  private restartTimer: TimerHandle | undefined;

  constructor(
    private readonly source: InformerSource<T>,
    private readonly options: ResourceInformerOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.backoff = options.restartBackoff ?? { baseMs: 500, maxMs: 30_000 };
    this.hasSynced = new Promise<void>((resolve, reject) => {
      this.resolveSynced = resolve;
      this.rejectSynced = reject;
    });
    this.hasSynced.catch(() => undefined);
    source.on('error', (error) => this.onSourceError(error));
  }

  /** An informer on a resource's collection path, listing through `client` (default: one made from `kc`). */
  static create<T extends KubernetesObject>(
    kc: KubeConfig,
    resource: ResourceType,
    scope: InformerScope = {},
    options: ResourceInformerOptions & { client?: KubeJsonClient } = {},
  ): ResourceInformer<T> {
    const path = collectionPath(resource, scope.namespace);
    const client = options.client ?? createKubeJsonClient(kc);
    const list = () => listObjects<T>(client, path, scope);
    const source = new ListWatch<T>(
      path,
      new Watch(kc),
      list,
      false,
      scope.labelSelector,
      scope.fieldSelector,
    );
    return new ResourceInformer(source, options);
  }

  get isSynced(): boolean {
    return this.synced;
  }

  /** The resourceVersion of the last list or watch event seen; empty before the first list. */
  latestResourceVersion(): string {
    return this.source.latestResourceVersion();
  }

  /** Starts listing and watching; calling it again does nothing. */
  start(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    void this.attempt();
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (this.restartTimer !== undefined) this.clock.clearTimeout(this.restartTimer);
    this.restartTimer = undefined;
    if (!this.synced) this.rejectSynced(new Error('the informer was stopped before it synced'));
    await this.source.stop();
  }

  /** The cached object, as last seen by the watch. */
  get(namespace: string | undefined, name: string): T | undefined {
    return this.source.get(name, namespace);
  }

  /** Cached objects, of one namespace or all. */
  list(namespace?: string): readonly T[] {
    return this.source.list(namespace);
  }

  on(event: InformerEvent, handler: (object: T) => void): void {
    this.source.on(event, handler);
  }

  /** Adds a key to `queue` for every add, update and delete (`keysOf` defaults to the object's own key). */
  enqueueTo(queue: WorkQueue, keysOf: KeysOf<T> = objectKey): void {
    const handler = (object: T): void => {
      const keys = keysOf(object);
      if (keys === undefined) return;
      for (const key of typeof keys === 'string' ? [keys] : keys) queue.add(key);
    };
    for (const event of ['add', 'update', 'delete'] as const) this.source.on(event, handler);
  }

  private async attempt(): Promise<void> {
    this.restartTimer = undefined;
    if (this.stopped) return;
    const errorsBefore = this.errors;
    try {
      await this.source.start();
    } catch (error) {
      this.onSourceError(error);
      return;
    }
    if (this.stopped) return;
    if (!this.synced && this.source.latestResourceVersion() !== '') {
      this.synced = true;
      this.resolveSynced();
    }
    if (this.errors === errorsBefore) this.failures = 0;
  }

  private onSourceError(error: unknown): void {
    // ListWatch reports the abort of its own request when stopped: not a failure.
    if (this.stopped) return;
    this.errors++;
    this.options.onError?.(error);
    if (this.restartTimer !== undefined) return;
    const delay = Math.min(this.backoff.baseMs * 2 ** this.failures, this.backoff.maxMs);
    this.failures++;
    this.restartTimer = this.clock.setTimeout(() => void this.attempt(), delay);
  }
}

/** A raw list, so listed objects look exactly like watched ones (client-node's typed lists turn times into Dates). */
async function listObjects<T extends KubernetesObject>(
  client: KubeJsonClient,
  path: string,
  scope: InformerScope,
): Promise<KubernetesListObject<T>> {
  const list = await client.request<KubernetesListObject<T>>({
    method: 'GET',
    path,
    query: { labelSelector: scope.labelSelector, fieldSelector: scope.fieldSelector },
  });
  // Lists of built-in kinds leave out each item's apiVersion and kind; watch events carry them.
  const kind = list.kind?.replace(/List$/, '');
  for (const item of list.items) {
    item.apiVersion ??= list.apiVersion;
    item.kind ??= kind;
  }
  return list;
}
