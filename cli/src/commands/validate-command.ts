import { formatProblem, validateManifestText } from '@budflow/runtime';
import type { NodeTypeRegistry } from '@budflow/runtime';
import { readText } from '../load-workflow-file.js';
import type { ManifestError } from '../load-workflow-file.js';

/** `budflow validate FILE...`: every problem of every file; exit 1 when any. */
export async function validateCommand(
  files: string[],
  deps: { registry: NodeTypeRegistry; stdout: (t: string) => void; stderr: (t: string) => void },
): Promise<number> {
  let failed = 0;
  for (const file of files) {
    let text: string;
    try {
      text = await readText(file);
    } catch (error) {
      deps.stderr(`${file}: ${(error as ManifestError).message}`);
      failed++;
      continue;
    }
    const { workflows, problems, skipped } = validateManifestText(text, deps.registry);
    if (problems.length === 0) {
      const found = workflows.map((w) => `Workflow ${w.metadata.name}`);
      const others = skipped.length ? `; not BudFlow resources, not checked: ${skipped.join(', ')}` : '';
      deps.stdout(`${file}: ok (${found.join(', ') || 'no Workflow'}${others})`);
      continue;
    }
    failed++;
    for (const problem of problems) deps.stderr(formatProblem(problem, file));
    deps.stderr(`${file}: ${problems.length} problem${problems.length === 1 ? '' : 's'}`);
  }
  return failed > 0 ? 1 : 0;
}
