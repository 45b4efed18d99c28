/** The value of an n8n `filter` parameter (If v2, Filter v2, Switch v3 rules), after expressions are resolved. */

export type FilterOperatorType =
  'string' | 'number' | 'boolean' | 'dateTime' | 'time' | 'array' | 'object' | 'any';

export interface FilterOperator {
  type: FilterOperatorType;
  operation: string;
  /** The right value's type when it differs from the left's (array length checks compare to a number) */
  rightType?: FilterOperatorType;
  /** The operator has no right value (exists, empty, true, ...) */
  singleValue?: boolean;
}

export interface FilterCondition {
  id?: string;
  leftValue: unknown;
  rightValue: unknown;
  operator: FilterOperator;
}

export interface FilterOptions {
  caseSensitive?: boolean;
  typeValidation?: 'strict' | 'loose';
  leftValue?: string;
  /** 1 before If/Filter 2.2; 2 converts booleans the n8n way in loose mode */
  version?: number;
}

export interface FilterValue {
  options: FilterOptions;
  conditions: FilterCondition[];
  combinator: 'and' | 'or';
}

/** A condition cannot be evaluated: the values do not have (and cannot be converted to) the operator's type. */
export class FilterError extends Error {
  override readonly name = 'FilterError';
  readonly context: Record<string, unknown> = {};
  constructor(
    message: string,
    readonly description: string,
  ) {
    super(message);
  }
}

export function isFilterValue(value: unknown): value is FilterValue {
  return (
    typeof value === 'object' &&
    value !== null &&
    Array.isArray((value as FilterValue).conditions) &&
    typeof (value as FilterValue).combinator === 'string'
  );
}
