import { z } from 'zod';
import type { NodeTypeRegistry } from '../node-type.js';
import type { Connection, NodeSpec, Workflow } from '../spec/workflow.js';
import { API_GROUP_VERSION } from '../spec/api-version.js';

const n8nNodeSchema = z.looseObject({
  name: z.string(),
  type: z.string(),
  typeVersion: z.number().default(1),
  position: z.array(z.number()).optional(),
  parameters: z.record(z.string(), z.unknown()).default({}),
  credentials: z.record(z.string(), z.looseObject({ id: z.string().nullish(), name: z.string().nullish() })).optional(),
  disabled: z.boolean().optional(),
  retryOnFail: z.boolean().optional(),
  maxTries: z.number().optional(),
  waitBetweenTries: z.number().optional(),
  onError: z.string().optional(),
  continueOnFail: z.boolean().optional(),
  alwaysOutputData: z.boolean().optional(),
  executeOnce: z.boolean().optional(),
  notes: z.string().optional(),
  webhookId: z.string().optional(),
});

const n8nConnectionSchema = z.looseObject({ node: z.string(), type: z.string().default('main'), index: z.number().default(0) });

export const n8nWorkflowSchema = z.looseObject({
  name: z.string().optional(),
  active: z.boolean().optional(),
  nodes: z.array(n8nNodeSchema),
  connections: z.record(z.string(), z.record(z.string(), z.array(z.array(n8nConnectionSchema).nullable()))).default({}),
  settings: z.looseObject({}).optional(),
  pinData: z.record(z.string(), z.array(z.unknown())).optional(),
});
export type N8nWorkflow = z.infer<typeof n8nWorkflowSchema>;

export interface ImportOptions {
  name?: string;
  namespace?: string;
  /** Keep nodes of unknown types (they fail when the workflow runs) instead of refusing the import */
  allowUnsupported?: boolean;
  /** Keep the export's pinData in the manifest (default true) */
  keepPinData?: boolean;
}

export interface ImportResult {
  workflow: Workflow;
  /** Nodes whose type BudFlow does not have */
  unsupported: Array<{ name: string; type: string }>;
  /** Credentials turned into Secret references: node, n8n credential type, Secret name */
  credentials: Array<{ node: string; type: string; secretName: string }>;
  /** Dropped nodes (sticky notes) and other remarks */
  notes: string[];
}

const STICKY_NOTE = 'n8n-nodes-base.stickyNote';
const ON_ERROR = new Set(['stopWorkflow', 'continueRegularOutput', 'continueErrorOutput']);

/** Converts an exported n8n workflow into a BudFlow Workflow manifest. */
export function importN8nWorkflow(source: unknown, registry: NodeTypeRegistry, options: ImportOptions = {}): ImportResult {
  const n8n = n8nWorkflowSchema.parse(source);
  const unsupported: ImportResult['unsupported'] = [];
  const credentials: ImportResult['credentials'] = [];
  const notes: string[] = [];
  const dropped = new Set<string>();

  const nodes: NodeSpec[] = [];
  for (const node of n8n.nodes) {
    if (node.type === STICKY_NOTE) {
      dropped.add(node.name);
      notes.push(`dropped sticky note '${node.name}'`);
      continue;
    }
    const nodeType = registry.byN8nType(node.type);
    if (!nodeType) unsupported.push({ name: node.name, type: node.type });
    const onError = node.onError && ON_ERROR.has(node.onError) ? node.onError : node.continueOnFail ? 'continueRegularOutput' : undefined;
    const creds = Object.entries(node.credentials ?? {}).map(([type, ref]) => {
      const secretName = secretNameFor(ref.name ?? ref.id ?? type);
      credentials.push({ node: node.name, type, secretName });
      return [type, { secretName, type }] as const;
    });
    nodes.push({
      name: node.name,
      type: nodeType?.type ?? node.type,
      typeVersion: node.typeVersion,
      parameters: node.parameters,
      ...(creds.length ? { credentials: Object.fromEntries(creds) } : {}),
      ...(node.disabled ? { disabled: true } : {}),
      ...(node.retryOnFail ? { retryOnFail: true } : {}),
      ...(node.maxTries !== undefined ? { maxTries: node.maxTries } : {}),
      ...(node.waitBetweenTries !== undefined ? { waitBetweenTries: node.waitBetweenTries } : {}),
      ...(onError && onError !== 'stopWorkflow' ? { onError: onError as NodeSpec['onError'] } : {}),
      ...(node.alwaysOutputData ? { alwaysOutputData: true } : {}),
      ...(node.executeOnce ? { executeOnce: true } : {}),
      ...(node.position?.length === 2 ? { position: [node.position[0]!, node.position[1]!] } : {}),
      ...(node.notes ? { notes: node.notes } : {}),
      ...(node.webhookId ? { webhookId: node.webhookId } : {}),
    });
  }

  const connections: Connection[] = [];
  for (const [from, byType] of Object.entries(n8n.connections)) {
    if (dropped.has(from)) continue;
    for (const [type, outputs] of Object.entries(byType)) {
      if (type !== 'main') {
        notes.push(`dropped '${type}' connections of '${from}' (only main connections are supported)`);
        continue;
      }
      outputs.forEach((targets, output) => {
        for (const target of targets ?? []) {
          if (dropped.has(target.node)) continue;
          connections.push({ from, output, to: target.node, input: target.index });
        }
      });
    }
  }

  const settings = n8n.settings ?? {};
  const timeout = typeof settings.executionTimeout === 'number' && settings.executionTimeout > 0 ? settings.executionTimeout : undefined;
  const pinData = options.keepPinData === false ? undefined : n8n.pinData;
  const workflow: Workflow = {
    apiVersion: API_GROUP_VERSION,
    kind: 'Workflow',
    metadata: {
      name: options.name ?? resourceName(n8n.name ?? 'imported-workflow'),
      ...(options.namespace ? { namespace: options.namespace } : {}),
    },
    spec: {
      ...(n8n.active ? { active: true } : {}),
      nodes,
      connections,
      settings: {
        executionOrder: settings.executionOrder === 'v1' ? 'v1' : 'v0',
        ...(timeout ? { timeout } : {}),
        ...(typeof settings.timezone === 'string' && settings.timezone !== 'DEFAULT' ? { timezone: settings.timezone } : {}),
        ...(typeof settings.errorWorkflow === 'string' && settings.errorWorkflow ? { errorWorkflow: settings.errorWorkflow } : {}),
      },
      ...(pinData && Object.keys(pinData).length ? { pinData: pinData as Record<string, Record<string, unknown>[]> } : {}),
    },
  };
  return { workflow, unsupported, credentials, notes };
}

/** A DNS-1123 name (lower case, digits, '-', at most 63 characters) from a free-text name. */
export function resourceName(text: string): string {
  const name = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/g, '');
  return name || 'imported-workflow';
}

function secretNameFor(credentialName: string): string {
  return resourceName(credentialName);
}
