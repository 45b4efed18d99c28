import { afterAll, describe, expect, it } from 'vitest';
import type { NodeSpec, StepJob, StepResult } from '@budflow/runtime';
import { SandboxedStepRunner } from './sandboxed-step-runner.js';
import { detectSandboxHost } from './sandbox-host.js';
import { codeJob, stepJob } from './step-job.test-support.js';

// Hostile steps through the real sandboxed pool. Each must end in an error (or yield nothing it was after),
// and the pool must keep serving other steps, during and after.
process.env.BUDFLOW_PARENT_SECRET = 'parent-secret-value';
const runner = new SandboxedStepRunner({
  host: detectSandboxHost(),
  size: 2,
  stepTimeoutMs: 5_000,
  limits: { memoryMiB: 256 },
});
afterAll(() => runner.close());

const job = (node: Parameters<typeof stepJob>[0]) =>
  stepJob({ name: 'Hostile', ...node }, { executionId: 'hostile' });
const code = (jsCode: string, more: Partial<NodeSpec> = {}) =>
  codeJob(jsCode, { name: 'Hostile', ...more }, { executionId: 'hostile' });
const expression = (value: string) =>
  job({
    type: 'set',
    typeVersion: 3.4,
    parameters: { assignments: { assignments: [{ id: 'x', name: 'x', type: 'string', value }] } },
  });
const run = (j: StepJob) => runner.run(j, new AbortController().signal);

/** Runs a hostile step beside a benign one; the benign one must succeed, and so must one after. */
async function hostile(step: StepJob): Promise<StepResult> {
  const [result, beside] = await Promise.all([run(step), run(code('return [{ json: { fine: true } }]'))]);
  expect(beside).toMatchObject({ ok: true, outputs: [[{ json: { fine: true } }]] });
  expect(await run(code('return [{ json: { after: 1 } }]'))).toMatchObject({ ok: true });
  return result;
}
const failed = (result: StepResult) => {
  expect(result.ok).toBe(false);
  return result.ok ? undefined : result.error;
};

