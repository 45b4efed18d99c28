import type { NodeType } from '@budflow/runtime';
import { aggregate } from './aggregate/aggregate.js';
import { compareDatasetsNode } from './compare-datasets/compare-datasets.js';
import { filter } from './filter/filter.js';
import { itemLists } from './item-lists/item-lists.js';
import { limit } from './limit/limit.js';
import { n8nTrainingCustomerDatastore } from './n8n-training-customer-datastore/n8n-training-customer-datastore.js';
import { removeDuplicates } from './remove-duplicates/remove-duplicates.js';
import { renameKeys } from './rename-keys/rename-keys.js';
import { sort } from './sort/sort.js';
import { splitOut } from './split-out/split-out.js';
import { summarize } from './summarize/summarize.js';
import { switchNode } from './switch/switch.js';

/** See registry.ts: the transform group of nodes. */
export const TRANSFORM_NODES: readonly NodeType[] = [
  switchNode,
  filter,
  sort,
  limit,
  removeDuplicates,
  aggregate,
  splitOut,
  summarize,
  itemLists,
  renameKeys,
  compareDatasetsNode,
  // A helper of n8n's own tests and courses (fixed sample data) that belongs to no other group.
  n8nTrainingCustomerDatastore,
];
