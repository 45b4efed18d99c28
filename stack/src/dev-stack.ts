// `npm run dev:stack`: the integration stack in the foreground, for kubectl and a hand-run operator.
// Writes .stack/kubeconfig and .stack/env, prints `ready`, and stops everything on Ctrl-C.
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { repoRoot } from './binaries.js';
import { connectionEnv } from './connection.js';
import { startStack } from './stack.js';

async function main(argv: string[]): Promise<void> {
  // `--out DIR` instead of <repo>/.stack: for the test of this program, and for a second stack by hand.
  const outIndex = argv.indexOf('--out');
  const outDir = resolve(
    outIndex >= 0 && argv[outIndex + 1] ? argv[outIndex + 1]! : join(repoRoot, '.stack'),
  );
  const kubeconfigPath = join(outDir, 'kubeconfig');
  const envPath = join(outDir, 'env');
  const stack = await startStack({ log: (line) => console.log(line) });

  mkdirSync(outDir, { recursive: true });
  copyFileSync(stack.kubeconfigPath, kubeconfigPath);
  const env = connectionEnv({ ...stack, kubeconfigPath });
  writeFileSync(
    envPath,
    Object.entries(env)
      .map(([key, value]) => `${key}=${value}`)
      .join('\n') + '\n',
  );

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) {
      // A second Ctrl-C: do not wait for graceful shutdown; the exit hook kills the process groups.
      process.exit(130);
    }
    stopping = true;
    console.log(`${signal}: stopping`);
    void stack.stop().then(() => {
      rmSync(kubeconfigPath, { force: true });
      rmSync(envPath, { force: true });
      console.log('stopped');
      process.exit(0);
    });
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, shutdown);

  console.log(`kube-apiserver ${stack.apiServerUrl}`);
  for (const [key, value] of Object.entries(env)) console.log(`${key}=${value}`);
  console.log(`kubectl --kubeconfig ${kubeconfigPath} get crd    (or: set -a; . ${envPath}; set +a)`);
  console.log('ready');
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
