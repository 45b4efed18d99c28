/** The aggregations of Summarize (and Item Lists' summarize) over the values of one field. */

export type AggregationType =
  'append' | 'average' | 'concatenate' | 'count' | 'countUnique' | 'max' | 'min' | 'sum';

export interface Aggregation {
  aggregation: AggregationType;
  field: string;
  includeEmpty?: boolean;
  separateBy?: string;
  customSeparator?: string;
}

/** What changed between the summarize implementations n8n has shipped. */
export interface AggregationFlavor {
  /** Item Lists v1/v2: min and max are `Math.min`/`Math.max` over all values (a missing one gives NaN) */
  mathMinMax: boolean;
  /** Summarize: count and countUnique honour `includeEmpty` */
  countIncludesEmpty: boolean;
}

export type ValueGetter = (json: Record<string, unknown>, field: string) => unknown;

const PREFIXES: Record<AggregationType, string> = {
  append: 'appended_',
  average: 'average_',
  concatenate: 'concatenated_',
  count: 'count_',
  countUnique: 'unique_count_',
  max: 'max_',
  min: 'min_',
  sum: 'sum_',
};

/** A field name as an output key: no brackets or quotes, spaces and dots as underscores. */
export function normalizeFieldName(name: string): string {
  return name.replace(/[[\]"]/g, '').replace(/[ .]/g, '_');
}

/** The output key of an aggregation: `count_name`, `unique_count_name`, `appended_a_b`, ... */
export function aggregationKey({ aggregation, field }: Aggregation): string {
  return normalizeFieldName(`${PREFIXES[aggregation] ?? 'count_'}${field}`);
}

const isEmpty = (value: unknown) => value === undefined || value === null || value === '';

// n8n compares with `<` and `>` whatever the values are; the casts keep that JavaScript comparison.
function extreme(values: unknown[], wanted: 'min' | 'max'): unknown {
  let best: unknown;
  for (const value of values) {
    if (isEmpty(value)) continue;
    const better =
      wanted === 'min' ? (value as number) < (best as number) : (value as number) > (best as number);
    if (best === undefined || better) best = value;
  }
  return best ?? null;
}

function concatenate(values: unknown[], entry: Aggregation): string {
  const separator = entry.separateBy === 'other' ? entry.customSeparator : entry.separateBy;
  return values
    .map((value) => {
      if (typeof value === 'object') return JSON.stringify(value);
      return value === undefined ? 'undefined' : value;
    })
    .join(separator);
}

/** One aggregation over the rows of a group. */
export function aggregateValues(
  rows: Record<string, unknown>[],
  entry: Aggregation,
  getValue: ValueGetter,
  flavor: AggregationFlavor,
): unknown {
  let values = rows.map((row) => getValue(row, entry.field));
  const keepEmpty = entry.includeEmpty === true;
  switch (entry.aggregation) {
    case 'append':
      return keepEmpty ? values : values.filter((value) => !isEmpty(value));
    case 'concatenate':
      return concatenate(keepEmpty ? values : values.filter((value) => !isEmpty(value)), entry);
    case 'average':
    case 'sum': {
      values = values.filter((value) => typeof value === 'number');
      const sum = (values as number[]).reduce((total, value) => total + value, 0);
      return entry.aggregation === 'sum' ? sum : sum / values.length;
    }
    case 'min':
    case 'max':
      if (flavor.mathMinMax) return Math[entry.aggregation](...(values as number[]));
      return extreme(values, entry.aggregation);
    case 'countUnique':
      if (flavor.countIncludesEmpty && keepEmpty) return new Set(values).size;
      return new Set(values.filter((value) => !isEmpty(value))).size;
    default:
      if (flavor.countIncludesEmpty && keepEmpty) return values.length;
      return values.filter((value) => !isEmpty(value)).length;
  }
}

/** Every aggregation of a group, by output key. */
export function aggregateRow(
  rows: Record<string, unknown>[],
  aggregations: Aggregation[],
  getValue: ValueGetter,
  flavor: AggregationFlavor,
): Record<string, unknown> {
  return Object.fromEntries(
    aggregations.map((entry) => [aggregationKey(entry), aggregateValues(rows, entry, getValue, flavor)]),
  );
}
