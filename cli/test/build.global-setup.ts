import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/**
 * Builds every workspace (incrementally) before the unit project: CLI, runner and conformance tests run the
 * built programs (the `budflow` binary, runner processes). A build error is reported but does not stop the run,
 * so work in one package can be tested while another is mid-edit; `npm test` type-checks before testing anyway.
 */
export default function setup(): void {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  try {
    execFileSync(process.execPath, [tsc, '-b', 'tsconfig.build.json'], { cwd: root, stdio: 'pipe' });
  } catch (error) {
    const output = String((error as { stdout?: Buffer }).stdout ?? '');
    process.stderr.write(`\nbuild failed; tests of built programs may fail or use an older build:\n${output.slice(0, 4000)}\n`);
  }
}
