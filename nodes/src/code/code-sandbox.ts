import vm from 'node:vm';
import type { StepLogger } from '@budflow/runtime';
import { CodeError, fromThrown } from './code-error.js';

/** Name user code runs under in stack traces; errors are mapped back to the user's lines through it. */
export const CODE_FILENAME = 'budflow-code-node';

/** A global the code sees: a fixed value, or a getter evaluated only when the code reads it. */
export type SandboxGlobal = { value: unknown } | { get: () => unknown };

type TimerApi = Pick<
  typeof globalThis,
  'setTimeout' | 'clearTimeout' | 'setInterval' | 'clearInterval' | 'setImmediate' | 'clearImmediate'
>;

/**
 * User JavaScript compiled once and run in a fresh `node:vm` context per step. The code is the body of an
 * async function, so it may `await` and must `return` its result. There is no `process`, and `require` (defined
 * by the Code node) loads only allow-listed modules;
 * `console` goes to the step log and timers are cancelled when the step ends or is aborted. node:vm is not
 * a security boundary: isolation comes from the runner the step executes in.
 */
export class CodeSandbox {
  private readonly script: vm.Script;
  private readonly globals: Record<string, unknown> = {};
  private readonly context: vm.Context;
  private readonly timers = new Set<{ cancel: () => void }>();

  constructor(
    code: string,
    logger: StepLogger,
    private readonly signal: AbortSignal,
  ) {
    try {
      // No newline before the code, so line numbers in traces are the user's line numbers.
      this.script = new vm.Script(`(async function () {${code}\n})()`, { filename: CODE_FILENAME });
    } catch (error) {
      throw syntaxError(error);
    }
    Object.assign(this.globals, { console: sandboxConsole(logger), ...this.timerApi() });
    this.context = vm.createContext(this.globals, {
      name: 'Code node',
      codeGeneration: { strings: false, wasm: false },
    });
  }

  /** Sets (or replaces) globals before a run; getters are evaluated lazily. */
  define(globals: Record<string, SandboxGlobal>): void {
    for (const [name, global] of Object.entries(globals)) {
      const descriptor: PropertyDescriptor =
        'value' in global
          ? { value: global.value, writable: true }
          : { get: global.get, set: (v: unknown) => this.define({ [name]: { value: v } }) };
      Object.defineProperty(this.globals, name, { ...descriptor, configurable: true, enumerable: true });
    }
  }

  /** Runs the code once; resolves to what it returned, or rejects with a CodeError naming the line. */
  async run(itemIndex?: number): Promise<unknown> {
    this.signal.throwIfAborted();
    let aborted: (() => void) | undefined;
    const abort = new Promise<never>((_, reject) => {
      aborted = () => reject(new CodeError({ message: 'The code was cancelled', itemIndex }));
      this.signal.addEventListener('abort', aborted, { once: true });
    });
    try {
      const result = this.script.runInContext(this.context) as Promise<unknown>;
      return await Promise.race([result, abort]);
    } catch (error) {
      if (error instanceof CodeError) throw error;
      throw fromThrown(error, CODE_FILENAME, itemIndex);
    } finally {
      if (aborted) this.signal.removeEventListener('abort', aborted);
      abort.catch(() => undefined);
    }
  }

  /** Cancels timers the code left behind. */
  dispose(): void {
    for (const timer of this.timers) timer.cancel();
    this.timers.clear();
  }

  private timerApi(): TimerApi {
    const track = <H>(handle: H, cancel: (h: H) => void): H => {
      const entry = { cancel: () => cancel(handle) };
      this.timers.add(entry);
      return handle;
    };
    type Callback = (...args: unknown[]) => void;
    return {
      setTimeout: ((fn: Callback, ms?: number, ...args: unknown[]) =>
        track(
          setTimeout(() => fn(...args), ms),
          clearTimeout,
        )) as TimerApi['setTimeout'],
      clearTimeout,
      setInterval: ((fn: Callback, ms?: number, ...args: unknown[]) =>
        track(
          setInterval(() => fn(...args), ms),
          clearInterval,
        )) as TimerApi['setInterval'],
      clearInterval,
      setImmediate: ((fn: Callback, ...args: unknown[]) =>
        track(
          setImmediate(() => fn(...args)),
          clearImmediate,
        )) as TimerApi['setImmediate'],
      clearImmediate,
    };
  }
}

function sandboxConsole(logger: StepLogger) {
  return {
    log: (...args: unknown[]) => logger.log(...args),
    info: (...args: unknown[]) => logger.log(...args),
    debug: (...args: unknown[]) => logger.log(...args),
    warn: (...args: unknown[]) => logger.warn(...args),
    error: (...args: unknown[]) => logger.warn(...args),
  };
}

function syntaxError(error: unknown): CodeError {
  const stack = String((error as { stack?: unknown })?.stack ?? '');
  const line = new RegExp(`^${CODE_FILENAME}:(\\d+)`, 'm').exec(stack)?.[1];
  return new CodeError({
    message: (error as { message?: string })?.message ?? 'Invalid JavaScript',
    description: 'SyntaxError',
    ...(line !== undefined ? { lineNumber: Number(line) } : {}),
    name: 'ExecutionError',
    cause: error,
  });
}
