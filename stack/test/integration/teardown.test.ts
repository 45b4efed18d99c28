import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ApiextensionsV1Api } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import {
  groupAlive,
  isListening,
  loadKubeConfig,
  orphanSafeArgv,
  repoRoot,
  startStack,
  sweepOrphans,
} from '@budflow/stack';

const fixtures = join(repoRoot, 'stack/test/integration/fixtures');

/** Runs one of the stack's TypeScript entry points in a plain node process. */
function runTs(entry: string, args: string[] = []): ChildProcessWithoutNullStreams {
  // Orphan-safe itself: a worker that vitest kills mid-test takes this child (and so its servers) along.
  const [command, ...argv] = orphanSafeArgv(process.execPath, [
    '--import',
    join(fixtures, 'ts-source.mjs'),
    entry,
    ...args,
  ]);
  return spawn(command, argv, { cwd: repoRoot });
}

/** Resolves with the first stdout line that `match` accepts; rejects when the process exits first. */
function waitForLine(
  child: ChildProcessWithoutNullStreams,
  match: (line: string) => boolean,
  seen: string[] = [],
): Promise<string> {
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      seen.push(line);
      if (match(line)) resolve(line);
    });
    child.once('exit', (code) =>
      reject(new Error(`exited with ${code} before the expected line:\n${seen.join('\n')}\n${stderr}`)),
    );
  });
}

async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

const portOf = (url: string) => Number(new URL(url).port);

describe('teardown', () => {
  it(
    'stop() leaves no server process, listening port or scratch folder behind',
    { timeout: 180_000 },
    async () => {
      const stack = await startStack();
      const pids = stack.servers.map((server) => server.pid);
      const ports = [stack.apiServerUrl, stack.natsUrl, stack.redisUrl].map(portOf);
      expect(stack.servers.map((server) => server.name).sort()).toEqual([
        'etcd',
        'kube-apiserver',
        'kube-controller-manager',
        'nats-server',
        'redis-server',
      ]);
      expect(pids.every(groupAlive)).toBe(true);

      await stack.stop();

      expect(pids.filter(groupAlive)).toEqual([]);
      for (const port of ports) expect(await isListening(port)).toBe(false);
      expect(existsSync(stack.dir)).toBe(false);
    },
  );

  it(
    'kills the servers of an owner that dies by SIGKILL, and the next sweep removes its folder',
    { timeout: 120_000 },
    async () => {
      const owner = runTs(join(fixtures, 'stack-owner.ts'));
      const started = JSON.parse(await waitForLine(owner, (line) => line.startsWith('{'))) as {
        pids: number[];
        natsUrl: string;
        redisUrl: string;
        dir: string;
      };
      expect(started.pids).toHaveLength(2);
      expect(started.pids.every(groupAlive)).toBe(true);

      owner.kill('SIGKILL');

      expect(await eventually(() => !started.pids.some(groupAlive))).toBe(true);
      expect(await isListening(portOf(started.natsUrl))).toBe(false);
      expect(await isListening(portOf(started.redisUrl))).toBe(false);
      // What no exit handler could remove, the next stack's sweep does (another test file's stack starting in
      // parallel may have swept it already).
      sweepOrphans();
      expect(existsSync(started.dir)).toBe(false);
    },
  );

  it(
    'dev-stack writes kubeconfig and env, prints ready, and stops everything on Ctrl-C',
    { timeout: 240_000 },
    async () => {
      const out = mkdtempSync(join(tmpdir(), 'budflow-dev-stack-test-'));
      try {
        const devStack = runTs(join(repoRoot, 'stack/src/dev-stack.ts'), ['--out', out]);
        const lines: string[] = [];
        await waitForLine(devStack, (line) => line === 'ready', lines);
        const pids = lines.flatMap((line) => /\(pid (\d+)\)$/.exec(line)?.[1] ?? []).map(Number);
        expect(pids).toHaveLength(5);

        const env = Object.fromEntries(
          readFileSync(join(out, 'env'), 'utf8')
            .trim()
            .split('\n')
            .map((line) => line.split(/=(.*)/s).slice(0, 2)),
        );
        expect(Object.keys(env).sort()).toEqual(['KUBECONFIG', 'NATS_URL', 'REDIS_URL']);
        expect(env.KUBECONFIG).toBe(join(out, 'kubeconfig'));
        const crds = await loadKubeConfig(env.KUBECONFIG!)
          .makeApiClient(ApiextensionsV1Api)
          .listCustomResourceDefinition();
        expect(Array.isArray(crds.items)).toBe(true);
        expect(await isListening(portOf(env.NATS_URL!))).toBe(true);

        const exited = new Promise<number | null>((resolve) => devStack.once('exit', resolve));
        devStack.kill('SIGINT');
        expect(await exited).toBe(0);
        expect(lines).toContain('stopped');
        expect(pids.filter(groupAlive)).toEqual([]);
        expect(existsSync(join(out, 'env'))).toBe(false);
        expect(existsSync(join(out, 'kubeconfig'))).toBe(false);
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    },
  );
});
