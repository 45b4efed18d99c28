// The operator under load: N Executions (default 1,000) of a 3-node workflow (Manual Trigger -> Set -> IF)
// created at once against a real local stack (etcd, kube-apiserver, NATS), one `budflow operator` process and
// one `budflow runner --nats` process (steps in sandboxed child processes). Prints executions/s to completion,
// p50/p99 time from create to Succeeded, apiserver writes per execution, and the operator's peak RSS.
// `npm run bench -- operator-throughput [executions] [runnerConcurrency] [operatorConcurrency]`
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import https from 'node:https';
import { fileURLToPath } from 'node:url';
import { startStack, loadKubeConfig } from '@budflow/stack';
import { createKubeJsonClient } from '@budflow/operator';

const main = fileURLToPath(new URL('../cli/dist/main.js', import.meta.url));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function budflow(args, env) {
  const child = spawn(process.execPath, [main, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let tail = '';
  child.stderr.on('data', (c) => (tail = (tail + c).slice(-4000)));
  return { child, tail: () => tail };
}

function peakRssMiB(pid) {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmHWM:'));
    return Number(line.split(/\s+/)[1]) / 1024;
  } catch {
    return NaN;
  }
}

/** The apiserver's own /metrics text, read with the admin client certificate of the kubeconfig. */
function apiserverMetrics(kc) {
  const cluster = kc.getCurrentCluster();
  const user = kc.getCurrentUser();
  const fromFileOrData = (data, file) => (data ? Buffer.from(data, 'base64') : file ? readFileSync(file) : undefined);
  return new Promise((resolve, reject) => {
    const request = https.get(`${cluster.server}/metrics`, {
      ca: fromFileOrData(cluster.caData, cluster.caFile),
      cert: fromFileOrData(user.certData, user.certFile),
      key: fromFileOrData(user.keyData, user.keyFile),
      headers: user.token ? { authorization: `Bearer ${user.token}` } : {},
    }, (response) => {
      let text = '';
      response.on('data', (c) => (text += c));
      response.on('end', () => resolve(text));
    });
    request.on('error', reject);
  });
}

async function writesOf(kc) {
  const text = await apiserverMetrics(kc);
  let total = 0;
  for (const line of String(text).split('\n')) {
    if (!line.startsWith('apiserver_request_total{')) continue;
    if (!/resource="executions"/.test(line) || !/group="budflow.io"/.test(line)) continue;
    if (!/verb="(POST|PUT|PATCH|DELETE)"/.test(line)) continue;
    total += Number(line.split(' ').pop());
  }
  return total;
}

export default async function run(args) {
  const count = Number(args[0] ?? 1000);
  const concurrency = String(args[1] ?? 2);
  const stack = await startStack({ redis: false, log: () => undefined });
  const kc = loadKubeConfig(stack.kubeconfigPath);
  const client = createKubeJsonClient(kc);
  const ns = `bench-${Date.now()}`;
  const prefix = `bench${Date.now()}`;
  const env = { KUBECONFIG: stack.kubeconfigPath };
  const procs = [];
  try {
    await client.request({ method: 'POST', path: '/api/v1/namespaces', body: { metadata: { name: ns } } });
    const operator = budflow(['operator', '--nats', stack.natsUrl, '--prefix', prefix, '--namespace', ns, '--lease-namespace', ns, '--metrics-port', '0', '--concurrency', String(args[2] ?? 32), '--log-level', 'error'], env);
    const runner = budflow(['runner', '--nats', stack.natsUrl, '--prefix', prefix, '--concurrency', concurrency], env);
    procs.push(operator, runner);
    const base = `/apis/budflow.io/v1alpha1/namespaces/${ns}`;
    await client.request({
      method: 'POST',
      path: `${base}/workflows`,
      body: {
        apiVersion: 'budflow.io/v1alpha1',
        kind: 'Workflow',
        metadata: { name: 'three' },
        spec: {
          nodes: [
            { name: 'Start', type: 'manualTrigger', typeVersion: 1 },
            { name: 'Fields', type: 'set', typeVersion: 3.4, parameters: { assignments: { assignments: [{ id: 'a', name: 'double', type: 'number', value: '={{ ($json.n ?? 1) * 2 }}' }] }, includeOtherFields: true } },
            { name: 'Big?', type: 'if', typeVersion: 2.2, parameters: { conditions: { options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 }, conditions: [{ id: 'c', leftValue: '={{ $json.double }}', rightValue: 10, operator: { type: 'number', operation: 'gt' } }], combinator: 'and' } } },
          ],
          connections: [{ from: 'Start', to: 'Fields' }, { from: 'Fields', to: 'Big?' }],
        },
      },
    });
    // Let the operator take the lease and sync, and warm the runner.
    await client.request({ method: 'POST', path: `${base}/executions`, body: { apiVersion: 'budflow.io/v1alpha1', kind: 'Execution', metadata: { name: 'warmup' }, spec: { workflowRef: { name: 'three' } } } });
    for (let i = 0; i < 600; i++) {
      const warm = await client.request({ method: 'GET', path: `${base}/executions/warmup` });
      if (warm.status?.phase === 'Succeeded') break;
      await sleep(100);
    }
    const writesBefore = await writesOf(kc);
    const created = new Map();
    const started = performance.now();
    const startedAt = Date.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: 32 }, async () => {
        while (next < count) {
          const i = next++;
          await client.request({ method: 'POST', path: `${base}/executions`, body: { apiVersion: 'budflow.io/v1alpha1', kind: 'Execution', metadata: { name: `run-${i}` }, spec: { workflowRef: { name: 'three' }, trigger: { items: [{ n: i }] } } } });
          created.set(`run-${i}`, Date.now());
        }
      }),
    );
    const createdMs = performance.now() - started;
    let done = [];
    for (;;) {
      const list = await client.request({ method: 'GET', path: `${base}/executions` });
      done = list.items.filter((e) => e.metadata.name !== 'warmup' && ['Succeeded', 'Failed'].includes(e.status?.phase));
      if (done.length >= count) break;
      if (performance.now() - started > 600_000) throw new Error(`only ${done.length} of ${count} finished in 10 minutes`);
      await sleep(250);
    }
    const totalMs = Math.max(...done.map((e) => Date.parse(e.status.finishedAt))) - startedAt;
    const latencies = done.map((e) => Date.parse(e.status.finishedAt) - created.get(e.metadata.name)).sort((a, b) => a - b);
    const failed = done.filter((e) => e.status.phase !== 'Succeeded').length;
    const writes = (await writesOf(kc)) - writesBefore;
    const rows = [
      ['executions', String(count)],
      ['failed', String(failed)],
      ['all created in (ms)', createdMs.toFixed(0)],
      ['all finished in (ms)', String(totalMs)],
      ['executions/s to completion', ((count / totalMs) * 1000).toFixed(1)],
      ['create -> Succeeded p50 (ms)', String(latencies[Math.floor(latencies.length * 0.5)])],
      ['create -> Succeeded p99 (ms)', String(latencies[Math.floor(latencies.length * 0.99)])],
      ['apiserver writes per execution (incl. its create)', (writes / count).toFixed(2)],
      ['operator peak RSS (MiB)', peakRssMiB(operator.child.pid).toFixed(0)],
      ['runner peak RSS, engine process (MiB)', peakRssMiB(runner.child.pid).toFixed(0)],
      ['runner concurrency (sandboxed processes)', concurrency],
    ];
    const width = Math.max(...rows.map((r) => r[0].length));
    console.log(`operator-throughput: ${count} Executions of Manual Trigger -> Set -> IF, one operator, one runner`);
    for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
  } finally {
    for (const p of procs) p.child.kill('SIGTERM');
    await sleep(500);
    for (const p of procs) p.child.kill('SIGKILL');
    await stack.stop();
  }
}
