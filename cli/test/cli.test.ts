import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { budflow } from './run-cli.test-support.js';

const dir = mkdtempSync(join(tmpdir(), 'budflow-cli-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

const good = `apiVersion: budflow.io/v1alpha1
kind: Workflow
metadata:
  name: demo
spec:
  nodes:
    - name: Start
      type: manualTrigger
    - name: Fields
      type: set
      typeVersion: 3.4
      parameters:
        assignments:
          assignments:
            - { id: a, name: x, type: number, value: "={{ 1 + 1 }}" }
  connections:
    - { from: Start, to: Fields }
`;

describe('budflow validate and run with bad manifests', () => {
  it.each([
    ['YAML syntax', good.replace('    - name: Fields', '    - name: [Fields'), /:\d+:\d+: YAML syntax error/],
    ['wrong apiVersion', good.replace('v1alpha1', 'v2'), /apiVersion: .*budflow\.io\/v1alpha1/],
    ['wrong kind', good.replace('kind: Workflow', 'kind: Flow'), /kind: expected kind Workflow/],
    [
      'unknown node type',
      good.replace('type: set', 'type: sett'),
      /spec\.nodes\[1\]\.type: .*unknown node type 'sett' \(did you mean 'set'\?\)/,
    ],
    [
      'unknown typeVersion',
      good.replace('typeVersion: 3.4', 'typeVersion: 9'),
      /spec\.nodes\[1\]\.typeVersion: .*no typeVersion 9/,
    ],
    [
      'duplicate names',
      good.replace('name: Fields', 'name: Start').replace('to: Fields', 'to: Start'),
      /spec\.nodes\[1\]\.name: .*duplicate node name 'Start'/,
    ],
    [
      'unknown field',
      good.replace('typeVersion: 3.4', 'typeVersion: 3.4\n      retry: true'),
      /spec\.nodes\[1\]: .*unknown field.*'retry'/,
    ],
    [
      'bad expression',
      good.replace('1 + 1', '1 +'),
      /spec\.nodes\[1\]\.parameters\.assignments\.assignments\[0\]\.value: .*invalid expression/,
    ],
    [
      'edge to a missing node',
      good.replace('to: Fields', 'to: Feilds'),
      /spec\.connections\[0\]\.to: .*unknown node 'Feilds' \(did you mean 'Fields'\?\)/,
    ],
    [
      'output out of range',
      good.replace('from: Start,', 'from: Start, output: 2,'),
      /spec\.connections\[0\]\.output: .*not output 2/,
    ],
    [
      'input out of range',
      good.replace('to: Fields }', 'to: Fields, input: 1 }'),
      /spec\.connections\[0\]\.input: .*not input 1/,
    ],
    [
      'cycle',
      `${good}    - { from: Fields, to: Fields }\n`,
      /spec\.connections: .*cycle 'Fields' → 'Fields'/,
    ],
    [
      'onError value',
      good.replace('typeVersion: 3.4', 'typeVersion: 3.4\n      onError: skip'),
      /spec\.nodes\[1\]\.onError/,
    ],
    [
      'maxTries type',
      good.replace('typeVersion: 3.4', 'typeVersion: 3.4\n      maxTries: lots'),
      /spec\.nodes\[1\]\.maxTries/,
    ],
    [
      'pinData for a missing node',
      `${good}  pinData:\n    Ghost: [{ a: 1 }]\n`,
      /spec\.pinData\.Ghost: .*unknown node 'Ghost'/,
    ],
    ['empty file', '', /holds no manifest/],
  ])('%s: validate names the path, run refuses cleanly', async (name, text, message) => {
    const path = file(`${name.replace(/\W+/g, '-')}.yaml`, text);
    const validate = await budflow(['validate', path]);
    expect(validate.code).toBe(1);
    expect(validate.stderr).toMatch(message);
    expect(validate.stderr).not.toMatch(/\n\s+at .*\(/); // no stack trace
    const run = await budflow(['run', path]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });

  it('accepts the good manifest and runs it', async () => {
    const path = file('good.yaml', good);
    expect((await budflow(['validate', path])).code).toBe(0);
    const run = await budflow(['run', path, '--output', 'json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).runData.Fields[0].outputs[0][0].json).toEqual({ x: 2 });
  });

  it('reports a missing file and bad input without a stack trace', async () => {
    const missing = await budflow(['run', join(dir, 'nope.yaml')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read .*nope\.yaml \(ENOENT\)/);
    const badInput = await budflow(['run', file('ok.yaml', good), '--input', file('bad.json', '{ nope')]);
    expect(badInput.code).toBe(2);
    expect(badInput.stderr).toMatch(/bad\.json is not valid JSON/);
  });

  it('prints live progress and the result as a table on a terminal-less stderr too', async () => {
    const run = await budflow(['run', file('table.yaml', good)]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/Execution succeeded/);
    expect(run.stdout).toMatch(/^x\s*\n─+\n2$/m);
  });

  it('runs without the sandbox only when asked, and says so loudly', async () => {
    const run = await budflow(['run', file('nosandbox.yaml', good), '--no-sandbox', '--output', 'json']);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/WARNING: --no-sandbox: Code nodes and expressions run INSIDE this process/);
    expect(JSON.parse(run.stdout).status).toBe('success');
  });

  it('has --help for every command', async () => {
    for (const args of [['--help'], ['run', '--help'], ['validate', '--help'], ['import', 'n8n', '--help']]) {
      const result = await budflow(args);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/Usage: budflow/);
    }
  });
});

describe('the installed binary', () => {
  it('is a committed file, so npm links it before prepare builds dist/', async () => {
    const { readFileSync, existsSync } = await import('node:fs');
    const { repoRoot } = await import('./run-cli.test-support.js');
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'cli', 'package.json'), 'utf8')) as {
      bin: Record<string, string>;
    };
    const bin = pkg.bin.budflow!;
    expect(bin.includes('dist/')).toBe(false);
    expect(existsSync(join(repoRoot, 'cli', bin))).toBe(true);
  });

  it('tells a user on a Node older than 22 what to do, instead of failing on an import', async () => {
    const { execFileSync } = await import('node:child_process');
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { repoRoot } = await import('./run-cli.test-support.js');
    const fake = join(mkdtempSync(join(tmpdir(), 'budflow-old-node-')), 'node20.cjs');
    writeFileSync(
      fake,
      "Object.defineProperty(process, 'versions', { value: { ...process.versions, node: '20.19.0' } });",
    );
    let failure: { status?: number; stderr?: Buffer } = {};
    try {
      execFileSync(process.execPath, ['-r', fake, join(repoRoot, 'cli', 'bin', 'budflow.js'), '--version'], {
        stdio: 'pipe',
      });
    } catch (error) {
      failure = error as typeof failure;
    }
    expect(failure.status).toBe(1);
    expect(String(failure.stderr)).toContain('budflow needs Node.js 22 or newer');
    expect(String(failure.stderr)).toContain('scripts/ensure-node');
  });
});
