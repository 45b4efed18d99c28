import { z } from 'zod';
import { API_GROUP_VERSION } from './api-version.js';
import { conditionSchema, metadataSchema, workflowSpecSchema } from './workflow.js';

export const EXECUTION_MODES = ['manual', 'production', 'test', 'retry', 'trigger'] as const;
export type ExecutionMode = (typeof EXECUTION_MODES)[number];

export const EXECUTION_PHASES = ['Pending', 'Running', 'Waiting', 'Succeeded', 'Failed', 'Cancelled'] as const;
export type ExecutionPhase = (typeof EXECUTION_PHASES)[number];

export const executionSpecSchema = z
  .object({
    workflowRef: z
      .object({
        name: z.string().min(1).describe('Name of the Workflow in the same namespace'),
        generation: z.number().int().optional().describe('Generation of the Workflow the snapshot was taken from'),
      })
      .describe('The Workflow this execution runs'),
    workflowSnapshot: workflowSpecSchema
      .optional()
      .describe('Immutable copy of the workflow spec taken when the execution started'),
    trigger: z
      .object({
        type: z.string().default('manual').describe('manual, webhook, schedule, workflow'),
        node: z.string().optional().describe('Name of the node that started the execution'),
        dataRef: z.string().optional().describe('Reference to the trigger items in the data store'),
        items: z.array(z.record(z.string(), z.unknown())).optional().describe('Small trigger input given inline'),
      })
      .default({ type: 'manual' })
      .describe('What started the execution, and its input'),
    mode: z.enum(EXECUTION_MODES).default('production').describe('Execution mode, as n8n names it'),
    startNodes: z.array(z.string()).optional().describe('Run from these nodes (partial execution)'),
    destinationNode: z.string().optional().describe('Run only what this node needs (partial execution)'),
    pinData: z
      .record(z.string(), z.array(z.record(z.string(), z.unknown())))
      .optional()
      .describe('Pinned output items by node name, used instead of running those nodes'),
    cancel: z.boolean().optional().describe('Set to true to cancel the execution'),
    ttlSecondsAfterFinished: z.number().int().min(0).optional().describe('Delete the execution this long after it ends'),
  })
  .describe('Desired state of an Execution');

export const nodeSummarySchema = z
  .object({
    phase: z.enum(['Running', 'Succeeded', 'Failed', 'Skipped', 'Waiting']).describe('Where the node is'),
    runs: z.number().int().describe('How many times the node ran (loops and retries run it again)'),
    itemsIn: z.number().int().optional().describe('Items the node received, over all its runs'),
    itemsOut: z.number().int().optional().describe('Items the node output, over all its runs'),
    durationMs: z.number().optional().describe('Milliseconds the node ran, over all its runs'),
    message: z.string().optional().describe('Error message of its last failed run'),
  })
  .describe('Summary of one node: counts and timings, never item data');

export const executionStatusSchema = z
  .object({
    phase: z.enum(EXECUTION_PHASES).optional().describe('Where the execution is in its lifecycle'),
    observedGeneration: z.number().int().optional().describe('metadata.generation the status was computed from'),
    startedAt: z.string().optional().describe('When the execution started (RFC 3339)'),
    finishedAt: z.string().optional().describe('When the execution ended (RFC 3339)'),
    nodes: z.record(z.string(), nodeSummarySchema).optional().describe('Bounded summary per node, never item data'),
    error: z
      .object({
        node: z.string().optional().describe('Name of the node that failed'),
        message: z.string().describe('What went wrong'),
        description: z.string().optional().describe('More detail, for example the response of a failed request'),
      })
      .optional()
      .describe('Why the execution failed'),
    conditions: z.array(conditionSchema).optional().describe('Latest observations of the execution'),
    resultRef: z.string().optional().describe('Reference to the run data in the data store'),
  })
  .describe('Observed state of an Execution');

export const executionSchema = z
  .object({
    apiVersion: z.literal(API_GROUP_VERSION),
    kind: z.literal('Execution'),
    metadata: metadataSchema,
    spec: executionSpecSchema,
    status: executionStatusSchema.optional(),
  })
  .describe('One run of a Workflow, pinned to the snapshot it started from');

export type ExecutionSpec = z.infer<typeof executionSpecSchema>;
export type ExecutionStatus = z.infer<typeof executionStatusSchema>;
export type Execution = z.infer<typeof executionSchema>;
export type NodeSummary = z.infer<typeof nodeSummarySchema>;
