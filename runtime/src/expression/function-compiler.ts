/** Turns parameter names and a function body into a function. */
export type FunctionCompiler = (params: string[], body: string) => (...args: never[]) => unknown;

const defaultCompiler: FunctionCompiler = (params, body) => new Function(...params, body) as (...args: never[]) => unknown;
let current: FunctionCompiler = defaultCompiler;

/**
 * Replaces how expression code is compiled. The sandboxed runner starts Node with
 * `--disallow-code-generation-from-strings` (so user code cannot call `eval`/`Function`) and installs
 * `vm.compileFunction` here; everything else keeps the default.
 */
export function setFunctionCompiler(compiler: FunctionCompiler | undefined): void {
  current = compiler ?? defaultCompiler;
}

export function compileFunction(params: string[], body: string): (...args: never[]) => unknown {
  return current(params, body);
}
