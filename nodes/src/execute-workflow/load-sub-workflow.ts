import { readFile, realpath } from 'node:fs/promises';
import { isAbsolute, parse, relative, resolve } from 'node:path';
import type { NodeExecutionContext, SubWorkflow } from '@budflow/runtime';
import { operationError } from '../shared/operation-error.js';
import { toSubWorkflow } from './to-sub-workflow.js';

function parseJson(text: string, what: string, message?: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw operationError(message ?? `${what} is not valid JSON`, {
      ...(message ? {} : { description: (error as Error).message }),
      cause: error,
    });
  }
}

const inside = (base: string, path: string) => {
  const rel = relative(base, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

/**
 * Reads a workflow file. Only files under the runner's working directory are read (symbolic links
 * resolved; never when that directory is the root), so a workflow cannot read arbitrary files of the
 * runner through this node. The sandboxed runner works in its own private /tmp/work.
 */
async function readWorkflowFile(path: string, itemIndex: number): Promise<string> {
  const base = await realpath(process.cwd());
  // Everything is under the root folder: a runner started there may read no workflow file at all.
  if (parse(base).root === base)
    throw operationError(`The file "${path}" cannot be read: the runner's working directory is ${base}`, {
      itemIndex,
      description:
        "Start the runner in a folder of its own, or set 'source' to 'parameter' and paste the workflow JSON.",
    });
  let real: string;
  try {
    real = await realpath(resolve(base, path));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      throw operationError(`The file "${path}" could not be found, [item ${itemIndex}]`, { itemIndex });
    throw error;
  }
  if (!inside(base, real))
    throw operationError(`The file "${path}" is outside the working directory`, {
      itemIndex,
      description: `BudFlow reads sub-workflow files only under ${base}. Use a relative path, or set 'source' to 'parameter' and paste the workflow JSON.`,
    });
  return readFile(real, 'utf8');
}

/** The sub-workflow an Execute Workflow node runs for an item, from its `source`. */
export async function loadSubWorkflow(
  ctx: NodeExecutionContext,
  source: string,
  itemIndex: number,
): Promise<SubWorkflow> {
  const fallbackName = `${ctx.workflowName}-${ctx.node.name}`;
  if (source === 'parameter') {
    const what = `The workflow JSON of '${ctx.node.name}'`;
    const raw = ctx.getParameter<unknown>('workflowJson', itemIndex);
    const json = typeof raw === 'string' ? parseJson(raw, what) : raw;
    return toSubWorkflow(json, what, fallbackName);
  }
  if (source === 'localFile') {
    const path = String(ctx.getParameter('workflowPath', itemIndex));
    const text = await readWorkflowFile(path, itemIndex);
    const what = `The workflow file "${path}"`;
    return toSubWorkflow(parseJson(text, what, 'The file content is not valid JSON'), what, fallbackName);
  }
  throw operationError(`Execute Workflow's source '${source}' is not supported in BudFlow`, {
    itemIndex,
    description:
      "Reference a Workflow in the same namespace (coming with the operator), or set 'source' to 'parameter' and paste the workflow JSON.",
  });
}
