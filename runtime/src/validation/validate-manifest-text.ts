import type { NodeTypeRegistry } from '../node-type.js';
import type { Workflow } from '../spec/workflow.js';
import { parseManifests } from '../manifest/parse-manifests.js';
import type { Problem } from './problem.js';
import { validateWorkflow } from './validate-workflow.js';

export interface ManifestValidation {
  workflows: Workflow[];
  problems: Problem[];
  /** Documents of other APIs (Secrets beside the workflows, ...), left alone: `Kind/name` */
  skipped: string[];
}

/**
 * Validates every Workflow document in a YAML/JSON text. Problems carry the line and column
 * where the offending value was written.
 */
export function validateManifestText(text: string, registry: NodeTypeRegistry): ManifestValidation {
  const { documents, problems } = parseManifests(text);
  const workflows: Workflow[] = [];
  const skipped: string[] = [];
  if (problems.length === 0 && documents.length === 0) {
    problems.push({ path: '', message: 'the file holds no manifest' });
  }
  for (const doc of documents) {
    const { kind, apiVersion, metadata } = (doc.value ?? {}) as { kind?: unknown; apiVersion?: unknown; metadata?: { name?: unknown } };
    if (typeof apiVersion === 'string' && typeof kind === 'string' && !apiVersion.startsWith('budflow.io/')) {
      skipped.push(`${kind}/${String(metadata?.name ?? '?')}`);
      continue;
    }
    if (kind !== undefined && kind !== 'Workflow') {
      problems.push({ path: 'kind', message: `expected kind Workflow, got '${String(kind)}'`, ...doc.locate(['kind']) });
      continue;
    }
    const result = validateWorkflow(doc.value, registry);
    for (const p of result.problems) problems.push({ path: p.path, message: p.message, ...doc.locate(p.segments) });
    if (result.workflow) workflows.push(result.workflow);
  }
  return { workflows, problems, skipped };
}
