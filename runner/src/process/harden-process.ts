import { compileFunction } from 'node:vm';
import { setFunctionCompiler } from '@budflow/runtime';

/**
 * Prepares a runner process before any user code runs:
 * expressions compile through `vm.compileFunction`, which works while the process runs with
 * `--disallow-code-generation-from-strings` (so user code itself cannot reach `eval` or `Function`).
 */
export function hardenProcess(): void {
  setFunctionCompiler((params, body) => compileFunction(body, params) as (...args: never[]) => unknown);
}
