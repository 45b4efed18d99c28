import { importN8nWorkflow, workflowSpecSchema } from '@budflow/runtime';
import type { NodeType, NodeTypeRegistry, SubWorkflow, WorkflowSpec } from '@budflow/runtime';
import { operationError } from '../shared/operation-error.js';

/**
 * Maps n8n node types to BudFlow ones by name alone (`n8n-nodes-base.set` → `set`), which is how this
 * package names its node types: the node cannot reach the registry. Types BudFlow lacks fail when the
 * sub-workflow starts, naming the node.
 */
const byName: NodeTypeRegistry = {
  get: () => undefined,
  byN8nType: (n8nType) => ({ type: n8nType.slice(n8nType.lastIndexOf('.') + 1) }) as NodeType,
  list: () => [],
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

function specOf(value: unknown, what: string): WorkflowSpec {
  const parsed = workflowSpecSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw operationError(`${what} is not a valid workflow`, {
    description: `${issue.path.join('.') || '(root)'}: ${issue.message}`,
  });
}

/**
 * A sub-workflow from what the user gave: a BudFlow Workflow manifest, a BudFlow workflow spec, or an n8n
 * workflow export (converted as `budflow import n8n` does, without its pinned data).
 */
export function toSubWorkflow(source: unknown, what: string, fallbackName: string): SubWorkflow {
  if (!isObject(source)) throw operationError(`${what} is not a workflow: expected a JSON object`);
  if (source.kind === 'Workflow' && isObject(source.spec)) {
    const metadata = isObject(source.metadata) ? source.metadata : {};
    const name = typeof metadata.name === 'string' ? metadata.name : fallbackName;
    return { name, spec: specOf(source.spec, what) };
  }
  if (Array.isArray(source.connections)) return { name: fallbackName, spec: specOf(source, what) };
  let imported;
  try {
    imported = importN8nWorkflow(source, byName, { keepPinData: false, name: fallbackName });
  } catch (error) {
    throw operationError(`${what} is not a valid n8n workflow`, {
      description: (error as Error).message,
      cause: error,
    });
  }
  return { name: typeof source.name === 'string' ? source.name : fallbackName, spec: imported.workflow.spec };
}
