import type { NodeType, NodeTypeRegistry } from '@budflow/runtime';
import { CORE_NODES } from './core-nodes.js';
import { FLOW_NODES } from './flow-nodes.js';
import { IO_NODES } from './io-nodes.js';
import { TRANSFORM_NODES } from './transform-nodes.js';

/**
 * Every node type this package provides, by group: core (triggers, Set, IF, Merge, Code, NoOp, test data),
 * transform (Switch, Filter, Sort, Limit, ... item reshaping), flow (Loop Over Items, Wait, Execute Workflow,
 * Stop and Error, Date & Time, Crypto, ...), io (HTTP Request, files, XML, HTML, Markdown, webhooks).
 */
export const NODE_TYPES: readonly NodeType[] = [
  ...CORE_NODES,
  ...TRANSFORM_NODES,
  ...FLOW_NODES,
  ...IO_NODES,
];

/** A registry of the given node types (default: all of them), by short name and by n8n type name. */
export function createNodeRegistry(nodeTypes: readonly NodeType[] = NODE_TYPES): NodeTypeRegistry {
  const byType = new Map(nodeTypes.map((nodeType) => [nodeType.type, nodeType]));
  const byN8nType = new Map(nodeTypes.map((nodeType) => [nodeType.n8nType, nodeType]));
  if (byType.size !== nodeTypes.length)
    throw new Error('createNodeRegistry: two node types share a type name');
  return {
    get: (type) => byType.get(type),
    byN8nType: (n8nType) => byN8nType.get(n8nType),
    list: () => [...nodeTypes],
  };
}
