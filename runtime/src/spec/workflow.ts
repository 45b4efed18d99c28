import { z } from 'zod';
import { API_GROUP_VERSION } from './api-version.js';

const freeForm = () => z.record(z.string(), z.unknown());

export const ON_ERROR_MODES = ['stopWorkflow', 'continueRegularOutput', 'continueErrorOutput'] as const;
export type OnErrorMode = (typeof ON_ERROR_MODES)[number];

export const ISOLATION_MODES = ['pool', 'pod'] as const;

export const resourcesSchema = z
  .object({
    requests: z.record(z.string(), z.string()).optional().describe('Resource requests (cpu, memory, ephemeral-storage)'),
    limits: z.record(z.string(), z.string()).optional().describe('Resource limits (cpu, memory, ephemeral-storage)'),
  })
  .describe('Compute resources for the runner that executes this node');

export const credentialRefSchema = z
  .object({
    secretName: z.string().min(1).describe('Name of the Kubernetes Secret holding the credential'),
    type: z.string().optional().describe("n8n credential type, for example 'httpBasicAuth'"),
  })
  .describe('A reference to a credential stored in a Kubernetes Secret');

export const nodeSpecSchema = z
  .object({
    name: z.string().min(1).describe('Unique name of the node within the workflow; expressions refer to it'),
    type: z.string().min(1).describe("Node type, n8n's short name: set, if, merge, code, httpRequest, ..."),
    typeVersion: z.number().positive().default(1).describe("Version of the node type's parameters (n8n typeVersion)"),
    parameters: freeForm().default({}).describe("Node parameters with n8n's names and structure for the typeVersion"),
    credentials: z
      .record(z.string(), credentialRefSchema)
      .optional()
      .describe('Credentials by credential type name'),
    disabled: z.boolean().optional().describe('A disabled node passes its input through unchanged'),
    retryOnFail: z.boolean().optional().describe('Retry the node when it fails'),
    maxTries: z.number().int().min(1).max(10).optional().describe('Attempts in all when retryOnFail (default 3)'),
    waitBetweenTries: z
      .number()
      .int()
      .min(0)
      .max(300_000)
      .optional()
      .describe('Milliseconds between attempts (default 1000)'),
    onError: z.enum(ON_ERROR_MODES).optional().describe('What happens when the node fails (default stopWorkflow)'),
    alwaysOutputData: z.boolean().optional().describe('Output one empty item when the node outputs nothing'),
    executeOnce: z.boolean().optional().describe('Run the node with the first input item only'),
    isolation: z.enum(ISOLATION_MODES).optional().describe('pool: warm runner Pods; pod: one Pod per step'),
    resources: resourcesSchema.optional(),
    timeoutSeconds: z.number().int().positive().optional().describe('Wall-clock limit of one step of this node'),
    position: z
      .array(z.number())
      .length(2)
      .optional()
      .describe('Canvas position [x, y]; in v1 order, top-left branches run first'),
    notes: z.string().optional().describe('Free text for people'),
    webhookId: z.string().optional().describe('Stable id of a webhook node (kept from n8n imports)'),
  })
  .strict()
  .describe('One node (step) of the workflow');

export const connectionSchema = z
  .object({
    from: z.string().min(1).describe('Name of the source node'),
    output: z.number().int().min(0).default(0).describe('Output index on the source node'),
    to: z.string().min(1).describe('Name of the destination node'),
    input: z.number().int().min(0).default(0).describe('Input index on the destination node'),
  })
  .strict()
  .describe('An edge from one node output to one node input');

