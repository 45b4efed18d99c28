import { execFileSync, spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import { networkInterfaces } from 'node:os';
import { mkdtempSync, readFileSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { MemoryDataStore } from '@budflow/runtime';
import type { NodeSpec, StepJob, StepResult } from '@budflow/runtime';
import { SandboxedStepRunner } from './sandboxed-step-runner.js';
import { detectSandboxHost } from './sandbox-host.js';
import { codeJob, stepJob } from './step-job.test-support.js';
import { buildSandboxCommand, DEFAULT_LIMITS } from './build-sandbox-command.js';

// Real child processes under the real sandbox (bubblewrap when this machine has it), running the built runner.
const host = detectSandboxHost();
const runners: SandboxedStepRunner[] = [];
const pool = (options: Partial<ConstructorParameters<typeof SandboxedStepRunner>[0]> = {}) => {
  const runner = new SandboxedStepRunner({ host, size: 1, stepTimeoutMs: 20_000, ...options });
  runners.push(runner);
  return runner;
};
afterAll(async () => {
  await Promise.all(runners.map((r) => r.close()));
});

const twoItems = { inputs: [[{ json: { n: 1 } }, { json: { n: 2 } }]] };
const job = (node: Parameters<typeof stepJob>[0], extra: Partial<StepJob> = {}) =>
  stepJob(node, { ...twoItems, ...extra });
const code = (jsCode: string, more: Partial<NodeSpec> = {}) => codeJob(jsCode, more, twoItems);
const run = (runner: SandboxedStepRunner, j: StepJob, signal: AbortSignal = new AbortController().signal) =>
  runner.run(j, signal);
const errorOf = (result: StepResult) => (result.ok ? undefined : result.error);

describe('SandboxedStepRunner', () => {
  it('runs steps in a warm child process and reuses it', async () => {
    const runner = pool();
    const set = job({
      type: 'set',
      typeVersion: 3.4,
      parameters: {
        assignments: {
          assignments: [{ id: 'a', name: 'twice', type: 'number', value: '={{ $json.n * 2 }}' }],
        },
      },
    });
    const first = await run(runner, set);
    expect(first).toMatchObject({ ok: true, outputs: [[{ json: { twice: 2 } }, { json: { twice: 4 } }]] });
    const pid = runner.pids()[0]!.pid;
    await run(runner, set);
    await run(runner, set);
    expect(runner.pids()).toEqual([{ pid, namespace: 'default', jobs: 3 }]);
    expect(pid).not.toBe(process.pid);
  });

  it('kills a step that runs past its timeout and replaces the process', async () => {
    const runner = pool();
    const result = await run(runner, code('while (true) {}', { timeoutSeconds: 1 }));
    expect(errorOf(result)).toEqual({
      name: 'RunnerError',
      message: 'step timed out after 1s',
      reason: 'timeout',
      node: 'Step',
    });
    expect((await run(runner, code('return [{ json: { ok: true } }]'))).ok).toBe(true);
  });

  it('stops a step at its memory limit', async () => {
    const runner = pool({ limits: { memoryMiB: 96 } });
    const result = await run(
      runner,
      code('const hoard = []; while (true) hoard.push(new Array(1e5).fill({ x: 1 })); return [];'),
    );
    expect(errorOf(result)).toMatchObject({
      message: 'step exceeded its 96 MiB memory limit',
      reason: 'memory',
    });
  });

  it("takes a step's memory limit from its resources, in Kubernetes units", async () => {
    const runner = pool({ limits: { memoryMiB: 300 } });
    const hog = 'const hoard = []; while (true) hoard.push(new Array(1e5).fill({ x: 1 })); return [];';
    const limited = await run(runner, { ...code(hog), limits: { memory: '80Mi' } });
    expect(errorOf(limited)?.message).toBe('step exceeded its 80 MiB memory limit');
  });

  it('reports a runner that dies under a step', async () => {
    const runner = pool();
    const pending = run(runner, code('while (true) {}'));
    // Kill it only once the step is really running in it (a cold runner takes a moment to start).
    for (let i = 0; i < 200 && runner.pids()[0]?.jobs !== 1; i++) await new Promise((r) => setTimeout(r, 25));
    await new Promise((r) => setTimeout(r, 100));
    process.kill(-runner.pids()[0]!.pid, 'SIGKILL');
    const error = errorOf(await pending);
    expect(error?.reason).toBe('crash');
    expect(error?.message).toMatch(/^runner process died: SIGKILL/);
  });

  it('cancels a running step', async () => {
    const runner = pool();
    const controller = new AbortController();
    const pending = run(runner, code('while (true) {}'), controller.signal);
    setTimeout(() => controller.abort(), 300);
    expect(errorOf(await pending)).toMatchObject({ message: 'step cancelled', reason: 'cancelled' });
  });

  it('never lets one process serve two namespaces', async () => {
    const runner = pool();
    await run(
      runner,
      job({ type: 'noOp' }, { workflow: { name: 'wf', namespace: 'team-a', active: false } }),
    );
    const a = runner.pids();
    await run(
      runner,
      job({ type: 'noOp' }, { workflow: { name: 'wf', namespace: 'team-b', active: false } }),
    );
    const b = runner.pids();
    expect(a.map((p) => p.namespace)).toEqual(['team-a']);
    expect(b.map((p) => p.namespace)).toEqual(['team-b']);
    expect(b[0]!.pid).not.toBe(a[0]!.pid);
  });

  it('recycles a process after maxJobsPerProcess steps', async () => {
    const runner = pool({ maxJobsPerProcess: 2 });
    const pids = new Set<number>();
    for (let i = 0; i < 3; i++) {
      await run(runner, job({ type: 'noOp' }));
      for (const p of runner.pids()) pids.add(p.pid);
    }
    expect(pids.size).toBe(2);
  });

  it('sends large inputs by reference and cleans them up', async () => {
    const store = new MemoryDataStore();
    const runner = pool({ store, inlineLimitBytes: 64 });
    const inputs = [Array.from({ length: 200 }, (_, i) => ({ json: { i, text: 'x'.repeat(100) } }))];
    const result = await run(runner, job({ type: 'noOp' }, { inputs }));
    expect(result.ok && result.outputs[0]!.length).toBe(200);
    expect(store.size).toBe(0);
  });

  it('scrubs the environment of runner processes', async () => {
    process.env.BUDFLOW_TEST_SECRET = 'hunter2';
    const runner = pool({ env: { ALLOWED_ONE: 'yes' } });
    await run(runner, job({ type: 'noOp' }));
    const environ = readFileSync(`/proc/${runner.pids()[0]!.pid}/environ`, 'utf8')
      .split('\0')
      .filter(Boolean);
    expect(environ.some((e) => e.includes('hunter2'))).toBe(false);
    expect(environ.map((e) => e.split('=')[0]).sort()).toEqual(['ALLOWED_ONE', 'HOME', 'LANG', 'PATH', 'TZ']);
  });

  it.runIf(host.bubblewrap)(
    'gives network only to steps of workflows that ask for it (settings.network)',
    async () => {
      const server = createServer((_req, res) =>
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"pong":true}'),
      );
      await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', resolve));
      const address = `http://${hostAddress()}:${(server.address() as { port: number }).port}/ping`;
      try {
        const runner = pool({ size: 2 });
        const call = (network: boolean) =>
          run(runner, {
            ...job({ type: 'httpRequest', typeVersion: 4.2, parameters: { url: address, options: {} } }),
            ...(network ? { network } : {}),
          });
        expect((await call(false)).ok).toBe(false);
        expect(await call(true)).toMatchObject({
          ok: true,
          outputs: [[{ json: { pong: true } }, { json: { pong: true } }]],
        });
      } finally {
        server.close();
      }
    },
  );

  it('gives user code no eval, Function or process', async () => {
    const runner = pool();
    for (const escape of [
      'return [{ json: { r: eval("1 + 1") } }]',
      'return [{ json: { r: (() => {}).constructor("return process")() } }]',
      'return [{ json: { r: typeof process.env } }]',
    ]) {
      const result = await run(runner, code(escape));
      expect(result.ok).toBe(false);
    }
  });
});

describe.runIf(host.bubblewrap)('the bubblewrap sandbox', () => {
  it('has no network, a private /tmp, no view of the project, and runs unprivileged', () => {
    const dir = mkdtempSync(join(tmpdir(), 'budflow-probe-'));
    chmodSync(dir, 0o755);
    const probe = join(dir, 'probe.mjs');
    writeFileSync(
      probe,
      `import { existsSync, readdirSync, writeFileSync } from 'node:fs';
       import { networkInterfaces } from 'node:os';
       let usrWritable = true; try { writeFileSync('/usr/budflow-probe', 'x'); } catch { usrWritable = false; }
       process.stdout.write(JSON.stringify({ uid: process.getuid(), pid: process.pid, net: Object.keys(networkInterfaces()),
         tmp: readdirSync('/tmp'), project: existsSync(${JSON.stringify(join(fileURLToPath(new URL('../../..', import.meta.url)), '.git'))}),
         usrWritable, home: existsSync('/root/.bashrc') }));`,
    );
    chmodSync(probe, 0o644);
    const { command, args } = buildSandboxCommand({
      nodePath: host.nodePath,
      entry: probe,
      codePaths: [dir],
      limits: DEFAULT_LIMITS,
      bubblewrap: host.bubblewrap!,
      ...(host.prlimit ? { prlimit: host.prlimit } : {}),
      network: false,
    });
    const marker = join(tmpdir(), `budflow-marker-${process.pid}`);
    writeFileSync(marker, 'host tmp');
    const result = spawnSync(command, args, {
      env: { PATH: '/usr/bin:/bin' },
      encoding: 'utf8',
      ...(host.runAs ?? {}),
    });
    expect(result.stderr).toBe('');
    const seen = JSON.parse(result.stdout);
    expect(seen.net).toEqual(['lo']);
    // Only what the sandbox made: its work folder, and the parents of bound code paths that live under /tmp.
    const boundUnderTmp = new Set(
      [dir, ...host.codePaths].filter((p) => p.startsWith('/tmp/')).map((p) => p.split('/')[2]),
    );
    expect(seen.tmp.filter((n: string) => !boundUnderTmp.has(n))).toEqual(['work']);
    expect(seen.tmp).not.toContain(`budflow-marker-${process.pid}`); // not the host's /tmp
    expect(seen.project).toBe(false);
    expect(seen.home).toBe(false);
    expect(seen.usrWritable).toBe(false);
    expect(seen.pid).toBeLessThan(10); // its own PID namespace
    if (host.runAs) expect(seen.uid).toBe(host.runAs.uid);
  });
});

it('detects the host tools', () => {
  const hasBwrap = spawnSync('sh', ['-c', 'command -v bwrap']).status === 0;
  if (hasBwrap)
    expect(host.bubblewrap).toBe(execFileSync('sh', ['-c', 'command -v bwrap'], { encoding: 'utf8' }).trim());
  expect(host.codePaths.every((p) => !p.endsWith('/src'))).toBe(true);
});

/** An address of this machine other than loopback (a sandbox without network has its own loopback only). */
function hostAddress(): string {
  for (const list of Object.values(networkInterfaces())) {
    for (const entry of list ?? []) if (entry.family === 'IPv4' && !entry.internal) return entry.address;
  }
  return '127.0.0.1';
}
