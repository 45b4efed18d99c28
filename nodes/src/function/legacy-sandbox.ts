import type { Item, NodeExecutionContext } from '@budflow/runtime';
import type { SandboxGlobal } from '../code/code-sandbox.js';
import { sandboxGlobals } from '../code/sandbox-globals.js';
import type { ItemView } from '../code/sandbox-globals.js';
import { CodeError } from '../code/code-error.js';

/**
 * What the legacy Function and Function Item nodes add to the Code node's globals: `$item(index)` (the
 * `$`-variables of another item), `getNodeParameter`, and the helpers n8n handed to them, where BudFlow has them.
 */

/** An item as the legacy nodes hand it to code: a copy, with its position in `index`. */
export type LegacyItem = Item & { index: number };

/** The globals of the Code node, as one object with getters (what `$item(index)` returns). */
function asObject(globals: Record<string, SandboxGlobal>): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (const [name, global] of Object.entries(globals)) {
    Object.defineProperty(object, name, {
      enumerable: true,
      configurable: true,
      ...('value' in global ? { value: global.value, writable: true } : { get: global.get }),
    });
  }
  return object;
}

const unavailable = (what: string) => () => {
  throw new Error(
    `${what} is not available in BudFlow: workflow static data and n8n's node helpers are not kept between executions`,
  );
};

/** The globals of one run of legacy code: the Code node's for `view`, plus n8n's legacy helpers. */
export function legacyGlobals(
  ctx: NodeExecutionContext,
  view: ItemView,
  eachItem: boolean,
): Record<string, SandboxGlobal> {
  const itemGlobals = (itemIndex: number) => sandboxGlobals(ctx, { items: view.items, itemIndex }, eachItem);
  return {
    ...itemGlobals(view.itemIndex),
    $item: { value: (index: number) => asObject(itemGlobals(index)) },
    getNodeParameter: {
      value: (name: string, itemIndex?: number, fallback?: unknown) =>
        ctx.getParameter(name, itemIndex ?? view.itemIndex, fallback),
    },
    getWorkflowStaticData: { value: unavailable('getWorkflowStaticData()') },
    helpers: {
      value: new Proxy({}, { get: (_target, name) => unavailable(`this.helpers.${String(name)}()`)() }),
    },
  };
}

/**
 * The message of a legacy node's error: the Code node's `[line 3]` / `[line 3, for item 0]` / `[item 0]` said
 * the way Function (`[Line 3]`) and Function Item (`[Line 3 | Item Index: 0]`, `[Item Index: 0]`) say it.
 */
export function legacyMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (!(error instanceof CodeError)) return message;
  return message
    .replace(/ \[line (\d+), for item (\d+)\]$/, ' [Line $1 | Item Index: $2]')
    .replace(/ \[line (\d+)\]$/, ' [Line $1]')
    .replace(/ \[item (\d+)\]$/, ' [Item Index: $1]');
}

/** The message without where it happened (as n8n puts it into `json.error` when the node continues). */
export function bareMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (!(error instanceof CodeError)) return message;
  return message.replace(/ \[(?:line \d+(?:, for item \d+)?|item \d+)\]$/, '');
}

/** An error of a legacy node with the message reworded (the original stays the cause). */
export function legacyError(error: unknown): Error {
  if (!(error instanceof Error)) return new Error(String(error));
  if (!(error instanceof CodeError)) return error;
  const wrapped = new CodeError({ message: legacyMessage(error), name: 'ExecutionError', cause: error });
  if (error.description) Object.assign(wrapped, { description: error.description });
  return wrapped;
}

/** Items the code may change: copies, paired with their position, with n8n's `index`. */
export function legacyCopies(items: readonly Item[]): LegacyItem[] {
  return items.map((item, index) => ({ ...structuredClone(item), pairedItem: { item: index }, index }));
}
