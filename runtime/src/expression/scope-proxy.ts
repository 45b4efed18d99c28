import { builtinTable } from './expression-builtins.js';

/** The object a compiled segment runs `with`: the caller's scope, the built-ins, and assignments made inside. */
interface Frame {
  readonly scope: Readonly<Record<string, unknown>>;
  locals: Map<string, unknown> | undefined;
}

/** Identifiers that must resolve past the `with` object to the compiled function's own closure. */
export const HELPERS_IDENTIFIER = '__bf';

const BUILTINS = builtinTable();
const genuineProxies = new WeakSet<object>();

function lookup(frame: Frame, name: string): unknown {
  if (frame.locals?.has(name)) return frame.locals.get(name);
  const { scope } = frame;
  // Inherited Object.prototype members (constructor, __proto__, ...) must not leak through the scope.
  if (name in scope && (!(name in Object.prototype) || Object.hasOwn(scope, name))) return scope[name];
  return BUILTINS[name];
}

const handler: ProxyHandler<Frame> = {
  // Claiming every name is what keeps real globals (process, require, globalThis, Function, ...) out of reach:
  // an unknown identifier reads as undefined instead of falling through to the global object.
  has: (_frame, name) => name !== HELPERS_IDENTIFIER,
  get: (frame, name) => (typeof name === 'string' ? lookup(frame, name) : undefined),
  set(frame, name, value) {
    if (typeof name !== 'string') return false;
    frame.locals ??= new Map();
    frame.locals.set(name, value);
    return true;
  },
  deleteProperty: (frame, name) => (typeof name === 'string' ? (frame.locals?.delete(name) ?? true) : false),
  defineProperty: () => false,
  getOwnPropertyDescriptor: () => undefined,
  ownKeys: () => [],
  getPrototypeOf: () => null,
};

/** Wraps the caller's $-variables for one evaluation. */
export function createScopeProxy(scope: Readonly<Record<string, unknown>>): object {
  const proxy = new Proxy<Frame>({ scope, locals: undefined }, handler);
  genuineProxies.add(proxy);
  return proxy;
}

/**
 * True for proxies made by createScopeProxy. Compiled functions check it before entering `with`, so code that
 * obtains a compiled function (through a sloppy-mode `fn.caller`) cannot re-run it over an object it controls.
 */
export function isScopeProxy(value: unknown): boolean {
  return typeof value === 'object' && value !== null && genuineProxies.has(value);
}
