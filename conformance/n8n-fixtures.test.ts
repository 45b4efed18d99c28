import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createExecution, driveExecution, importN8nWorkflow, toItems, validateWorkflow } from '@budflow/runtime';
import type { ExecutionState, Item } from '@budflow/runtime';
import { createNodeRegistry } from '@budflow/nodes';
import { detectSandboxHost, SandboxedStepRunner } from '@budflow/runner';
import { comparableItems } from './compare-items.js';

const here = dirname(fileURLToPath(import.meta.url));
const fixturesDir = join(here, '..', '..', 'shared', 'conformance', 'n8n');
const registry = createNodeRegistry();
const runner = new SandboxedStepRunner({ host: detectSandboxHost({ timezone: 'UTC' }), size: 2, stepTimeoutMs: 30_000 });
afterAll(() => runner.close());

const knownFailures = new Map(
  readFileSync(join(here, 'known-failures.tsv'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith('#'))
    .map((line) => line.split('\t') as [string, string]),
);

function fixtures(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return fixtures(path);
    return name.endsWith('.json') && !name.endsWith('.mocks.json') ? [relative(fixturesDir, path)] : [];
  });
}

/** Replaces `C:\\Test\\<file>` in parameters with the fixture's own folder. */
function localPaths(value: unknown, folder: string): unknown {
  if (typeof value === 'string') return value.replace(/C:\\+Test\\+/g, `${folder}/`);
  if (Array.isArray(value)) return value.map((v) => localPaths(v, folder));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, localPaths(v, folder)]));
  return value;
}

/** Runs one fixture; returns the list of mismatches (empty when it conforms). */
async function check(file: string): Promise<string[]> {
  const source = JSON.parse(readFileSync(join(fixturesDir, file), 'utf8')) as Record<string, unknown>;
  const { pinData, trigger, ...workflow } = source as { pinData?: Record<string, unknown[]>; trigger?: { mode?: string; input?: unknown } };
  const imported = importN8nWorkflow(localPaths(workflow, dirname(join(fixturesDir, file))), registry, { name: 'conformance', keepPinData: false });
  if (imported.unsupported.length > 0) {
    return [`unsupported node types: ${[...new Set(imported.unsupported.map((u) => u.type))].join(', ')}`];
  }
  // The imported manifest must be one `budflow validate` accepts.
  const validation = validateWorkflow(imported.workflow, registry);
  if (validation.problems.length > 0) {
    return validation.problems.map((p) => `imported manifest is invalid: ${p.path}: ${p.message}`);
  }
  const state = createExecution({
    executionId: `conformance-${file}`,
    workflowName: 'conformance',
    spec: imported.workflow.spec,
    registry,
    mode: trigger?.mode === 'production' || trigger?.mode === 'trigger' ? 'production' : 'manual',
  });
  const triggerItems: Item[] = trigger?.input ? toItems(trigger.input) : [{ json: {} }];
  const final: ExecutionState = await driveExecution(state, { triggerItems }, {
    runner,
    clock: { now: Date.now },
    timers: { set: (at, fn) => setTimeout(fn, Math.max(0, at - Date.now())), clear: (h) => clearTimeout(h as NodeJS.Timeout) },
  });
  const problems: string[] = [];
  if (final.status !== 'success' && final.status !== 'waiting') {
    problems.push(`execution ${final.status}: ${final.error?.node ?? ''} ${final.error?.message ?? ''}`);
  }
  for (const [node, expected] of Object.entries(pinData ?? {})) {
    const runs = final.runData[node] ?? [];
    if (runs.length !== 1) {
      problems.push(`node '${node}' ran ${runs.length} times, expected once`);
      continue;
    }
    const actual = comparableItems(runs[0]!.data?.main[0] ?? []);
    const wanted = comparableItems(expected);
    if (JSON.stringify(actual) !== JSON.stringify(wanted)) {
      try {
        expect(actual).toEqual(wanted);
      } catch (error) {
        problems.push(`node '${node}' output 0 differs:\n${(error as Error).message.slice(0, 3000)}`);
      }
    }
  }
  return problems;
}

// `CONFORMANCE_RECORD=1 npx vitest run conformance` rewrites known-failures.tsv from this run (for maintainers).
const record = process.env.CONFORMANCE_RECORD === '1';
const recorded = new Map<string, string>();
afterAll(() => {
  if (!record) return;
  const lines = [...recorded.entries()].sort().map(([file, reason]) => `${file}\t${reason}`);
  writeFileSync(join(here, 'known-failures.tsv'), `${HEADER}\n${lines.join('\n')}${lines.length ? '\n' : ''}`);
});
const HEADER = '# fixture (relative to ../shared/conformance/n8n)\treason it does not pass yet';

// Every run over all fixtures rewrites docs/conformance.md: fixture, node types, result, first difference.
const results = new Map<string, { nodes: string; passed: boolean; first: string }>();
afterAll(() => {
  const all = fixtures(fixturesDir);
  if (results.size !== all.length) return; // a filtered run: keep the full report
  const rows = [...results.entries()].sort().map(([file, r]) => `| ${file} | ${r.nodes} | ${r.passed ? 'pass' : 'known failure'} | ${r.first.replace(/\|/g, '\\|').replace(/\n/g, ' ').slice(0, 160)} |`);
  const passed = [...results.values()].filter((r) => r.passed).length;
  writeFileSync(
    join(here, '..', 'docs', 'conformance.md'),
    `# n8n conformance\n\nWritten by \`conformance/n8n-fixtures.test.ts\` on every full run (see conformance/README.md). ${passed} of ${results.size} fixtures pass; the others are in \`conformance/known-failures.tsv\` with their reason.\n\n| fixture | node types | result | first difference |\n|---|---|---|---|\n${rows.join('\n')}\n`,
  );
});

describe('n8n conformance fixtures', () => {
  const all = fixtures(fixturesDir).sort();

  it('finds the fixtures', () => {
    expect(all.length).toBeGreaterThanOrEqual(60);
    for (const listed of knownFailures.keys()) expect(all, `known-failures.tsv names a missing fixture`).toContain(listed);
  });

  it.each(all)('%s', async (file) => {
    const problems = await check(file);
    const types = (JSON.parse(readFileSync(join(fixturesDir, file), 'utf8')) as { nodes: Array<{ type: string }> }).nodes.map((n) => n.type.split('.').pop());
    results.set(file, { nodes: [...new Set(types)].sort().join(', '), passed: problems.length === 0, first: problems[0] ?? '' });
    if (record) {
      if (problems.length > 0) recorded.set(file, knownFailures.get(file) ?? problems[0]!.split('\n')[0]!.replace(/\t/g, ' '));
      return;
    }
    const known = knownFailures.get(file);
    // `CONFORMANCE_SHOW=1` prints what still differs in the known failures.
    if (known !== undefined && process.env.CONFORMANCE_SHOW === '1') console.log(`${file}:\n${problems.join('\n')}`);
    if (known === undefined) {
      expect(problems, `conformance problems in ${file}`).toEqual([]);
    } else {
      expect(problems.length, `${file} passes now: remove it from conformance/known-failures.tsv (was: ${known})`).toBeGreaterThan(0);
    }
  });
});
