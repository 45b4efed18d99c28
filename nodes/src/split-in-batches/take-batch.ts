import type { Item, NodeExecutionContext } from '@budflow/runtime';
import { pairInput } from '../shared/paired-items.js';

/**
 * What the node keeps in its node context between runs, under n8n's keys: workflows read `noItemsLeft`,
 * `currentRunIndex` and `maxRunIndex` through `$node["Loop Over Items"].context`.
 */
interface LoopContext {
  items?: Item[];
  processedItems?: Item[];
  currentRunIndex?: number;
  maxRunIndex?: number;
  noItemsLeft?: boolean;
  done?: boolean;
}

export interface Batch {
  /** The next items to loop over (empty when every item was returned) */
  items: Item[];
  /** Every item that came back into the node since the loop started (v2 and v3) */
  processed: Item[];
}

/**
 * Items that wait in the node context for a later run. n8n pairs them with the run that first brought them
 * (`sourceOverwrite`), which BudFlow's paired items cannot express yet: they carry no pairing, so an
 * expression that follows them further back fails clearly instead of finding the wrong item.
 */
const unpaired = (item: Item): Item => ({ ...item, pairedItem: [] });

/**
 * The batch of one run of Loop Over Items. The first run (or a run with `options.reset`) takes the input as
 * the items to loop over; later runs hand out the next batch and collect their input as processed items.
 */
export function takeBatch(ctx: NodeExecutionContext, input: Item[], collectProcessed: boolean): Batch {
  const state = ctx.nodeContext as LoopContext;
  const batchSize = Number(ctx.getParameter('batchSize', 0));
  const reset = ctx.getParameter<unknown>('options.reset', 0, false) === true;
  let items: Item[];
  let fresh: Item[] = [];
  if (state.items === undefined || reset) {
    const paired = pairInput(input);
    state.currentRunIndex = 0;
    state.maxRunIndex = Math.ceil(input.length / batchSize);
    items = paired.slice(0, batchSize);
    state.items = paired.slice(items.length).map(unpaired);
    if (collectProcessed) state.processedItems = [];
  } else {
    state.currentRunIndex = (state.currentRunIndex ?? 0) + 1;
    items = state.items.splice(0, batchSize);
    if (collectProcessed) {
      fresh = pairInput(input);
      state.processedItems = [...(state.processedItems ?? []), ...fresh.map(unpaired)];
    }
  }
  state.noItemsLeft = state.items.length === 0;
  // Items of this run's input pair with it; those of earlier runs cannot (see `unpaired`).
  const earlier = (state.processedItems ?? []).slice(0, (state.processedItems?.length ?? 0) - fresh.length);
  return { items, processed: collectProcessed ? [...earlier, ...fresh] : [] };
}

/** Records whether the loop is done (v2 and v3 keep `done` in the node context). */
export function markDone(ctx: NodeExecutionContext, done: boolean): void {
  (ctx.nodeContext as LoopContext).done = done;
}
