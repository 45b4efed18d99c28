import type { Workflow } from '@budflow/runtime';

/** One webhook a workflow serves: method and path under `/webhook/<namespace>/`. */
export interface WebhookRegistration {
  node: string;
  method: string;
  path: string;
  url: string;
}

/** The webhooks of a workflow's (enabled) Webhook nodes, as the gateway serves them (ADR 0008). */
export function webhookRegistrations(workflow: Workflow): WebhookRegistration[] {
  const namespace = workflow.metadata.namespace ?? 'default';
  const out: WebhookRegistration[] = [];
  for (const node of workflow.spec.nodes) {
    if (node.type !== 'webhook' || node.disabled) continue;
    const parameters = node.parameters as { path?: unknown; httpMethod?: unknown; multipleMethods?: unknown };
    const path = String(parameters.path ?? node.webhookId ?? '').replace(/^\/+|\/+$/g, '');
    if (!path) continue;
    const methods = Array.isArray(parameters.httpMethod)
      ? parameters.httpMethod.map(String)
      : [String(parameters.httpMethod ?? 'GET')];
    for (const method of methods)
      out.push({ node: node.name, method: method.toUpperCase(), path, url: `/webhook/${namespace}/${path}` });
  }
  return out;
}

/** A path's shape for collisions: `orders/:id` and `orders/:orderId` are the same route. */
function shape(path: string): string {
  return path
    .split('/')
    .map((segment) => (segment.startsWith(':') ? ':' : segment.toLowerCase()))
    .join('/');
}

/**
 * Registrations of `workflow` that an older active workflow in the same namespace already serves: the oldest keeps
 * the URL, later ones are reported (never silently shadowed).
 */
export function webhookConflicts(
  workflow: Workflow,
  others: readonly Workflow[],
): Array<WebhookRegistration & { owner: string }> {
  if (!workflow.spec.active) return [];
  const created = (w: Workflow) =>
    String((w.metadata as { creationTimestamp?: string }).creationTimestamp ?? '');
  const older = others.filter(
    (o) =>
      o.metadata.name !== workflow.metadata.name &&
      o.spec.active &&
      (created(o) < created(workflow) ||
        (created(o) === created(workflow) && o.metadata.name < workflow.metadata.name)),
  );
  const taken = new Map<string, string>();
  for (const other of older)
    for (const r of webhookRegistrations(other))
      taken.set(`${r.method} ${shape(r.path)}`, other.metadata.name);
  return webhookRegistrations(workflow).flatMap((r) => {
    const owner = taken.get(`${r.method} ${shape(r.path)}`);
    return owner ? [{ ...r, owner }] : [];
  });
}
