import { isDeepStrictEqual } from 'node:util';
import type { KubeJsonClient, KubeRequest } from './kube-json-client.js';
import { apiError } from './typed-errors.js';

/** One API call as client-go's fake clientset records it. */
export interface FakeAction {
  verb: 'get' | 'list' | 'create' | 'update' | 'patch' | 'delete';
  /** The plural, e.g. `leases`, `workflows`. */
  resource: string;
  namespace?: string;
  name?: string;
  subresource?: string;
  body?: unknown;
}

/** Answers an action before the in-memory store: a value to return it, a throw to fail, undefined to pass. */
export type Reactor = (action: FakeAction) => unknown;

interface StoredObject {
  metadata: Record<string, unknown> & { resourceVersion: string };
  [field: string]: unknown;
}

interface ParsedPath {
  collection: string;
  resource: string;
  namespace?: string;
  name?: string;
  subresource?: string;
}

/**
 * A recording fake of the apiserver for unit tests (the sample-controller pattern): it keeps objects in
 * memory with resourceVersions, answers like the apiserver does (404 NotFound, 409 Conflict on a stale
 * resourceVersion, 409 AlreadyExists, `/status` writes touching only status, merge patches), and records
 * every call in `actions` so a test can compare the ordered list of API actions with what it expects.
 */
export class FakeKubeClient implements KubeJsonClient {
  readonly actions: FakeAction[] = [];
  private readonly reactors: Reactor[] = [];
  private readonly store = new Map<string, StoredObject>();
  private version = 0;
  private uid = 0;

  /** Puts `reactor` before the others and the store (client-go's PrependReactor). */
  prependReactor(reactor: Reactor): void {
    this.reactors.unshift(reactor);
  }

  /** Actions as `verb resource[/subresource] namespace/name`, e.g. `update workflows/status ns/wf`. */
  summary(): string[] {
    return this.actions.map((action) => {
      const resource = action.subresource ? `${action.resource}/${action.subresource}` : action.resource;
      const target = [action.namespace, action.name].filter(Boolean).join('/');
      return target ? `${action.verb} ${resource} ${target}` : `${action.verb} ${resource}`;
    });
  }

  clearActions(): void {
    this.actions.length = 0;
  }

  /** A stored object (a copy), by the path of its collection, e.g. `/apis/coordination.k8s.io/v1/namespaces/ns/leases`. */
  object<T = StoredObject>(collection: string, name: string): T | undefined {
    const stored = this.store.get(`${collection}/${name}`);
    return stored ? (structuredClone(stored) as T) : undefined;
  }

  async request<T>(request: KubeRequest): Promise<T> {
    const path = parsePath(request.path);
    const action = actionOf(request, path);
    this.actions.push(action);
    for (const reactor of this.reactors) {
      const answer = await reactor(structuredClone(action));
      if (answer !== undefined) return structuredClone(answer) as T;
    }
    return structuredClone(this.serve(request, path, action)) as T;
  }

