import type { Aggregation, AggregationFlavor, ValueGetter } from './aggregate-values.js';
import { aggregateRow, normalizeFieldName } from './aggregate-values.js';

/** An input item's data with its position, which the summary pairs its output items with. */
export interface Row {
  json: Record<string, unknown>;
  index: number;
}

export interface GroupSettings {
  aggregations: Aggregation[];
  getValue: ValueGetter;
  flavor: AggregationFlavor;
  skipEmptySplitFields: boolean;
  /** Summarize v1: group keys become text (Summarize 1.1 keeps 3 and '3' apart) */
  keysAsText: boolean;
  /**
   * Item Lists' summarize grouped into a plain object: keys are text (null too becomes 'null') and
   * groups with whole-number keys come first, in numeric order.
   */
  legacy?: boolean;
}

export type GroupResult =
  | { kind: 'leaf'; data: Record<string, unknown>; rows: number[] }
  | { kind: 'split'; field: string; groups: Map<unknown, GroupResult> };

/** The value items are grouped by: objects as their JSON, text in v1. */
function groupKey(row: Row, field: string, settings: GroupSettings): unknown {
  let key = settings.getValue(row.json, field);
  if ((key || settings.legacy) && typeof key === 'object') key = JSON.stringify(key);
  return settings.keysAsText || settings.legacy ? String(key) : key;
}

/** Groups in the order a plain object lists its keys (whole numbers first), as Item Lists grouped. */
function inObjectOrder(grouped: Map<unknown, Row[]>): Map<unknown, Row[]> {
  const order = Object.create(null) as Record<string, Row[]>;
  for (const [key, rows] of grouped) order[String(key)] = rows;
  return new Map(Object.keys(order).map((key) => [key, order[key]!]));
}

/** Summarize's grouping: by each split field in turn, groups in the order their first item came. */
export function summarizeGroups(rows: Row[], splitFields: string[], settings: GroupSettings): GroupResult {
  const [field, ...rest] = splitFields;
  if (field === undefined) {
    const data = aggregateRow(
      rows.map((row) => row.json),
      settings.aggregations,
      settings.getValue,
      settings.flavor,
    );
    return { kind: 'leaf', data, rows: rows.map((row) => row.index) };
  }
  const grouped = new Map<unknown, Row[]>();
  for (const row of rows) {
    const key = groupKey(row, field, settings);
    if (settings.skipEmptySplitFields && typeof key !== 'number' && !key) continue;
    grouped.set(key, [...(grouped.get(key) ?? []), row]);
  }
  const ordered = settings.legacy ? inObjectOrder(grouped) : grouped;
  const groups = new Map([...ordered].map(([key, group]) => [key, summarizeGroups(group, rest, settings)]));
  return { kind: 'split', field, groups };
}

/** All groups in one object, nested by group value. */
export function groupsToObject(result: GroupResult): Record<string, unknown> {
  if (result.kind === 'leaf') return result.data;
  return Object.fromEntries([...result.groups].map(([key, group]) => [String(key), groupsToObject(group)]));
}

/** One entry per innermost group, with its group values after the aggregations. */
export function groupsToList(result: GroupResult): Array<{ data: Record<string, unknown>; rows: number[] }> {
  if (result.kind === 'leaf') return [{ data: { ...result.data }, rows: result.rows }];
  return [...result.groups].flatMap(([key, group]) =>
    groupsToList(group).map((entry) => ({
      ...entry,
      data: { ...entry.data, [normalizeFieldName(result.field)]: key },
    })),
  );
}

/** Item Lists' entries: the group values first (outermost first), then the aggregations. */
export function groupsToLegacyList(
  result: GroupResult,
  outer: Record<string, unknown> = {},
): Array<{ data: Record<string, unknown>; rows: number[] }> {
  if (result.kind === 'leaf') return [{ data: { ...outer, ...result.data }, rows: result.rows }];
  const field = normalizeFieldName(result.field);
  return [...result.groups].flatMap(([key, group]) => groupsToLegacyList(group, { ...outer, [field]: key }));
}
