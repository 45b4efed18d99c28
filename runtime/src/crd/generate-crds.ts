import { stringify } from 'yaml';
import { customResourceDefinition } from './custom-resource-definition.js';
import { executionKind } from './execution-crd.js';
import { workflowKind } from './workflow-crd.js';

export interface GeneratedCrd {
  fileName: 'workflow.yaml' | 'execution.yaml';
  content: string;
}

export const CRD_FILE_HEADER = '# Generated from runtime/src/spec by npm run gen:crds. Do not edit.\n';

/** The CustomResourceDefinitions of BudFlow's kinds as YAML files for `crds/`, derived from the zod spec. */
export function generateCrds(): GeneratedCrd[] {
  return [
    { fileName: 'workflow.yaml', content: toYaml(customResourceDefinition(workflowKind)) },
    { fileName: 'execution.yaml', content: toYaml(customResourceDefinition(executionKind)) },
  ];
}

function toYaml(document: unknown): string {
  // No line folding: descriptions and CEL rules stay on one line each, so diffs of the generated files stay small.
  return CRD_FILE_HEADER + stringify(document, { lineWidth: 0, aliasDuplicateObjects: false });
}