  private serve(request: KubeRequest, path: ParsedPath, action: FakeAction): unknown {
    const fail = (code: number, reason: string, message: string): never => {
      throw apiError(
        code,
        JSON.stringify({ kind: 'Status', status: 'Failure', code, reason, message }),
        request,
      );
    };
    if (action.verb === 'list') {
      const prefix = path.namespace === undefined ? undefined : `${path.collection}/`;
      const items = [...this.store.entries()]
        .filter(([key]) => (prefix ? key.startsWith(prefix) : key.includes(`/${path.resource}/`)))
        .map(([, object]) => object);
      return { kind: 'List', apiVersion: 'v1', metadata: { resourceVersion: String(this.version) }, items };
    }
    const body = (request.body ?? {}) as StoredObject;
    const name = path.name ?? (body.metadata?.name as string | undefined);
    if (!name) return fail(422, 'Invalid', 'metadata.name: Required value');
    const key = `${path.collection}/${name}`;
    const stored = this.store.get(key);
    const notFound = () => fail(404, 'NotFound', `${path.resource} "${name}" not found`);
    const conflict = () =>
      fail(
        409,
        'Conflict',
        `Operation cannot be fulfilled on ${path.resource} "${name}": the object has been modified`,
      );

    switch (action.verb) {
      case 'get':
        return stored ?? notFound();
      case 'delete':
        if (!stored) return notFound();
        this.store.delete(key);
        return { kind: 'Status', status: 'Success' };
      case 'create': {
        if (stored) return fail(409, 'AlreadyExists', `${path.resource} "${name}" already exists`);
        const { status: _ignored, ...rest } = body;
        const created = {
          ...rest,
          metadata: {
            ...body.metadata,
            name,
            namespace: path.namespace,
            uid: `uid-${++this.uid}`,
            generation: 1,
            resourceVersion: this.nextVersion(),
          },
        } as StoredObject;
        this.store.set(key, created);
        return created;
      }
      case 'update': {
        if (!stored) return notFound();
        const version = body.metadata?.resourceVersion;
        if (version && version !== stored.metadata.resourceVersion) return conflict();
        const next = path.subresource
          ? { ...stored, status: body.status }
          : { ...body, status: stored.status, metadata: { ...stored.metadata, ...body.metadata } };
        return this.save(key, stored, next as StoredObject);
      }
      case 'patch': {
        if (!stored) return notFound();
        if (request.contentType !== 'application/merge-patch+json') {
          return fail(
            415,
            'UnsupportedMediaType',
            `the fake supports merge patches only, not ${request.contentType}`,
          );
        }
        const { metadata, ...patch } = body as { metadata?: { resourceVersion?: string }; status?: unknown };
        if (metadata?.resourceVersion && metadata.resourceVersion !== stored.metadata.resourceVersion)
          return conflict();
        const scoped = path.subresource ? { status: patch.status } : patch;
        return this.save(key, stored, mergePatch(stored, scoped) as StoredObject);
      }
    }
  }

  private save(key: string, stored: StoredObject, next: StoredObject): StoredObject {
    const generation = Number(stored.metadata.generation ?? 1);
    const specChanged = !isDeepStrictEqual(stored.spec, next.spec);
    next.metadata = {
      ...stored.metadata,
      ...next.metadata,
      generation: specChanged ? generation + 1 : generation,
      resourceVersion: this.nextVersion(),
    };
    if (next.status === undefined) delete next.status;
    this.store.set(key, next);
    return next;
  }

  private nextVersion(): string {
    return String(++this.version);
  }
}

/** RFC 7386 JSON merge patch. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return patch;
  const result: Record<string, unknown> =
    typeof target === 'object' && target !== null && !Array.isArray(target)
      ? { ...(target as Record<string, unknown>) }
      : {};
  for (const [field, value] of Object.entries(patch)) {
    if (value === null) delete result[field];
    else result[field] = mergePatch(result[field], value);
  }
  return result;
}

function parsePath(path: string): ParsedPath {
  const segments = path.split('?')[0]!.split('/').filter(Boolean).map(decodeURIComponent);
  const prefixLength = segments[0] === 'api' ? 2 : 3;
  const prefix = segments.slice(0, prefixLength);
  let rest = segments.slice(prefixLength);
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const [resource = '', name, subresource] = rest;
  const scope = namespace === undefined ? [] : ['namespaces', namespace];
  return {
    collection: `/${[...prefix, ...scope, resource].join('/')}`,
    resource,
    namespace,
    name,
    subresource,
  };
}

function actionOf(request: KubeRequest, path: ParsedPath): FakeAction {
  const verbs = {
    GET: path.name ? 'get' : 'list',
    POST: 'create',
    PUT: 'update',
    PATCH: 'patch',
    DELETE: 'delete',
  } as const;
  const action: FakeAction = { verb: verbs[request.method], resource: path.resource };
  if (path.namespace !== undefined) action.namespace = path.namespace;
  const name = path.name ?? (request.body as { metadata?: { name?: string } } | undefined)?.metadata?.name;
  if (name !== undefined) action.name = name;
  if (path.subresource !== undefined) action.subresource = path.subresource;
  if (request.body !== undefined) action.body = structuredClone(request.body);
  return action;
}
