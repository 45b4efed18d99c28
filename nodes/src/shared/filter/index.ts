export { executeFilter, executeFilterCondition } from './execute-filter.js';
export type { FilterRunOptions } from './execute-filter.js';
export { FilterError, isFilterValue } from './filter-value.js';
export type {
  FilterCondition,
  FilterOperator,
  FilterOperatorType,
  FilterOptions,
  FilterValue,
} from './filter-value.js';
export { filterValueSchema } from './filter-schema.js';
export { resolveFilterOptions } from './resolve-filter-options.js';
export { v1ConditionsSchema, v2ConditionFields } from './condition-parameters.js';
