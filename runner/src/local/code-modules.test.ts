import { afterAll, describe, expect, it } from 'vitest';
import type { StepJob } from '@budflow/runtime';
import { SandboxedStepRunner } from './sandboxed-step-runner.js';
import { detectSandboxHost } from './sandbox-host.js';
import { codeJob } from './step-job.test-support.js';

// n8n's module allow-list reaches the sandboxed runners from this process's environment (as `budflow run`,
// `serve` and `runner` take it), and an allowed module is still confined by the sandbox.
process.env.NODE_FUNCTION_ALLOW_BUILTIN = 'crypto,fs';
const runner = new SandboxedStepRunner({ host: detectSandboxHost(), size: 1, stepTimeoutMs: 10_000 });
afterAll(async () => {
  await runner.close();
  delete process.env.NODE_FUNCTION_ALLOW_BUILTIN;
});

const code = (jsCode: string) =>
  codeJob(jsCode, { name: 'Code' }, { executionId: 'modules', inputs: [[{ json: {} }]] });
const run = (job: StepJob) => runner.run(job, new AbortController().signal);

describe('Code node modules in the sandbox', () => {
  it('an allow-listed built-in loads in the runner', async () => {
    const result = await run(
      code("return [{ json: { h: require('crypto').createHash('md5').update('x').digest('hex') } }];"),
    );
    expect(result).toMatchObject({
      ok: true,
      outputs: [[{ json: { h: '9dd4e461268c8034f5c8564e155c67a6' } }]],
    });
  });

  it('a built-in not on the list is refused', async () => {
    const result = await run(code("return [{ json: { t: typeof require('child_process').execSync } }];"));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.message).toBe("Cannot find module 'child_process' [line 1]");
  });

  it('an allowed fs still sees only the sandbox: no /etc/shadow, no home, a private /tmp', async () => {
    const result = await run(
      code(`
        const fs = require('fs');
        const tryRead = (p) => { try { fs.readFileSync(p); return 'read'; } catch (e) { return e.code; } };
        fs.writeFileSync('/tmp/scratch', 'x');
        return [{ json: { shadow: tryRead('/etc/shadow'), root: tryRead('/root/.bashrc'), tmp: fs.readdirSync('/tmp') } }];
      `),
    );
    expect(result.ok).toBe(true);
    const json = result.ok ? result.outputs[0]![0]!.json : {};
    expect(json.shadow).not.toBe('read');
    expect(json.root).not.toBe('read');
    expect(json.tmp).toEqual(expect.arrayContaining(['scratch']));
  });
});