describe('hostile steps', () => {
  it('an infinite loop is killed at the timeout', async () => {
    expect(failed(await hostile(code('for (;;) {}', { timeoutSeconds: 1 })))?.message).toBe(
      'step timed out after 1s',
    );
  });

  it('a 4 GiB allocation fails', async () => {
    failed(
      await hostile(
        code('const big = new Uint8Array(4 * 1024 ** 3); big.fill(1); return [{ json: { n: big.length } }];'),
      ),
    );
  });

  it('a heap that keeps growing hits the memory limit', async () => {
    expect(
      failed(await hostile(code('const a = []; for (;;) a.push({ pad: "x".repeat(1000) + Math.random() });')))
        ?.message,
    ).toBe('step exceeded its 256 MiB memory limit');
  });

  it('a fork bomb has nothing to fork with', async () => {
    failed(await hostile(code("const cp = require('child_process'); for (;;) cp.spawn(process.execPath);")));
  });

  it('writing a 2 GiB file has no file system to write to', async () => {
    failed(
      await hostile(code("require('fs').writeFileSync('/tmp/big', Buffer.alloc(2 * 1024 ** 3)); return [];")),
    );
  });

  it("require('child_process') is not there", async () => {
    failed(await hostile(code("return [{ json: { cp: typeof require('child_process').execSync } }];")));
  });

  it('process.binding is not there', async () => {
    failed(await hostile(code("return [{ json: { b: typeof process.binding('spawn_sync') } }];")));
  });

  it("this.constructor.constructor('return process')() does not reach process", async () => {
    failed(
      await hostile(
        code(
          "const p = this.constructor.constructor('return process')(); return [{ json: { pid: p.pid } }];",
        ),
      ),
    );
  });

  it('a function constructor reached through items does not generate code', async () => {
    failed(
      await hostile(
        code(
          "const F = $input.all()[0].json.constructor.constructor; return [{ json: { r: F('return 1')() } }];",
        ),
      ),
    );
  });

  it('dynamic import is refused', async () => {
    failed(
      await hostile(
        code(
          "const fs = await import('node:fs'); return [{ json: { s: fs.readFileSync('/etc/hostname', 'utf8') } }];",
        ),
      ),
    );
  });

  it('prototype pollution does not reach the next step in the same process', async () => {
    await run(
      code(
        "try { Object.prototype.polluted = 'yes'; } catch {} try { $input.all()[0].json.constructor.prototype.polluted2 = 'yes'; } catch {} try { Array.prototype.push = () => 0; } catch {} return $input.all();",
      ),
    );
    const next = await run(
      code(
        'const a = []; a.push(1); return [{ json: { p: ({}).polluted ?? null, p2: ({}).polluted2 ?? null, len: a.length } }];',
      ),
    );
    expect(next).toMatchObject({ ok: true, outputs: [[{ json: { p: null, p2: null, len: 1 } }]] });
  });

  it('reading /etc/shadow or the project files is impossible', async () => {
    failed(
      await hostile(code("return [{ json: { s: require('fs').readFileSync('/etc/shadow', 'utf8') } }];")),
    );
    failed(
      await hostile(
        code(
          "return [{ json: { s: process.mainModule.require('fs').readFileSync('package.json', 'utf8') } }];",
        ),
      ),
    );
  });

  it('opening a TCP connection to 127.0.0.1 fails', async () => {
    failed(await hostile(code("const net = require('net'); net.connect(22, '127.0.0.1'); return [];")));
    const viaFetch = await hostile(
      code("const r = await fetch('http://127.0.0.1:9/'); return [{ json: { status: r.status } }];"),
    );
    failed(viaFetch);
  });

  it("a parent environment variable that is not allow-listed can't be read", async () => {
    const result = await hostile(code('return [{ json: { s: process.env.BUDFLOW_PARENT_SECRET } }];'));
    failed(result);
    const viaEnv = await hostile(expression('={{ $env.BUDFLOW_PARENT_SECRET }}'));
    expect(JSON.stringify(viaEnv)).not.toContain('parent-secret-value');
  });

  const python = (pythonCode: string) =>
    job({ type: 'code', typeVersion: 2, parameters: { language: 'python', pythonCode } });

  it('a Python fork bomb stops at the process limit of its own runner', async () => {
    const bomb =
      'import os, time\nwhile True:\n    if os.fork() == 0:\n        time.sleep(3)\n        os._exit(0)';
    const error = failed(await hostile(python(bomb)));
    expect(error?.message).toMatch(
      /BlockingIOError|Resource temporarily unavailable|runner process died|timed out/,
    );
  });

  it('Python cannot read /etc/shadow, reach the network or see the parent environment', async () => {
    failed(await hostile(python("return [{'s': open('/etc/shadow').read()}]")));
    failed(
      await hostile(
        python(
          "import socket\ns = socket.create_connection(('127.0.0.1', 22), timeout=2)\nreturn [{'ok': True}]",
        ),
      ),
    );
    const env = await hostile(python("import os\nreturn [{'v': os.environ.get('BUDFLOW_PARENT_SECRET')}]"));
    expect(JSON.stringify(env)).not.toContain('parent-secret-value');
  });

  it.each([
    ["={{ this.constructor.constructor('return process')().pid }}"],
    ["={{ $json.constructor.constructor('return process')().pid }}"],
    ["={{ (() => {}).constructor('return process')().pid }}"],
    ['={{ process.env.BUDFLOW_PARENT_SECRET }}'],
    ["={{ globalThis.process.mainModule.require('fs').readFileSync('/etc/shadow') }}"],
    ['={{ Object.getPrototypeOf($json).polluted = 1 }}'],
  ])('an expression trying %s gets an error or nothing', async (value) => {
    const result = await hostile(expression(value));
    if (result.ok) expect(result.outputs[0]![0]!.json.x ?? '').toBe('');
    expect(JSON.stringify(result)).not.toMatch(/parent-secret-value|root:/);
  });
});
