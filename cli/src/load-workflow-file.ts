import { readFile } from 'node:fs/promises';
import { formatProblem, validateManifestText } from '@budflow/runtime';
import type { NodeTypeRegistry, Workflow } from '@budflow/runtime';

export class ManifestError extends Error {
  constructor(
    message: string,
    readonly problems: string[],
  ) {
    super(message);
    this.name = 'ManifestError';
  }
}

/** Reads and validates a manifest file; throws ManifestError listing every problem with file:line:col. */
export async function loadWorkflowFile(
  path: string,
  registry: NodeTypeRegistry,
  name?: string,
): Promise<Workflow> {
  const text = await readText(path);
  const { workflows, problems } = validateManifestText(text, registry);
  if (problems.length > 0) {
    throw new ManifestError(
      `${path} is not a valid Workflow manifest`,
      problems.map((p) => formatProblem(p, path)),
    );
  }
  const chosen = name ? workflows.find((w) => w.metadata.name === name) : workflows[0];
  if (!chosen) {
    const names = workflows.map((w) => w.metadata.name).join(', ');
    throw new ManifestError(`${path} has no Workflow named '${name}'`, [
      `workflows in the file: ${names || 'none'}`,
    ]);
  }
  return chosen;
}

export async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ManifestError(`cannot read ${path}${code ? ` (${code})` : ''}`, []);
  }
}
