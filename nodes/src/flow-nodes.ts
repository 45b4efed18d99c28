import type { NodeType } from '@budflow/runtime';

/** See registry.ts: the flow group of nodes. */
export const FLOW_NODES: readonly NodeType[] = [];
