import vm from 'node:vm';
import type { Item, StepLogger } from '@budflow/runtime';
import { operationError } from '../shared/operation-error.js';

/** How long a comparator may run in all, so a loop in user code cannot hold the runner. */
export const SORT_CODE_TIMEOUT_MS = 30_000;

const RETURNS = /\breturn\b/;

/**
 * The sort runs entirely inside a fresh context: the items go in as JSON text and only the new order
 * (and the console output) comes back as JSON text, so the user's code never holds an object of ours.
 */
const runner = (code: string) => `(() => {
  const logs = [];
  const text = (args) => args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ');
  const console = {
    log: (...a) => { logs.push(['log', text(a)]); },
    info: (...a) => { logs.push(['log', text(a)]); },
    debug: (...a) => { logs.push(['log', text(a)]); },
    warn: (...a) => { logs.push(['warn', text(a)]); },
    error: (...a) => { logs.push(['warn', text(a)]); },
  };
  const items = JSON.parse(itemsJson);
  const position = new Map(items.map((item, index) => [item, index]));
  items.sort((a, b) => { ${code}
  });
  return JSON.stringify({ order: items.map((item) => position.get(item)), logs });
})()`;

function messageOf(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(error);
}

/**
 * Items ordered by user JavaScript: the body of a comparator of `a` and `b` (items with `json`), which
 * must return. It runs in a `node:vm` context without access to ours, inside the sandboxed runner.
 */
export function sortByCode(items: Item[], code: string, logger: StepLogger): Item[] {
  if (!RETURNS.test(code)) {
    throw operationError("Sort code doesn't return. Please add a 'return' statement to your code");
  }
  const input = items.map(({ json, binary }) => (binary ? { json, binary } : { json }));
  const context = vm.createContext(
    { itemsJson: JSON.stringify(input) },
    { name: 'Sort code', codeGeneration: { strings: false, wasm: false } },
  );
  let result: { order: number[]; logs: Array<['log' | 'warn', string]> };
  try {
    const output = vm.runInContext(runner(code), context, { timeout: SORT_CODE_TIMEOUT_MS }) as string;
    result = JSON.parse(output) as typeof result;
  } catch (error) {
    throw operationError(messageOf(error), { cause: error });
  }
  for (const [level, message] of result.logs) logger[level](message);
  return result.order.map((index) => items[index]!);
}
