import type { WebhookKind } from '../ports.js';
import { compareSpecificity, isStatic, matchSegments } from './path-pattern.js';
import type { PathSegment } from './path-pattern.js';
import type { HttpMethod, WebhookSettings } from './webhook-settings.js';

/** One served webhook: a Webhook node of a workflow, for one method and one URL family. */
export interface WebhookRoute {
  /** `namespace/workflow/node`: the label in metrics and logs */
  id: string;
  namespace: string;
  workflow: string;
  node: string;
  kind: WebhookKind;
  method: HttpMethod;
  /** The URL path after `/webhook/` or `/webhook-test/` (`shop/orders/:id`) */
  path: string;
  settings: WebhookSettings;
}

export interface RouteEntry {
  route: WebhookRoute;
  /** Pattern after the URL family prefix, namespace included (or not, for the unprefixed alias) */
  segments: PathSegment[];
}

export type RouteMatch =
  | { type: 'found'; route: WebhookRoute; params: Record<string, string> }
  | { type: 'methodNotAllowed'; allowed: HttpMethod[] }
  | { type: 'notFound' };

/**
 * Finds the webhook for a request, by method first as find-my-way does. Literal paths are one map lookup;
 * patterns with parameters are tried most specific first (a literal segment beats a parameter at the first
 * place they differ).
 * Immutable: a new table replaces the old one when workflows change.
 */
export class RouteTable {
  private readonly literal = new Map<string, Map<HttpMethod, WebhookRoute>>();
  private readonly patterns = new Map<string, RouteEntry[]>();
  readonly size: number;

  constructor(entries: readonly RouteEntry[]) {
    for (const entry of entries) {
      const { kind, method } = entry.route;
      if (isStatic(entry.segments)) {
        const key = `${kind} ${entry.segments.map((s) => (s.type === 'static' ? s.value : '')).join('/')}`;
        let byMethod = this.literal.get(key);
        if (!byMethod) this.literal.set(key, (byMethod = new Map()));
        if (!byMethod.has(method)) byMethod.set(method, entry.route);
        continue;
      }
      const key = `${kind} ${entry.segments.length}`;
      let list = this.patterns.get(key);
      if (!list) this.patterns.set(key, (list = []));
      list.push(entry);
    }
    for (const list of this.patterns.values())
      list.sort((a, b) => compareSpecificity(a.segments, b.segments));
    this.size = entries.length;
  }

  /** `segments`: the decoded path segments after the URL family prefix. */
  match(kind: WebhookKind, method: string, segments: readonly string[]): RouteMatch {
    const allowed = new Set<HttpMethod>();
    const literal = this.literal.get(`${kind} ${segments.join('/')}`);
    if (literal) {
      const route = literal.get(method as HttpMethod);
      if (route) return { type: 'found', route, params: {} };
      for (const m of literal.keys()) allowed.add(m);
    }
    for (const entry of this.patterns.get(`${kind} ${segments.length}`) ?? []) {
      const params = matchSegments(entry.segments, segments);
      if (!params) continue;
      if (entry.route.method === method) return { type: 'found', route: entry.route, params };
      allowed.add(entry.route.method);
    }
    return allowed.size > 0
      ? { type: 'methodNotAllowed', allowed: [...allowed].sort() }
      : { type: 'notFound' };
  }

  static empty(): RouteTable {
    return new RouteTable([]);
  }
}
