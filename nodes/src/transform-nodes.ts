import type { NodeType } from '@budflow/runtime';

/** See registry.ts: the transform group of nodes. */
export const TRANSFORM_NODES: readonly NodeType[] = [];
