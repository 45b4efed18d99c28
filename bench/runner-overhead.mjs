// Overhead of running a step through the sandboxed runner pool versus in-process:
// NoOp on one item (pure protocol + process overhead) and Set with one expression on 1,000 items.
// Prints median and p99 per step, with bubblewrap (when this machine has it) and without.
import { InProcessStepRunner, MemoryDataStore } from '@budflow/runtime';
import { createNodeRegistry } from '@budflow/nodes';
import { SandboxedStepRunner, detectSandboxHost } from '@budflow/runner';

const registry = createNodeRegistry();
let seq = 0;
const job = (node, inputs) => ({
  stepId: `bench/${seq++}`, executionId: 'bench', workflow: { name: 'bench', active: false },
  node: { name: 'Step', typeVersion: 1, parameters: {}, ...node }, runIndex: 0, attempt: 1, inputs, source: [null],
  runData: {}, nodeContext: {}, mode: 'manual', timezone: 'UTC', vars: {}, env: {}, now: Date.now(), isContinueOnFail: false,
});
const noop = () => job({ type: 'noOp' }, [[{ json: { n: 1 } }]]);
const thousand = Array.from({ length: 1000 }, (_, i) => ({ json: { id: i, name: `item ${i}`, value: i % 97 } }));
const set = () => job(
  { type: 'set', typeVersion: 3.4, parameters: { assignments: { assignments: [{ id: 'a', name: 'label', type: 'string', value: '={{ $json.name }}-{{ $json.value * 2 }}' }] }, includeOtherFields: true } },
  [thousand],
);

async function measure(runner, make, rounds) {
  const signal = new AbortController().signal;
  for (let i = 0; i < Math.min(50, rounds); i++) await runner.run(make(), signal); // warm
  const times = [];
  for (let i = 0; i < rounds; i++) {
    const j = make();
    const t = performance.now();
    const r = await runner.run(j, signal);
    times.push(performance.now() - t);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], p99: times[Math.floor(times.length * 0.99)] };
}

export default async function main(args) {
  const rounds = Number(args[0] ?? 2000);
  const configs = [['in-process (no sandbox)', () => new InProcessStepRunner({ registry, now: Date.now })]];
  const withBwrap = detectSandboxHost({ isolation: 'auto' });
  if (withBwrap.bubblewrap) configs.push(['sandboxed pool, bubblewrap + rlimits', () => new SandboxedStepRunner({ host: withBwrap, size: 1, store: new MemoryDataStore() })]);
  configs.push(['sandboxed pool, rlimits only', () => new SandboxedStepRunner({ host: detectSandboxHost({ isolation: 'none' }), size: 1 })]);
  const rows = [];
  for (const [name, make] of configs) {
    const runner = make();
    const a = await measure(runner, noop, rounds);
    const b = await measure(runner, set, Math.max(50, Math.floor(rounds / 10)));
    await runner.close?.();
    rows.push([name, a.median, a.p99, b.median, b.p99]);
  }
  const base = rows[0];
  console.log(`runner-overhead: ${rounds} NoOp steps (1 item) and ${Math.max(50, Math.floor(rounds / 10))} Set steps (1,000 items, 1 expression) per configuration, warm pool of 1`);
  const header = ['configuration', 'NoOp median ms', 'NoOp p99 ms', 'overhead median ms', 'Set×1000 median ms', 'Set×1000 p99 ms'];
  const table = rows.map(([n, am, ap, bm, bp]) => [n, am.toFixed(3), ap.toFixed(3), (am - base[1]).toFixed(3), bm.toFixed(2), bp.toFixed(2)]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => r[i].length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(line(header));
  for (const r of table) console.log(line(r));
  console.log(`node ${process.version}`);
}
