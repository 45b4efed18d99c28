import { DateTime, Duration, Interval } from 'luxon';
import type { Item, NodeExecutionContext } from '@budflow/runtime';
import type { SandboxGlobal } from './code-sandbox.js';

/**
 * `$`-variables taken from the expression scope of the step (evaluated on first use). The item data
 * itself (`$input`, `$json`, `items`, `item`) is built here from copies instead, so code that mutates
 * items cannot change what other nodes produced.
 */
const SCOPE_VARIABLES = [
  '$now',
  '$today',
  '$workflow',
  '$execution',
  '$vars',
  '$env',
  '$parameter',
  '$prevNode',
  '$runIndex',
  '$nodeVersion',
  '$nodeId',
  '$mode',
  '$jmespath',
  '$ifEmpty',
] as const;

/**
 * Scope variables that hand out other nodes' items (results are copied on the way out), with the
 * expression that fetches each: the evaluator only lets `$` be called, so it is fetched as a caller.
 */
const DATA_VARIABLES: Record<string, string> = { $: '(name) => $(name)', $items: '$items' };

/** A deep copy of data, leaving functions, dates and class instances (DateTime, ...) as they are. */
export function detach<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((entry) => detach(entry) as unknown) as T;
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return value;
  return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, detach(entry)])) as T;
}

/** An accessor object (getters or methods, like what `$('Node')` returns) rather than plain data. */
function isAccessor(value: object): boolean {
  return Object.values(Object.getOwnPropertyDescriptors(value)).some(
    (d) => d.get !== undefined || typeof d.value === 'function',
  );
}

/**
 * Data handed to code is copied; accessors are wrapped so what their methods and getters return is
 * copied in turn. Code can change what it gets without changing other nodes' output.
 */
function detaching(value: unknown): unknown {
  if (typeof value === 'function') {
    return (...args: unknown[]) => detaching((value as (...a: unknown[]) => unknown)(...args));
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value) || !isAccessor(value))
    return detach(value);
  return new Proxy(value, { get: (target, key) => detaching(Reflect.get(target, key) as unknown) });
}

/** n8n's legacy `$node["Name"]`, with each node's data copied. */
function legacyNodes(nodes: unknown): unknown {
  const source = nodes as Record<string, unknown>;
  return new Proxy(
    {},
    {
      get: (_target, name) => (typeof name === 'string' ? detach(source[name]) : undefined),
      has: (_target, name) => name in source,
    },
  );
}

/**
 * A value that throws `error` as soon as code uses it. A getter of a vm global must not throw: V8 would
 * report the variable as undefined instead of the real problem.
 */
function unavailable(error: unknown): unknown {
  const fail = () => {
    throw error;
  };
  return new Proxy(() => undefined, { get: fail, apply: fail, construct: fail });
}

/**
 * A variable of the expression scope for an item. The evaluator returns plain values only (a bare function
 * is an error there), so the variable is fetched inside an object.
 */
function fromScope(ctx: NodeExecutionContext, source: string, itemIndex: number): unknown {
  try {
    return (ctx.evaluateExpression(`{{ ({ value: ${source} }) }}`, itemIndex) as { value: unknown }).value;
  } catch (error) {
    return unavailable(error);
  }
}

export interface ItemView {
  items: Item[];
  itemIndex: number;
}

/** The `$input` helper over the (copied) input items. */
function inputHelper(ctx: NodeExecutionContext, view: ItemView) {
  return {
    get item() {
      return view.items[view.itemIndex];
    },
    all: () => view.items,
    first: () => view.items[0],
    last: () => view.items[view.items.length - 1],
    get params() {
      return detach(ctx.node.parameters);
    },
    get context() {
      return ctx.nodeContext;
    },
  };
}

/** The globals of one run of the code: for all items (`items`) or for one item (`item`, `$json`). */
export function sandboxGlobals(
  ctx: NodeExecutionContext,
  view: ItemView,
  eachItem: boolean,
): Record<string, SandboxGlobal> {
  const { itemIndex } = view;
  const globals: Record<string, SandboxGlobal> = {
    $input: { value: inputHelper(ctx, view) },
    $itemIndex: { value: itemIndex },
    $position: { value: itemIndex },
    DateTime: { value: DateTime },
    Duration: { value: Duration },
    Interval: { value: Interval },
    $evaluateExpression: {
      value: (expression: string, index?: number) => ctx.evaluateExpression(expression, index ?? itemIndex),
    },
  };
  // As in n8n, `$json` and friends are item 0's when the code runs once for all items.
  const item = view.items[itemIndex];
  Object.assign(globals, {
    $json: { value: item?.json ?? {} },
    $data: { value: item?.json ?? {} },
    $binary: { value: item?.binary ?? {} },
    ...(eachItem ? { item: { value: item } } : { items: { value: view.items } }),
  });
  for (const name of SCOPE_VARIABLES) globals[name] = { get: () => fromScope(ctx, name, itemIndex) };
  for (const [name, source] of Object.entries(DATA_VARIABLES))
    globals[name] = { get: () => detaching(fromScope(ctx, source, itemIndex)) };
  globals.$node = { get: () => legacyNodes(fromScope(ctx, '$node', itemIndex)) };
  return globals;
}
