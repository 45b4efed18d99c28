import { compileFunction } from 'node:vm';
import { setFunctionCompiler } from '@budflow/runtime';

/**
 * Prepares a runner process before any user code runs:
 * - expressions compile through `vm.compileFunction`, which works while the process runs with
 *   `--disallow-code-generation-from-strings` (so user code itself cannot reach `eval` or `Function`);
 * - console output goes to stderr, keeping stdout for the protocol.
 */
export function hardenProcess(): void {
  setFunctionCompiler((params, body) => compileFunction(body, params) as (...args: never[]) => unknown);
  const toStderr = (...args: unknown[]) => process.stderr.write(`${args.map(String).join(' ')}\n`);
  console.log = toStderr;
  console.info = toStderr;
  console.debug = toStderr;
}
