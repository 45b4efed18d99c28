import type { z } from 'zod';
import type { Item, JsonObject } from './spec/items.js';
import type { ExecutionMode } from './spec/execution.js';
import type { NodeSpec, WorkflowSpec } from './spec/workflow.js';

/** What a node type says about itself: versions, inputs and outputs, parameters, and how to run it. */
export interface NodeType {
  /** Short camelCase name used in manifests: `set`, `if`, `merge` */
  readonly type: string;
  /** n8n's full type name, for import: `n8n-nodes-base.set` */
  readonly n8nType: string;
  readonly displayName: string;
  /** Supported typeVersions, as n8n numbers them (1, 2, 3.4, ...) */
  readonly versions: readonly number[];
  /** Trigger nodes start executions (manual, webhook, schedule) */
  readonly isTrigger?: boolean;
  /**
   * The node reads the bytes of its input items' binary data: entries kept by reference (a large webhook upload
   * in the data store) are read into the items before it runs. Other nodes pass references along untouched.
   */
  readonly readsBinaryData?: boolean;
  /** A node that may sit on a cycle (Loop Over Items); cycles through other nodes are invalid */
  readonly loopCapable?: boolean;
  /** Number of main inputs for these parameters */
  inputs(parameters: JsonObject, typeVersion: number): number;
  /** Number of main outputs for these parameters, not counting the error output */
  outputs(parameters: JsonObject, typeVersion: number): number;
  /**
   * Inputs that must have data for a multi-input node to run once nothing else can run (n8n v1: its inputs
   * are settled). Default 'any': it runs with the inputs it has as long as one has items.
   */
  requiredInputs?(parameters: JsonObject, typeVersion: number): number[] | 'any';
  /** The parameter schema for a typeVersion; it fills n8n's defaults. Expression strings are accepted anywhere. */
  parameters(typeVersion: number): z.ZodType<JsonObject>;
  /** Runs the node once over all its input items. */
  execute(ctx: NodeExecutionContext, inputs: Item[][]): Promise<NodeOutput> | NodeOutput;
}

/** Items per output; a node may also return updated node context (state kept across runs, e.g. SplitInBatches). */
export type NodeOutput = Item[][];

export interface StepLogger {
  log(...args: unknown[]): void;
  warn(...args: unknown[]): void;
}

/** A credential resolved for a node, as key/value fields. */
export type CredentialData = Record<string, string>;

/** The narrow context a node executes with (no `this`-bound god object). */
export interface NodeExecutionContext {
  readonly node: NodeSpec;
  readonly workflowName: string;
  readonly executionId: string;
  readonly mode: ExecutionMode;
  readonly runIndex: number;
  /** True when the node's onError says to continue; nodes then put per-item errors into `json.error`. */
  readonly continueOnFail: boolean;
  /** A parameter (dot path) with defaults applied and expressions evaluated for the item. */
  getParameter<T = unknown>(path: string, itemIndex: number, fallback?: T): T;
  /** A parameter exactly as written, with defaults applied, expressions not evaluated. */
  getRawParameter<T = unknown>(path: string, fallback?: T): T;
  /** Evaluates an expression (`={{ ... }}` or a bare template) for an item. */
  evaluateExpression(expression: string, itemIndex: number): unknown;
  /** State kept for this node across its runs in one execution (n8n's node context). */
  readonly nodeContext: JsonObject;
  /** Credentials the node is allowed to use, by credential type. */
  getCredentials(type: string): Promise<CredentialData>;
  readonly logger: StepLogger;
  /** Injected clock: milliseconds since the epoch. */
  now(): number;
  /** Time zone for dates (workflow setting, default UTC). */
  readonly timezone: string;
  /** Cancellation of the step. */
  readonly signal: AbortSignal;
  /** After this step, put the execution to wait (Wait node): until a time (ms since the epoch), or until resumed. */
  putExecutionToWait(until?: number): void;
  /**
   * Runs another workflow to completion with these items (Execute Workflow node), inside this same sandbox,
   * and returns its final state's run data view: the items of its last node's outputs and the status.
   */
  executeWorkflow(workflow: SubWorkflow, items: Item[]): Promise<SubWorkflowResult>;
}

export interface SubWorkflow {
  name: string;
  spec: WorkflowSpec;
}

export interface SubWorkflowResult {
  status: 'success' | 'error' | 'canceled' | 'waiting' | 'running' | 'new';
  /** Items on each output of the last node that ran */
  outputs: Item[][];
  lastNode?: string;
  error?: { message: string; node?: string; description?: string };
}

/** Looks up node types by name and version; the `nodes` package provides the implementation. */
export interface NodeTypeRegistry {
  get(type: string): NodeType | undefined;
  /** The node type for an n8n type name such as `n8n-nodes-base.set` */
  byN8nType(n8nType: string): NodeType | undefined;
  list(): readonly NodeType[];
}
