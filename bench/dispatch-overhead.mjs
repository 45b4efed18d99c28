// Per-step dispatch overhead in pool mode: a chain Manual Trigger -> 40 NoOps, run as Executions one after
// another against a real local stack (etcd, kube-apiserver, NATS), one `budflow operator` and one
// `budflow runner --nats` (steps in sandboxed child processes). A NoOp's own work is about 5 us (runner-overhead),
// so an execution's wall time per step, (finishedAt - startedAt) / steps, is the dispatch overhead: the log append,
// the job publish, the runner's pull and the sandboxed process hop, the result publish and the engine's turn.
// Prints the median and p90 over the executions.
// `npm run bench -- dispatch-overhead [executions=20] [chain=40]`
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startStack, loadKubeConfig } from '@budflow/stack';
import { createKubeJsonClient } from '@budflow/operator';

const main = fileURLToPath(new URL('../cli/dist/main.js', import.meta.url));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))];

function budflow(args, env) {
  const child = spawn(process.execPath, [main, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let tail = '';
  child.stderr.on('data', (c) => (tail = (tail + c).slice(-4000)));
  return { child, tail: () => tail };
}

function rssMiB(pid, field = 'VmHWM') {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith(`${field}:`));
    return Number(line.split(/\s+/)[1]) / 1024;
  } catch {
    return NaN;
  }
}

export default async function run(args) {
  const executions = Number(args[0] ?? 20);
  const chain = Number(args[1] ?? 40);
  const stack = await startStack({ redis: false, log: () => undefined });
  const kc = loadKubeConfig(stack.kubeconfigPath);
  const client = createKubeJsonClient(kc);
  const ns = `bench-${Date.now()}`;
  const prefix = `bench${Date.now()}`;
  const env = { KUBECONFIG: stack.kubeconfigPath };
  const procs = [];
  const stop = async () => {
    for (const p of procs) p.child.kill('SIGTERM');
    await sleep(500);
    for (const p of procs) p.child.kill('SIGKILL');
    await stack.stop();
  };
  process.once('SIGINT', () => void stop().then(() => process.exit(130)));
  try {
    await client.request({ method: 'POST', path: '/api/v1/namespaces', body: { metadata: { name: ns } } });
    const operator = budflow(
      [
        'operator',
        '--nats',
        stack.natsUrl,
        '--prefix',
        prefix,
        '--namespace',
        ns,
        '--lease-namespace',
        ns,
        '--metrics-port',
        '0',
        '--log-level',
        'error',
      ],
      env,
    );
    const runner = budflow(
      ['runner', '--nats', stack.natsUrl, '--prefix', prefix, '--concurrency', '1'],
      env,
    );
    procs.push(operator, runner);
    const base = `/apis/budflow.io/v1alpha1/namespaces/${ns}`;
    const nodes = [{ name: 'Start', type: 'manualTrigger', typeVersion: 1 }];
    const connections = [];
    for (let i = 1; i <= chain; i++) {
      nodes.push({ name: `Step ${i}`, type: 'noOp', typeVersion: 1 });
      connections.push({ from: nodes[i - 1].name, to: `Step ${i}` });
    }
    await client.request({
      method: 'POST',
      path: `${base}/workflows`,
      body: {
        apiVersion: 'budflow.io/v1alpha1',
        kind: 'Workflow',
        metadata: { name: 'chain' },
        spec: { nodes, connections },
      },
    });
    const runOne = async (name) => {
      await client.request({
        method: 'POST',
        path: `${base}/executions`,
        body: {
          apiVersion: 'budflow.io/v1alpha1',
          kind: 'Execution',
          metadata: { name },
          spec: { workflowRef: { name: 'chain' } },
        },
      });
      for (let i = 0; i < 1200; i++) {
        const execution = await client.request({ method: 'GET', path: `${base}/executions/${name}` });
        const phase = execution.status?.phase;
        if (phase === 'Failed') throw new Error(`${name} failed: ${JSON.stringify(execution.status.error)}`);
        if (phase === 'Succeeded') return execution.status;
        await sleep(50);
      }
      throw new Error(
        `${name} did not finish in a minute; operator: ${operator.tail()} runner: ${runner.tail()}`,
      );
    };
    await runOne('warmup'); // the lease, the informers' sync and a warm runner process
    const perStep = [];
    for (let i = 0; i < executions; i++) {
      const status = await runOne(`run-${i}`);
      const wall = Date.parse(status.finishedAt) - Date.parse(status.startedAt);
      perStep.push(wall / Object.keys(status.nodes).length);
    }
    perStep.sort((a, b) => a - b);
    const rows = [
      ['executions (sequential)', String(executions)],
      ['steps per execution', String(chain + 1)],
      ['dispatch overhead per step, median (ms)', quantile(perStep, 0.5).toFixed(2)],
      ['dispatch overhead per step, p90 (ms)', quantile(perStep, 0.9).toFixed(2)],
      ['operator peak RSS (MiB)', rssMiB(operator.child.pid).toFixed(0)],
      ['runner peak RSS, engine process (MiB)', rssMiB(runner.child.pid).toFixed(0)],
    ];
    const width = Math.max(...rows.map((r) => r[0].length));
    console.log(
      `dispatch-overhead: Manual Trigger -> ${chain} NoOps, one operator, one runner (1 sandboxed process)`,
    );
    for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
  } finally {
    await stop();
  }
}
