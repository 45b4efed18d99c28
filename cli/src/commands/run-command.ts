import { createExecution, driveExecution, toItems } from '@budflow/runtime';
import type { ExecutionMode, ExecutionState, NodeTypeRegistry, StepRunner } from '@budflow/runtime';
import { loadWorkflowFile, ManifestError, readText } from '../load-workflow-file.js';
import { toRunDocument } from '../run-document.js';
import { createProgressReporter } from '../progress-reporter.js';
import { formatItems } from '../format-items.js';

export interface RunOptions {
  input?: string;
  output: 'json' | 'table';
  workflow?: string;
  destination?: string;
  mode: ExecutionMode;
}

export interface RunDeps {
  registry: NodeTypeRegistry;
  runner: StepRunner;
  newId: () => string;
  now: () => number;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Show live progress (stderr is a terminal) */
  progress: boolean;
  vars: Record<string, string>;
  env: Record<string, string>;
  signal?: AbortSignal;
}

/** `budflow run FILE`: runs a Workflow manifest on this machine. Returns the process exit code. */
export async function runCommand(file: string, options: RunOptions, deps: RunDeps): Promise<number> {
  const workflow = await loadWorkflowFile(file, deps.registry, options.workflow);
  const triggerItems = options.input
    ? toItems(parseJson(await readText(options.input), options.input))
    : undefined;
  const state = createExecution({
    executionId: deps.newId(),
    workflowName: workflow.metadata.name,
    ...(workflow.metadata.namespace ? { namespace: workflow.metadata.namespace } : {}),
    spec: workflow.spec,
    registry: deps.registry,
    mode: options.mode,
    vars: deps.vars,
    env: deps.env,
  });
  if (options.output === 'table') deps.stderr(`Running workflow '${workflow.metadata.name}' (${file})`);
  const report =
    options.output === 'table' && deps.progress ? createProgressReporter(deps.stderr) : undefined;
  const final = await driveExecution(
    state,
    {
      ...(triggerItems ? { triggerItems } : {}),
      ...(options.destination ? { destinationNode: options.destination } : {}),
    },
    {
      runner: deps.runner,
      clock: { now: deps.now },
      timers: {
        set: (at, fn) => setTimeout(fn, Math.max(0, at - deps.now())),
        clear: (h) => clearTimeout(h as NodeJS.Timeout),
      },
      ...(report ? { onEvent: report } : {}),
      ...(deps.signal ? { signal: deps.signal } : {}),
    },
  );
  if (options.output === 'json') deps.stdout(JSON.stringify(toRunDocument(final), null, 2));
  else printSummary(final, deps);
  return final.status === 'success' || final.status === 'waiting' ? 0 : 1;
}

function printSummary(state: ExecutionState, deps: RunDeps): void {
  const seconds = ((state.finishedAt ?? 0) - (state.startedAt ?? 0)) / 1000;
  if (state.status === 'waiting') {
    deps.stderr(
      `⏸ Execution is waiting at node '${state.current?.entry.node ?? '?'}' for a resume (a resume webhook needs budflow serve or the cluster)`,
    );
    return;
  }
  if (state.status !== 'success') {
    const where = state.error?.node ? ` in node '${state.error.node}'` : '';
    deps.stderr(`✗ Execution ${state.status}${where}: ${state.error?.message ?? 'unknown error'}`);
    if (state.error?.description) deps.stderr(`  ${state.error.description}`);
    return;
  }
  const last = state.lastNodeExecuted;
  const items = last ? (state.runData[last]?.at(-1)?.data?.main[0] ?? []) : [];
  deps.stderr(
    `✓ Execution succeeded in ${seconds.toFixed(3)}s; '${last ?? '-'}' output ${items.length} item${items.length === 1 ? '' : 's'}:`,
  );
  deps.stdout(formatItems(items));
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ManifestError(`${file} is not valid JSON`, [(error as Error).message]);
  }
}
