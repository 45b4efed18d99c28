// Per-step dispatch overhead in pool mode: a chain Manual Trigger -> 40 NoOps, run as Executions one after
// another against a real local stack (etcd, kube-apiserver, NATS), one `budflow operator` and one
// `budflow runner --nats` (steps in sandboxed child processes). A NoOp's own work is about 5 us (runner-overhead),
// so an execution's wall time per step, (finishedAt - startedAt) / steps, is the dispatch overhead: the log append,
// the job publish, the runner's pull and the sandboxed process hop, the result publish and the engine's turn.
// Prints the median and p90 over the executions. Every process is stopped on exit, also on an error or Ctrl-C.
// `npm run bench -- dispatch-overhead [executions=20] [chain=40]`
import { startCluster, status, stopAll } from './lib/processes.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))];

export default async function run(args) {
  const executions = Number(args[0] ?? 20);
  const chain = Number(args[1] ?? 40);
  const cluster = await startCluster({ name: 'bench', redis: false });
  try {
    const operator = cluster.operator(['--log-level', 'error']);
    const runner = cluster.runner(['--concurrency', '1']);
    const nodes = [{ name: 'Start', type: 'manualTrigger', typeVersion: 1 }];
    const connections = [];
    for (let i = 1; i <= chain; i++) {
      nodes.push({ name: `Step ${i}`, type: 'noOp', typeVersion: 1 });
      connections.push({ from: nodes[i - 1].name, to: `Step ${i}` });
    }
    await cluster.create('Workflow', 'chain', { nodes, connections });
    const runOne = async (name) => {
      await cluster.create('Execution', name, { workflowRef: { name: 'chain' } });
      for (let i = 0; i < 1200; i++) {
        const execution = await cluster.get('Execution', name);
        const phase = execution.status?.phase;
        if (phase === 'Failed') throw new Error(`${name} failed: ${JSON.stringify(execution.status.error)}`);
        if (phase === 'Succeeded') return execution.status;
        cluster.check();
        await sleep(50);
      }
      throw new Error(
        `${name} did not finish in a minute; operator: ${operator.tail()} runner: ${runner.tail()}`,
      );
    };
    await runOne('warmup'); // the lease, the informers' sync and a warm runner process
    const perStep = [];
    for (let i = 0; i < executions; i++) {
      const done = await runOne(`run-${i}`);
      const wall = Date.parse(done.finishedAt) - Date.parse(done.startedAt);
      perStep.push(wall / Object.keys(done.nodes).length);
    }
    perStep.sort((a, b) => a - b);
    const rows = [
      ['executions (sequential)', String(executions)],
      ['steps per execution', String(chain + 1)],
      ['dispatch overhead per step, median (ms)', quantile(perStep, 0.5).toFixed(2)],
      ['dispatch overhead per step, p90 (ms)', quantile(perStep, 0.9).toFixed(2)],
      ['operator peak RSS (MiB)', status(operator.pid, 'VmHWM').toFixed(0)],
      ['runner peak RSS, engine process (MiB)', status(runner.pid, 'VmHWM').toFixed(0)],
    ];
    const width = Math.max(...rows.map((r) => r[0].length));
    console.log(
      `dispatch-overhead: Manual Trigger -> ${chain} NoOps, one operator, one runner (1 sandboxed process)`,
    );
    for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
  } finally {
    await stopAll();
  }
}
