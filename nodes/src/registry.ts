import type { NodeType, NodeTypeRegistry } from '@budflow/runtime';
import { code } from './code/code.js';
import { ifNode } from './if/if.js';
import { manualTrigger } from './manual-trigger/manual-trigger.js';
import { merge } from './merge/merge.js';
import { noOp } from './no-op/no-op.js';
import { set } from './set/set.js';

/** Every node type this package provides. */
export const NODE_TYPES: readonly NodeType[] = [manualTrigger, noOp, set, ifNode, merge, code];

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
