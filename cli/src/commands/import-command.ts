import { writeFile } from 'node:fs/promises';
import { Document, isNode } from 'yaml';
import { importN8nWorkflow } from '@budflow/runtime';
import type { NodeTypeRegistry } from '@budflow/runtime';
import { ManifestError, readText } from '../load-workflow-file.js';

export interface ImportOptions {
  namespace?: string;
  name?: string;
  out?: string;
  allowUnsupported?: boolean;
}

/** `budflow import n8n FILE`: writes a Workflow manifest for an exported n8n workflow. */
export async function importN8nCommand(
  file: string,
  options: ImportOptions,
  deps: { registry: NodeTypeRegistry; stdout: (t: string) => void; stderr: (t: string) => void },
): Promise<number> {
  let source: unknown;
  try {
    source = JSON.parse(await readText(file));
  } catch (error) {
    if (error instanceof ManifestError) throw error;
    throw new ManifestError(`${file} is not valid JSON`, [(error as Error).message]);
  }
  let result;
  try {
    result = importN8nWorkflow(source, deps.registry, options);
  } catch (error) {
    throw new ManifestError(`${file} is not an n8n workflow export`, [
      (error as Error).message.split('\n')[0] ?? '',
    ]);
  }
  if (result.unsupported.length > 0) {
    for (const u of result.unsupported) deps.stderr(`unsupported node '${u.name}' of type ${u.type}`);
    if (!options.allowUnsupported) {
      deps.stderr(
        `${file}: ${result.unsupported.length} node(s) have types BudFlow does not support; nothing written (use --allow-unsupported to keep them; they fail when the workflow runs)`,
      );
      return 1;
    }
  }
  for (const note of result.notes) deps.stderr(`note: ${note}`);

  const doc = new Document(result.workflow);
  result.workflow.spec.nodes.forEach((node, i) => {
    for (const type of Object.keys(node.credentials ?? {})) {
      const at = doc.getIn(['spec', 'nodes', i, 'credentials', type], true);
      if (isNode(at))
        at.commentBefore = ` n8n credential type '${type}': create Secret '${node.credentials![type]!.secretName}' with its fields`;
    }
  });
  doc.commentBefore = ` Imported from n8n (${file}) by budflow import n8n`;
  const text = doc.toString({ lineWidth: 0 });
  if (options.out) {
    await writeFile(options.out, text);
    deps.stderr(`wrote ${options.out}`);
  } else deps.stdout(text.trimEnd());
  return 0;
}
