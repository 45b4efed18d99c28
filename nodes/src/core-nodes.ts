import type { NodeType } from '@budflow/runtime';
import { code } from './code/code.js';
import { ifNode } from './if/if.js';
import { manualTrigger } from './manual-trigger/manual-trigger.js';
import { merge } from './merge/merge.js';
import { noOp } from './no-op/no-op.js';
import { set } from './set/set.js';
import { testData } from './test-data/test-data.js';

/** Triggers, Set, IF, Merge, Code, NoOp and the test-data node. */
export const CORE_NODES: readonly NodeType[] = [manualTrigger, noOp, set, ifNode, merge, code, testData];
