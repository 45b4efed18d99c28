import { pairedItemsOf } from '../spec/items.js';
import type { Item } from '../spec/items.js';
import type { RunData, SourceRef } from '../engine/run-data.js';
import { ExpressionDataError } from './expression-data-error.js';

/** Where an item sits: which output of which node run, and the item itself. */
interface Located {
  item: Item;
  source: SourceRef;
}

/**
 * Follows paired items back from an item on one of the current node's inputs to the item of `target`
 * it was derived from, as n8n's `$('Node').item` does.
 */
export function resolvePairedItem(
  runData: RunData,
  target: string,
  start: { item: Item; source: SourceRef | null },
): Item {
  if (!start.source) throw noPath(target);
  const found = walk(runData, target, { item: start.item, source: start.source }, 0);
  const distinct = [...new Set(found)];
  if (distinct.length === 0) throw noPath(target);
  if (distinct.length > 1) {
    throw new ExpressionDataError('Multiple matching items for expression', {
      description: `An expression here won't work because it uses .item and BudFlow can't figure out the matching item of '${target}': several items lead to this one. Use .first(), .last(), .all()[index] or .itemMatching(index) instead.`,
    });
  }
  return distinct[0]!;
}

function walk(runData: RunData, target: string, at: Located, depth: number): Item[] {
  if (at.source.previousNode === target) return [at.item];
  if (depth > 10_000) throw noPath(target);
  const node = at.source.previousNode;
  const run = runData[node]?.[at.source.previousNodeRun];
  if (!run) throw unexecuted(node);
  const paired = pairedItemsOf(at.item);
  if (paired.length === 0) throw unavailable(node);
  const results: Item[] = [];
  for (const p of paired) {
    const source = run.source[p.input ?? 0];
    if (!source) continue; // reached the start of the execution on this path
    const item = runData[source.previousNode]?.[source.previousNodeRun]?.data?.main[source.previousNodeOutput]?.[p.item];
    if (!item) throw unavailable(node);
    results.push(...walk(runData, target, { item, source }, depth + 1));
  }
  return results;
}

function noPath(target: string): ExpressionDataError {
  return new ExpressionDataError(`No path back to node '${target}'`, {
    description: `There is no connection back to the node '${target}', but it's used in an expression here. Check that '${target}' runs before this node, or use .first(), .last() or .all().`,
  });
}

function unexecuted(node: string): ExpressionDataError {
  return new ExpressionDataError(`Referenced node is unexecuted`, {
    description: `An expression references the node '${node}', but it hasn't been executed yet.`,
  });
}

function unavailable(node: string): ExpressionDataError {
  return new ExpressionDataError("Can't get data for expression", {
    description: `Paired item data for item from node '${node}' is unavailable. Ensure '${node}' is providing the required output.`,
  });
}