export const workflowSettingsSchema = z
  .object({
    executionOrder: z.enum(['v0', 'v1']).default('v1').describe("n8n's execution order (v1: each branch to completion)"),
    timeout: z.number().int().positive().optional().describe('Workflow timeout in seconds'),
    timezone: z.string().optional().describe('IANA time zone for $now and dates (default UTC)'),
    errorWorkflow: z.string().optional().describe('Workflow to run when an execution fails'),
    concurrency: z.number().int().positive().optional().describe('Most executions of this workflow at once'),
    isolation: z.enum(ISOLATION_MODES).optional().describe('Default isolation for its nodes'),
    runnerPool: z.string().optional().describe('Runner pool that executes its steps'),
    resources: resourcesSchema.optional().describe('Default compute resources of the steps of this workflow'),
    network: z
      .boolean()
      .optional()
      .describe('Let the steps of this workflow reach the network (default false: runners have loopback only)'),
    ttlSecondsAfterFinished: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe(
        "Delete the Executions its triggers start (webhooks) this long after they end (default: the operator's --webhook-execution-ttl)",
      ),
  })
  .strict()
  .describe('Workflow-wide settings');

export const workflowSpecSchema = z
  .object({
    active: z.boolean().optional().describe('Serve production triggers (webhooks, schedules)'),
    nodes: z.array(nodeSpecSchema).min(1).describe('The nodes of the workflow'),
    connections: z.array(connectionSchema).default([]).describe('Edges between nodes'),
    settings: workflowSettingsSchema.default({ executionOrder: 'v1' }),
    pinData: z
      .record(z.string(), z.array(freeForm()))
      .optional()
      .describe('Pinned output items by node name, used instead of running the node in manual runs'),
  })
  .strict()
  .describe('Desired state of a Workflow');

export const conditionSchema = z
  .object({
    type: z.string().describe('Condition type, for example Valid or Ready'),
    status: z.enum(['True', 'False', 'Unknown']).describe('Whether the condition holds'),
    reason: z.string().optional().describe('CamelCase reason for the last transition, for programs'),
    message: z.string().optional().describe('Details of the last transition, for people'),
    lastTransitionTime: z.string().optional().describe('When the status last changed (RFC 3339)'),
    observedGeneration: z.number().int().optional().describe('metadata.generation the condition was computed from'),
  })
  .describe('One observed aspect of the resource, shaped like metav1.Condition');

export const workflowStatusSchema = z
  .object({
    observedGeneration: z.number().int().optional().describe('metadata.generation the status was computed from'),
    conditions: z
      .array(conditionSchema)
      .optional()
      .describe('Valid: the graph and parameters check out; Ready: the triggers are registered'),
    webhooks: z
      .array(
        z
          .object({
            node: z.string().describe('Name of the webhook node'),
            method: z.string().describe('HTTP method the webhook answers'),
            url: z.string().describe('URL that starts the workflow'),
          })
          .describe('A webhook served for one webhook trigger node'),
      )
      .optional()
      .describe('Webhook URLs served for this workflow'),
    nextScheduleTimes: z.array(z.string()).optional().describe('Next times the schedule triggers fire'),
  })
  .describe('Observed state of a Workflow');

export const metadataSchema = z
  .object({
    name: z.string().min(1).describe('Name of the resource'),
    namespace: z.string().optional(),
    labels: z.record(z.string(), z.string()).optional(),
    annotations: z.record(z.string(), z.string()).optional(),
  })
  .loose();

export const workflowSchema = z
  .object({
    apiVersion: z.literal(API_GROUP_VERSION),
    kind: z.literal('Workflow'),
    metadata: metadataSchema,
    spec: workflowSpecSchema,
    status: workflowStatusSchema.optional(),
  })
  .describe('A workflow: nodes and the connections between them, with n8n semantics');

export type NodeSpec = z.infer<typeof nodeSpecSchema>;
export type Connection = z.infer<typeof connectionSchema>;
export type WorkflowSettings = z.infer<typeof workflowSettingsSchema>;
export type WorkflowSpec = z.infer<typeof workflowSpecSchema>;
export type Workflow = z.infer<typeof workflowSchema>;
export type Condition = z.infer<typeof conditionSchema>;
