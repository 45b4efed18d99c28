export { createNodeRegistry, NODE_TYPES } from './registry.js';
export { code } from './code/code.js';
export { ifNode } from './if/if.js';
export { manualTrigger } from './manual-trigger/manual-trigger.js';
export { merge } from './merge/merge.js';
export { noOp } from './no-op/no-op.js';
export { set } from './set/set.js';
export { testData } from './test-data/test-data.js';
export {
  executeFilter,
  executeFilterCondition,
  FilterError,
  filterValueSchema,
  isFilterValue,
  resolveFilterOptions,
} from './shared/filter/index.js';
export type { FilterCondition, FilterOperator, FilterOptions, FilterValue } from './shared/filter/index.js';
