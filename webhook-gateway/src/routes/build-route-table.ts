import type { NodeTypeRegistry, Workflow } from '@budflow/runtime';
import type { WebhookKind } from '../ports.js';
import { formatPath, shapeOf } from './path-pattern.js';
import type { PathSegment } from './path-pattern.js';
import { RouteTable } from './route-table.js';
import type { RouteEntry, WebhookRoute } from './route-table.js';
import { webhookSettings } from './webhook-settings.js';

/** Reasons a webhook is not served, as they go on the Workflow's status (condition reasons). */
export const RouteProblemReason = {
  InvalidWebhook: 'InvalidWebhook',
  WebhookPathConflict: 'WebhookPathConflict',
} as const;

export interface RouteProblem {
  namespace: string;
  workflow: string;
  node: string;
  reason: (typeof RouteProblemReason)[keyof typeof RouteProblemReason];
  message: string;
}

/** A served webhook URL, as status.webhooks lists it. */
export interface WebhookRegistration {
  namespace: string;
  workflow: string;
  node: string;
  method: string;
  kind: WebhookKind;
  /** `/webhook/<namespace>/<path>` */
  url: string;
}

export interface RouteTableBuild {
  table: RouteTable;
  webhooks: WebhookRegistration[];
  problems: RouteProblem[];
}

export interface BuildRouteTableOptions {
  /**
   * Also serve this namespace's webhooks without the namespace segment (`/webhook/<path>`, n8n's URLs).
   * The namespaced URL always wins: an alias that collides with one is reported and not served.
   */
  aliasNamespace?: string;
}

export const URL_PREFIX: Record<WebhookKind, string> = { production: '/webhook/', test: '/webhook-test/' };

/**
 * Builds the route table of every Webhook node of `workflows`: production URLs for active workflows, test URLs
 * for all. Every URL starts with the namespace (ADR 0006), so namespaces cannot collide. Within a namespace,
 * the first registration of a method and path shape wins and each later one is reported. Workflows are taken
 * oldest first (metadata.creationTimestamp, then namespace and name), so adding a workflow never takes a URL
 * away from an older one, and every replica builds the same table.
 */
export function buildRouteTable(
  workflows: readonly Workflow[],
  registry: NodeTypeRegistry,
  options: BuildRouteTableOptions = {},
): RouteTableBuild {
  const entries: RouteEntry[] = [];
  const webhooks: WebhookRegistration[] = [];
  const problems: RouteProblem[] = [];
  const owners = new Map<string, WebhookRoute>();
  const aliases: RouteEntry[] = [];

  for (const workflow of [...workflows].sort(byAge)) {
    const namespace = workflow.metadata.namespace ?? 'default';
    const name = workflow.metadata.name;
    for (const node of workflow.spec.nodes) {
      if (node.type !== 'webhook' || node.disabled) continue;
      const result = webhookSettings(node, registry);
      if (!result.ok) {
        for (const message of result.problems)
          problems.push({
            namespace,
            workflow: name,
            node: node.name,
            reason: 'InvalidWebhook',
            message: `webhook '${node.name}': ${message}`,
          });
        continue;
      }
      const { settings } = result;
      const kinds: WebhookKind[] = workflow.spec.active === true ? ['production', 'test'] : ['test'];
      for (const kind of kinds) {
        for (const method of settings.methods) {
          const segments: PathSegment[] = [{ type: 'static', value: namespace }, ...settings.segments];
          const route: WebhookRoute = {
            id: `${namespace}/${name}/${node.name}`,
            namespace,
            workflow: name,
            node: node.name,
            kind,
            method,
            path: formatPath(segments),
            settings,
          };
          const key = `${kind} ${method} ${shapeOf(segments)}`;
          const owner = owners.get(key);
          if (owner) {
            problems.push(conflict(route, owner));
            continue;
          }
          owners.set(key, route);
          entries.push({ route, segments });
          webhooks.push({
            namespace,
            workflow: name,
            node: node.name,
            method,
            kind,
            url: `${URL_PREFIX[kind]}${route.path}`,
          });
          if (namespace === options.aliasNamespace)
            aliases.push({
              route: { ...route, path: formatPath(settings.segments) },
              segments: settings.segments,
            });
        }
      }
    }
  }
  for (const alias of aliases) {
    const { route } = alias;
    const key = `${route.kind} ${route.method} ${shapeOf(alias.segments)}`;
    const owner = owners.get(key);
    if (owner) {
      problems.push({
        ...conflict(route, owner),
        message: `webhook '${route.node}': ${route.method} ${URL_PREFIX[route.kind]}${route.path} (without the namespace) is also the URL of '${owner.id}'; only ${URL_PREFIX[route.kind]}${route.namespace}/${route.path} is served`,
      });
      continue;
    }
    owners.set(key, route);
    entries.push(alias);
    webhooks.push({
      namespace: route.namespace,
      workflow: route.workflow,
      node: route.node,
      method: route.method,
      kind: route.kind,
      url: `${URL_PREFIX[route.kind]}${route.path}`,
    });
  }
  return { table: new RouteTable(entries), webhooks, problems };
}

function byAge(a: Workflow, b: Workflow): number {
  const created = (w: Workflow) =>
    String((w.metadata as { creationTimestamp?: unknown }).creationTimestamp ?? '');
  const key = (w: Workflow) => `${w.metadata.namespace ?? 'default'}/${w.metadata.name}`;
  return created(a).localeCompare(created(b)) || key(a).localeCompare(key(b));
}

function conflict(route: WebhookRoute, owner: WebhookRoute): RouteProblem {
  const where = `${route.method} ${URL_PREFIX[route.kind]}${route.path}`;
  const same = owner.workflow === route.workflow;
  return {
    namespace: route.namespace,
    workflow: route.workflow,
    node: route.node,
    reason: 'WebhookPathConflict',
    message: `webhook '${route.node}': ${where} is already served by ${same ? `node '${owner.node}' of this workflow` : `workflow '${owner.workflow}' (node '${owner.node}')`}; this webhook is not served until the conflict is resolved`,
  };
}
