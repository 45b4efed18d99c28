// The engine under a batch: a Code node makes N items {id, name, value} -> Set with two expressions
// -> IF value > 500 -> Sort by value -> Limit 100, run by the real engine and step executor (in-process step runner).
// Prints items/s through the whole workflow and the process's peak RSS.
// `npm run bench -- engine-batch [items] [rounds] [sandbox]`: add `sandbox` to run the steps in the sandboxed pool.
import { createExecution, driveExecution, InProcessStepRunner } from '@budflow/runtime';
import { createNodeRegistry } from '@budflow/nodes';
import { SandboxedStepRunner, detectSandboxHost } from '@budflow/runner';

const spec = (count) => ({
  nodes: [
    { name: 'Start', type: 'manualTrigger', typeVersion: 1, parameters: {} },
    {
      name: 'Make items',
      type: 'code',
      typeVersion: 2,
      parameters: {
        mode: 'runOnceForAllItems',
        jsCode: `const out = []; for (let i = 0; i < ${count}; i++) out.push({ json: { id: i, name: 'item ' + i, value: (i * 7919) % 1000 } }); return out;`,
      },
    },
    {
      name: 'Fields',
      type: 'set',
      typeVersion: 3.4,
      parameters: {
        assignments: {
          assignments: [
            { id: 'a', name: 'label', type: 'string', value: '={{ $json.name.toUpperCase() }}-{{ $json.id }}' },
            { id: 'b', name: 'double', type: 'number', value: '={{ $json.value * 2 }}' },
          ],
        },
        includeOtherFields: true,
        options: {},
      },
    },
    {
      name: 'Big?',
      type: 'if',
      typeVersion: 2.2,
      parameters: {
        conditions: {
          options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 },
          conditions: [{ id: 'c', leftValue: '={{ $json.value }}', rightValue: 500, operator: { type: 'number', operation: 'gt' } }],
          combinator: 'and',
        },
        options: {},
      },
    },
    {
      name: 'Sort',
      type: 'sort',
      typeVersion: 1,
      parameters: { type: 'simple', sortFieldsUi: { sortField: [{ fieldName: 'value', order: 'descending' }] }, options: {} },
    },
    { name: 'Top 100', type: 'limit', typeVersion: 1, parameters: { maxItems: 100 } },
  ],
  connections: [
    { from: 'Start', output: 0, to: 'Make items', input: 0 },
    { from: 'Make items', output: 0, to: 'Fields', input: 0 },
    { from: 'Fields', output: 0, to: 'Big?', input: 0 },
    { from: 'Big?', output: 0, to: 'Sort', input: 0 },
    { from: 'Sort', output: 0, to: 'Top 100', input: 0 },
  ],
  settings: { executionOrder: 'v1' },
});

async function once(registry, runner, count, id) {
  const state = createExecution({ executionId: `bench-${id}`, workflowName: 'engine-batch', spec: spec(count), registry, mode: 'manual' });
  const started = performance.now();
  const final = await driveExecution(state, {}, {
    runner,
    clock: { now: Date.now },
    timers: { set: (at, fn) => setTimeout(fn, at - Date.now()), clear: (h) => clearTimeout(h) },
  });
  const ms = performance.now() - started;
  if (final.status !== 'success') throw new Error(`run failed: ${JSON.stringify(final.error)}`);
  const trueItems = final.runData['Big?'][0].data.main[0].length;
  const falseItems = final.runData['Big?'][0].data.main[1].length;
  if (trueItems + falseItems !== count) throw new Error(`lost items: ${trueItems}+${falseItems} != ${count}`);
  const top = final.runData['Top 100'][0].data.main[0];
  if (top.length !== Math.min(100, trueItems) || top.some((item, i) => i > 0 && item.json.value > top[i - 1].json.value)) {
    throw new Error('Sort -> Limit did not give the 100 largest values in order');
  }
  const steps = Object.fromEntries(Object.entries(final.runData).map(([n, runs]) => [n, runs[0].executionTime]));
  return { ms, trueItems, steps };
}

export default async function main(args) {
  const count = Number(args[0] ?? 10_000);
  const rounds = Number(args[1] ?? 5);
  const sandboxed = args[2] === 'sandbox';
  const registry = createNodeRegistry();
  const runner = sandboxed
    ? new SandboxedStepRunner({ host: detectSandboxHost(), size: 1 })
    : new InProcessStepRunner({ registry, now: Date.now });
  await once(registry, runner, count, 'warmup');
  const results = [];
  for (let r = 0; r < rounds; r++) results.push(await once(registry, runner, count, r));
  await runner.close?.();
  const sorted = [...results].sort((a, b) => a.ms - b.ms);
  const median = sorted[Math.floor(sorted.length / 2)];
  const rssMiB = process.resourceUsage().maxRSS / 1024;
  const rows = [
    ['items', String(count)],
    ['rounds (after 1 warm-up)', String(rounds)],
    ['median wall time (ms)', median.ms.toFixed(1)],
    ['best wall time (ms)', sorted[0].ms.toFixed(1)],
    ['items/s through the workflow (median)', Math.round((count / median.ms) * 1000).toLocaleString('en-US')],
    ['item-steps/s (Set, IF, Sort over all items; median)', Math.round(((count * 3) / median.ms) * 1000).toLocaleString('en-US')],
    ...Object.entries(median.steps).map(([n, ms]) => [`  step '${n}' (ms)`, String(ms)]),
    ['items on IF true output', String(median.trueItems)],
    [sandboxed ? 'peak RSS of the engine process (MiB)' : 'peak RSS (MiB)', rssMiB.toFixed(1)],
    ['node', process.version],
  ];
  const width = Math.max(...rows.map((r) => r[0].length));
  console.log(`engine-batch: Code (${count} items) -> Set (2 expressions) -> IF value > 500 -> Sort -> Limit 100, ${sandboxed ? 'sandboxed runner pool (bubblewrap when present)' : 'in-process step runner'}`);
  for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
}
