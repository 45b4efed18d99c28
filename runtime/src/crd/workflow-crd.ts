import { workflowSchema } from '../spec/workflow.js';
import type { ResourceKind } from './custom-resource-definition.js';
import { annotate, type SchemaPath } from './schema-path.js';
import type { StructuralSchema } from './structural-schema.js';

/** Bounds that keep a Workflow well inside etcd's 1.5 MiB object limit and CEL cost estimates finite. */
export const MAX_NODES = 1000;
export const MAX_CONNECTIONS = 5000;

/**
 * Kubernetes-only keywords for a Workflow spec, wherever one appears (a Workflow's spec, an Execution's snapshot).
 * Nodes are a list-map keyed by name: the apiserver rejects duplicate names at no CEL cost, and server-side apply
 * merges nodes by name. Connections are a list-map keyed by the whole edge, so an edge cannot be given twice.
 */
export function annotateWorkflowSpec(root: StructuralSchema, at: SchemaPath): void {
  annotate(root, [...at, 'nodes'], {
    maxItems: MAX_NODES,
    'x-kubernetes-list-type': 'map',
    'x-kubernetes-list-map-keys': ['name'],
  });
  annotate(root, [...at, 'connections'], {
    maxItems: MAX_CONNECTIONS,
    'x-kubernetes-list-type': 'map',
    'x-kubernetes-list-map-keys': ['from', 'output', 'to', 'input'],
  });
}

export const workflowKind: ResourceKind = {
  kind: 'Workflow',
  plural: 'workflows',
  singular: 'workflow',
  // Not `wf`: Argo Workflows owns it, and clusters often run both.
  shortNames: ['bfwf'],
  schema: workflowSchema,
  annotate: (root) => annotateWorkflowSpec(root, ['spec']),
  printerColumns: [
    {
      name: 'Active',
      type: 'boolean',
      jsonPath: '.spec.active',
      description: 'Production triggers are served',
    },
    {
      name: 'Valid',
      type: 'string',
      jsonPath: '.status.conditions[?(@.type=="Valid")].status',
      description: 'The workflow graph and its parameters passed validation',
    },
    {
      name: 'Ready',
      type: 'string',
      jsonPath: '.status.conditions[?(@.type=="Ready")].status',
      description: 'Its triggers are registered and it can run',
    },
    {
      name: 'Message',
      type: 'string',
      jsonPath: '.status.conditions[?(@.type=="Valid")].message',
      description: 'Why the workflow is not valid',
      priority: 1,
    },
    {
      name: 'Age',
      type: 'date',
      jsonPath: '.metadata.creationTimestamp',
      description: 'Time since creation',
    },
  ],
};
