import type { NodeType } from '@budflow/runtime';

/** See registry.ts: the io group of nodes. */
export const IO_NODES: readonly NodeType[] = [];
