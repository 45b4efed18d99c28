/** A REST resource: group ('' for the core group), version and plural name. */
export interface ResourceType {
  group: string;
  version: string;
  plural: string;
}

export const WORKFLOWS: ResourceType = { group: 'budflow.io', version: 'v1alpha1', plural: 'workflows' };
export const EXECUTIONS: ResourceType = { group: 'budflow.io', version: 'v1alpha1', plural: 'executions' };
export const PODS: ResourceType = { group: '', version: 'v1', plural: 'pods' };
export const LEASES: ResourceType = { group: 'coordination.k8s.io', version: 'v1', plural: 'leases' };
export const EVENTS: ResourceType = { group: 'events.k8s.io', version: 'v1', plural: 'events' };

/** `budflow.io/v1alpha1`, or `v1` for the core group. */
export function apiVersionOf(resource: ResourceType): string {
  return resource.group ? `${resource.group}/${resource.version}` : resource.version;
}

function groupPrefix(resource: ResourceType): string {
  return resource.group ? `/apis/${resource.group}/${resource.version}` : `/api/${resource.version}`;
}

/** The collection's path: in one namespace, or across all namespaces when `namespace` is undefined. */
export function collectionPath(resource: ResourceType, namespace?: string): string {
  const scope = namespace === undefined ? '' : `/namespaces/${encodeURIComponent(namespace)}`;
  return `${groupPrefix(resource)}${scope}/${resource.plural}`;
}

/** One object's path, optionally of a subresource such as `status`. */
export function objectPath(
  resource: ResourceType,
  namespace: string | undefined,
  name: string,
  subresource?: string,
): string {
  const path = `${collectionPath(resource, namespace)}/${encodeURIComponent(name)}`;
  return subresource ? `${path}/${subresource}` : path;
}
