import { executionSchema } from '../spec/execution.js';
import type { ResourceKind } from './custom-resource-definition.js';
import { annotate } from './schema-path.js';
import type { StructuralSchema } from './structural-schema.js';
import { annotateWorkflowSpec } from './workflow-crd.js';

/**
 * An Execution runs what it was created with: what to run and how (workflowRef, snapshot, trigger, mode) cannot
 * change afterwards, the snapshot can be pinned once (by the creator or the operator) but never replaced or
 * removed, and cancelling cannot be undone. Transition rules (`oldSelf`) only run on updates.
 */
function annotateExecution(root: StructuralSchema): void {
  annotateWorkflowSpec(root, ['spec', 'workflowSnapshot']);
  for (const field of ['workflowRef', 'workflowSnapshot', 'trigger', 'mode']) {
    annotate(root, ['spec', field], {
      'x-kubernetes-validations': [{ rule: 'self == oldSelf', message: `spec.${field} is immutable` }],
    });
  }
  annotate(root, ['spec'], {
    'x-kubernetes-validations': [
      {
        rule: '!has(oldSelf.workflowSnapshot) || has(self.workflowSnapshot)',
        message: 'spec.workflowSnapshot cannot be removed once set',
        fieldPath: '.workflowSnapshot',
      },
      {
        rule: '!has(oldSelf.cancel) || !oldSelf.cancel || (has(self.cancel) && self.cancel)',
        message: 'spec.cancel cannot be reverted once true',
        fieldPath: '.cancel',
      },
    ],
  });
}

export const executionKind: ResourceKind = {
  kind: 'Execution',
  plural: 'executions',
  singular: 'execution',
  shortNames: ['bfex'],
  schema: executionSchema,
  annotate: annotateExecution,
  printerColumns: [
    {
      name: 'Workflow',
      type: 'string',
      jsonPath: '.spec.workflowRef.name',
      description: 'The Workflow being run',
    },
    {
      name: 'Phase',
      type: 'string',
      jsonPath: '.status.phase',
      description: 'Where the execution is in its lifecycle',
    },
    { name: 'Mode', type: 'string', jsonPath: '.spec.mode', description: 'Execution mode', priority: 1 },
    {
      name: 'Started',
      type: 'date',
      jsonPath: '.status.startedAt',
      description: 'When the first step started',
    },
    {
      name: 'Finished',
      type: 'date',
      jsonPath: '.status.finishedAt',
      description: 'When the execution ended',
    },
    {
      name: 'Error',
      type: 'string',
      jsonPath: '.status.error.message',
      description: 'Why it failed',
      priority: 1,
    },
    {
      name: 'Age',
      type: 'date',
      jsonPath: '.metadata.creationTimestamp',
      description: 'Time since creation',
    },
  ],
  // `kubectl get bfex --field-selector spec.workflowRef.name=orders`, and the operator's list of runs per Workflow.
  selectableFields: ['.spec.workflowRef.name'],
};
