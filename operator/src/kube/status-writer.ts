import { isDeepStrictEqual } from 'node:util';
import type { KubeJsonClient } from './kube-json-client.js';
import { apiVersionOf, objectPath, type ResourceType } from './resources.js';

/** The identity of the object whose status is written, and the resourceVersion the new status was computed from. */
export interface StatusTarget {
  namespace: string;
  name: string;
  resourceVersion: string;
}

/** An object as read from an informer's cache. */
export interface CachedObject<S> {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; namespace?: string; resourceVersion?: string };
  status?: S;
}

export interface StatusWriteResult<T> {
  /** The object's resourceVersion after the write (unchanged when nothing was written). */
  resourceVersion: string;
  /** The object as the apiserver returned it; undefined when nothing was written. */
  object: T | undefined;
  written: boolean;
}

/**
 * Writes a custom resource's `/status` subresource, always conditioned on a resourceVersion: a replica that
 * computed the status from a stale object (an old leader, a stale cache) gets a ConflictError (409, with the
 * raw API error as `cause`) instead of overwriting newer state. Requeue on it; never retry the same write.
 */
export class StatusWriter {
  constructor(
    private readonly client: KubeJsonClient,
    private readonly resource: ResourceType,
  ) {}

  /**
   * Replaces the whole status (PUT /status) of `current`, the cached object it was computed from. When
   * `status` equals `current.status`, nothing is written.
   */
  async replaceStatus<S, T = CachedObject<S>>(
    current: CachedObject<S>,
    status: S,
  ): Promise<StatusWriteResult<T>> {
    const target = targetOf(current);
    if (isDeepStrictEqual(current.status, status)) {
      return { resourceVersion: target.resourceVersion, object: undefined, written: false };
    }
    const body = {
      apiVersion: current.apiVersion ?? apiVersionOf(this.resource),
      kind: current.kind,
      metadata: { name: target.name, namespace: target.namespace, resourceVersion: target.resourceVersion },
      status,
    };
    if (!body.kind)
      throw new Error(
        `${target.namespace}/${target.name}: the object has no kind, needed to replace its status`,
      );
    return this.written<T>(
      await this.client.request<T & CachedObject<S>>({ method: 'PUT', path: this.statusPath(target), body }),
    );
  }

  /**
   * Merges `patch` into the status (RFC 7386 merge patch: nested objects merge, lists and scalars replace,
   * null deletes), failing with ConflictError if the object is no longer at `target.resourceVersion`.
   */
  async patchStatus<T = CachedObject<unknown>>(
    target: StatusTarget,
    patch: Record<string, unknown>,
  ): Promise<StatusWriteResult<T>> {
    requireVersion(target);
    const response = await this.client.request<T & CachedObject<unknown>>({
      method: 'PATCH',
      path: this.statusPath(target),
      contentType: 'application/merge-patch+json',
      body: { metadata: { resourceVersion: target.resourceVersion }, status: patch },
    });
    return this.written<T>(response);
  }

  private statusPath(target: StatusTarget): string {
    return objectPath(this.resource, target.namespace, target.name, 'status');
  }

  private written<T>(object: T & CachedObject<unknown>): StatusWriteResult<T> {
    return { resourceVersion: object.metadata?.resourceVersion ?? '', object, written: true };
  }
}

function targetOf(object: CachedObject<unknown>): StatusTarget {
  const { name, namespace, resourceVersion } = object.metadata ?? {};
  if (!name || !namespace)
    throw new Error("a status write needs the object's metadata.name and metadata.namespace");
  const target = { name, namespace, resourceVersion: resourceVersion ?? '' };
  requireVersion(target);
  return target;
}

function requireVersion(target: StatusTarget): void {
  if (!target.resourceVersion) {
    throw new Error(`${target.namespace}/${target.name}: a status write must carry metadata.resourceVersion`);
  }
}
