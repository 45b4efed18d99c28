import type { z } from 'zod';
import { Settings } from 'luxon';
import type { CredentialData, NodeExecutionContext, NodeType, NodeTypeRegistry } from '../node-type.js';
import type { JsonObject } from '../spec/items.js';
import type { StepError } from '../engine/run-data.js';
import type { StepJob, StepLog, StepResult } from '../engine/step-job.js';
import { createExpressionScope, createStepScopeBase } from '../data-proxy/create-expression-scope.js';
import type { ExpressionScope } from '../data-proxy/create-expression-scope.js';
import { resolveParameterValue } from '../expression/index.js';
import { assignPairedItems } from './assign-paired-items.js';
import { getPath } from './get-path.js';
import { routeErrorItems } from './route-error-items.js';
import { formatZodPath } from '../validation/format-zod-path.js';
import type { Timers } from '../ports.js';
import { runSubWorkflow } from './run-sub-workflow.js';
import { hydrateBinaryData } from './hydrate-binary-data.js';

/** Resolves a node's credentials; the adapter decides where they come from (Secrets, a local file). */
export interface CredentialsProvider {
  get(job: StepJob, type: string): Promise<CredentialData>;
}

export interface StepEnvironment {
  registry: NodeTypeRegistry;
  credentials?: CredentialsProvider;
  signal?: AbortSignal;
  /** Clock for node code; defaults to the job's dispatch time */
  now?: () => number;
  /** Console output kept per step, in characters */
  maxLogChars?: number;
  /** Timers for sub-workflows run by this step (Execute Workflow) */
  timers?: Timers;
  /** Reads data kept by reference (the data store): binary data of input items, for nodes that read bytes */
  readData?: (ref: string) => Promise<string | undefined>;
}

/**
 * Runs one step: the node's parameters with defaults, expressions evaluated per item, the node executed,
 * paired items assigned. Never throws: failures come back as a typed step error.
 */
export async function executeStep(job: StepJob, env: StepEnvironment): Promise<StepResult> {
  const started = env.now?.() ?? job.now;
  const logs: StepLog[] = [];
  // Dates parsed without a zone (in expressions and nodes) are in the workflow's time zone.
  Settings.defaultZone = job.timezone;
  try {
    const nodeType = resolveNodeType(env.registry, job);
    const parameters = parseParameters(nodeType, job);
    if (nodeType.readsBinaryData && env.readData)
      job = { ...job, inputs: await hydrateBinaryData(job.inputs, env.readData) };
    const ctx = createContext(job, env, parameters, logs);
    const raw = await nodeType.execute(ctx, job.inputs);
    const wait = ctx.waitRequest;
    let outputs = assignPairedItems(raw, job.inputs[0] ?? []);
    if (job.node.onError === 'continueErrorOutput') {
      outputs = routeErrorItems(outputs, nodeType.outputs(parameters, job.node.typeVersion));
    }
    return {
      ok: true,
      outputs,
      nodeContext: ctx.nodeContext,
      logs,
      executionTime: (env.now?.() ?? started) - started,
      ...(wait ? { wait } : {}),
    };
  } catch (error) {
    return {
      ok: false,
      error: toStepError(error, job),
      logs,
      executionTime: (env.now?.() ?? started) - started,
    };
  }
}

function resolveNodeType(registry: NodeTypeRegistry, job: StepJob): NodeType {
  const nodeType = registry.get(job.node.type);
  if (!nodeType) throw new StepFailure(`Unknown node type '${job.node.type}'`, 'parameters');
  if (!nodeType.versions.includes(job.node.typeVersion)) {
    throw new StepFailure(
      `Node type '${job.node.type}' has no typeVersion ${job.node.typeVersion} (supported: ${nodeType.versions.join(', ')})`,
      'parameters',
    );
  }
  return nodeType;
}

function parseParameters(nodeType: NodeType, job: StepJob): JsonObject {
  const schema: z.ZodType<JsonObject> = nodeType.parameters(job.node.typeVersion);
  const parsed = schema.safeParse(job.node.parameters ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new StepFailure(`Invalid parameter '${formatZodPath(issue.path)}': ${issue.message}`, 'parameters');
}

type StepContext = NodeExecutionContext & { waitRequest?: { until?: number } };

function createContext(
  job: StepJob,
  env: StepEnvironment,
  parameters: JsonObject,
  logs: StepLog[],
): StepContext {
  const base = createStepScopeBase(job, parameters);
  const scopes = new Map<number, ExpressionScope>();
  const scopeFor = (itemIndex: number) => {
    let scope = scopes.get(itemIndex);
    if (!scope) {
      scope = createExpressionScope(base, itemIndex);
      scopes.set(itemIndex, scope);
    }
    return scope;
  };
  const maxLogChars = env.maxLogChars ?? 64 * 1024;
  let logChars = 0;
  const record =
    (level: StepLog['level']) =>
    (...args: unknown[]) => {
      if (logChars >= maxLogChars) return;
      const message = args
        .map((a) => (typeof a === 'string' ? a : safeJson(a)))
        .join(' ')
        .slice(0, maxLogChars - logChars);
      logChars += message.length;
      logs.push({ level, message });
    };
  const ctx: StepContext = {
    node: job.node,
    workflowName: job.workflow.name,
    executionId: job.executionId,
    mode: job.mode,
    runIndex: job.runIndex,
    continueOnFail: job.isContinueOnFail,
    timezone: job.timezone,
    nodeContext: structuredClone(job.nodeContext),
    getRawParameter: <T>(path: string, fallback?: T) => (getPath(parameters, path) ?? fallback) as T,
    getParameter: <T>(path: string, itemIndex: number, fallback?: T) => {
      const raw = getPath(parameters, path);
      if (raw === undefined) return fallback as T;
      const value = resolveParameterValue(raw, scopeFor(itemIndex));
      return (value === undefined ? fallback : value) as T;
    },
    evaluateExpression: (expression: string, itemIndex: number) =>
      resolveParameterValue(expression.startsWith('=') ? expression : `=${expression}`, scopeFor(itemIndex)),
    getCredentials: async (type: string) => {
      if (!env.credentials)
        throw new StepFailure(`No credentials of type '${type}' are available to this node`, 'credentials');
      return env.credentials.get(job, type);
    },
    logger: { log: record('log'), warn: record('warn') },
    now: env.now ?? (() => job.now),
    signal: env.signal ?? new AbortController().signal,
    putExecutionToWait: (until?: number) => {
      ctx.waitRequest = until === undefined ? {} : { until };
    },
    executeWorkflow: (workflow, items) => runSubWorkflow(job, env, workflow, items),
  };
  return ctx;
}

class StepFailure extends Error {
  constructor(
    message: string,
    readonly reason: string,
  ) {
    super(message);
    this.name = 'NodeOperationError';
  }
}

/** Any thrown value as a serializable step error that names the node. */
export function toStepError(error: unknown, job: Pick<StepJob, 'node'>): StepError {
  if (error instanceof Error) {
    const e = error as Error & { description?: unknown; reason?: unknown; context?: unknown; code?: unknown };
    return {
      name: e.name,
      message: e.message,
      node: job.node.name,
      ...(typeof e.description === 'string' ? { description: e.description } : {}),
      reason: typeof e.reason === 'string' ? e.reason : e.name === 'ExpressionError' ? 'expression' : 'node',
      ...(e.context && typeof e.context === 'object' ? { context: e.context as JsonObject } : {}),
      ...(e.stack ? { stack: e.stack } : {}),
    };
  }
  return { name: 'Error', message: String(error), node: job.node.name, reason: 'node' };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
