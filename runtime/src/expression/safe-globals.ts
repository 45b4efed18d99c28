import { DateTime, Duration, Interval } from 'luxon';

/** A read-only view of a global: expressions must not monkey-patch Math, JSON, ... for the whole process. */
function readOnly<T extends object>(
  target: T,
  blocked: ReadonlySet<PropertyKey> = new Set(),
  overrides: Record<PropertyKey, unknown> = {},
): T {
  return new Proxy(target, {
    get(object, property, receiver) {
      if (blocked.has(property)) return undefined;
      if (Object.hasOwn(overrides, property)) return overrides[property];
      return Reflect.get(object, property, receiver) as unknown;
    },
    set: () => false,
    defineProperty: () => false,
    deleteProperty: () => false,
    setPrototypeOf: () => false,
  });
}

// As n8n's safe Object: these statics reach prototypes or define properties behind the sandbox's back.
const BLOCKED_OBJECT_STATICS = new Set<PropertyKey>([
  'defineProperty',
  'defineProperties',
  'setPrototypeOf',
  'getPrototypeOf',
  'getOwnPropertyDescriptor',
  'getOwnPropertyDescriptors',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
]);

// V8's stack-trace hooks hand out CallSite objects whose getThis() is the real global object.
const BLOCKED_ERROR_STATICS = new Set<PropertyKey>([
  'captureStackTrace',
  'prepareStackTrace',
  'stackTraceLimit',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
]);

/** Object.create without the property-descriptor argument. */
const createObject = (prototype: object | null): object => Object.create(prototype) as object;

/** The JavaScript globals expressions may use, each behind a read-only (and where needed, filtered) proxy. */
export function safeGlobals(): Record<string, unknown> {
  const errors = { Error, TypeError, SyntaxError, RangeError, ReferenceError, EvalError, URIError };
  return {
    Object: readOnly(Object, BLOCKED_OBJECT_STATICS, { create: createObject }),
    ...Object.fromEntries(
      Object.entries(errors).map(([name, type]) => [name, readOnly(type, BLOCKED_ERROR_STATICS)]),
    ),
    Array: readOnly(Array),
    String: readOnly(String),
    Number: readOnly(Number),
    Boolean: readOnly(Boolean),
    BigInt: readOnly(BigInt),
    Symbol: readOnly(Symbol),
    Date: readOnly(Date),
    RegExp: readOnly(RegExp),
    Math: readOnly(Math),
    JSON: readOnly(JSON),
    Intl: readOnly(Intl),
    Map: readOnly(Map),
    Set: readOnly(Set),
    WeakMap: readOnly(WeakMap),
    WeakSet: readOnly(WeakSet),
    ArrayBuffer: readOnly(ArrayBuffer),
    DataView: readOnly(DataView),
    Int8Array: readOnly(Int8Array),
    Uint8Array: readOnly(Uint8Array),
    Uint8ClampedArray: readOnly(Uint8ClampedArray),
    Int16Array: readOnly(Int16Array),
    Uint16Array: readOnly(Uint16Array),
    Int32Array: readOnly(Int32Array),
    Uint32Array: readOnly(Uint32Array),
    Float32Array: readOnly(Float32Array),
    Float64Array: readOnly(Float64Array),
    BigInt64Array: readOnly(BigInt64Array),
    BigUint64Array: readOnly(BigUint64Array),
    DateTime: readOnly(DateTime),
    Duration: readOnly(Duration),
    Interval: readOnly(Interval),
    // n8n maps the global isNaN/isFinite to the non-coercing Number versions.
    isNaN: Number.isNaN,
    isFinite: Number.isFinite,
    parseInt: Number.parseInt,
    parseFloat: Number.parseFloat,
    encodeURI,
    encodeURIComponent,
    decodeURI,
    decodeURIComponent,
    NaN: Number.NaN,
    Infinity: Number.POSITIVE_INFINITY,
    undefined: undefined,
  };
}
