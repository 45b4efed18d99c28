// The operator under load: N Executions (default 1,000) of a 3-node workflow (Manual Trigger -> Set -> IF)
// created at once against a real local stack (etcd, kube-apiserver, NATS), one `budflow operator` process and
// one `budflow runner --nats` process (steps in sandboxed child processes). Prints executions/s to completion,
// p50/p99 time from create to Succeeded, apiserver writes per execution, and the operator's peak RSS.
// Every process is stopped on exit, also on an error or Ctrl-C.
// `npm run bench -- operator-throughput [executions] [runnerConcurrency] [operatorConcurrency]`
import { startCluster, status, stopAll } from './lib/processes.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export default async function run(args) {
  const count = Number(args[0] ?? 1000);
  const concurrency = String(args[1] ?? 2);
  const cluster = await startCluster({ name: 'bench', redis: false });
  try {
    const operator = cluster.operator(['--concurrency', String(args[2] ?? 32), '--log-level', 'error']);
    const runner = cluster.runner(['--concurrency', concurrency]);
    await cluster.create('Workflow', 'three', {
      nodes: [
        { name: 'Start', type: 'manualTrigger', typeVersion: 1 },
        {
          name: 'Fields',
          type: 'set',
          typeVersion: 3.4,
          parameters: {
            assignments: {
              assignments: [{ id: 'a', name: 'double', type: 'number', value: '={{ ($json.n ?? 1) * 2 }}' }],
            },
            includeOtherFields: true,
          },
        },
        {
          name: 'Big?',
          type: 'if',
          typeVersion: 2.2,
          parameters: {
            conditions: {
              options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 },
              conditions: [
                {
                  id: 'c',
                  leftValue: '={{ $json.double }}',
                  rightValue: 10,
                  operator: { type: 'number', operation: 'gt' },
                },
              ],
              combinator: 'and',
            },
          },
        },
      ],
      connections: [
        { from: 'Start', to: 'Fields' },
        { from: 'Fields', to: 'Big?' },
      ],
    });
    // Let the operator take the lease and sync, and warm the runner.
    await cluster.create('Execution', 'warmup', { workflowRef: { name: 'three' } });
    for (let i = 0; i < 600; i++) {
      const warm = await cluster.get('Execution', 'warmup');
      if (warm.status?.phase === 'Succeeded') break;
      cluster.check();
      await sleep(100);
    }
    const writesBefore = (await cluster.executionWrites()).writes;
    const created = new Map();
    const started = performance.now();
    const startedAt = Date.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: 32 }, async () => {
        while (next < count) {
          const i = next++;
          await cluster.create('Execution', `run-${i}`, {
            workflowRef: { name: 'three' },
            trigger: { items: [{ n: i }] },
          });
          created.set(`run-${i}`, Date.now());
        }
      }),
    );
    const createdMs = performance.now() - started;
    let done = [];
    for (;;) {
      const list = await cluster.get('Execution');
      done = list.items.filter(
        (e) => e.metadata.name !== 'warmup' && ['Succeeded', 'Failed'].includes(e.status?.phase),
      );
      if (done.length >= count) break;
      if (performance.now() - started > 600_000)
        throw new Error(`only ${done.length} of ${count} finished in 10 minutes`);
      cluster.check();
      await sleep(250);
    }
    const totalMs = Math.max(...done.map((e) => Date.parse(e.status.finishedAt))) - startedAt;
    const latencies = done
      .map((e) => Date.parse(e.status.finishedAt) - created.get(e.metadata.name))
      .sort((a, b) => a - b);
    const failed = done.filter((e) => e.status.phase !== 'Succeeded').length;
    const writes = (await cluster.executionWrites()).writes - writesBefore;
    const rows = [
      ['executions', String(count)],
      ['failed', String(failed)],
      ['all created in (ms)', createdMs.toFixed(0)],
      ['all finished in (ms)', String(totalMs)],
      ['executions/s to completion', ((count / totalMs) * 1000).toFixed(1)],
      ['create -> Succeeded p50 (ms)', String(latencies[Math.floor(latencies.length * 0.5)])],
      ['create -> Succeeded p99 (ms)', String(latencies[Math.floor(latencies.length * 0.99)])],
      ['apiserver writes per execution (incl. its create)', (writes / count).toFixed(2)],
      ['operator peak RSS (MiB)', status(operator.pid, 'VmHWM').toFixed(0)],
      ['runner peak RSS, engine process (MiB)', status(runner.pid, 'VmHWM').toFixed(0)],
      ['runner concurrency (sandboxed processes)', concurrency],
    ];
    const width = Math.max(...rows.map((r) => r[0].length));
    console.log(
      `operator-throughput: ${count} Executions of Manual Trigger -> Set -> IF, one operator, one runner`,
    );
    for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
  } finally {
    await stopAll();
  }
}
