// The webhook front door under load: Webhook -> Set (one expression) -> answer with the last node (lastNode),
// autocannon at 1, 10 and 50 connections, against three targets measured one after the other in the same run:
//   serve    `budflow serve` (gateway, engine and the sandboxed runner pool in one process tree, local mode);
//   cluster  the real stack (etcd, kube-apiserver, kube-controller-manager, NATS JetStream, Redis) with one
//            `budflow gateway`, one `budflow operator` and one `budflow runner --nats` process: the same workflow
//            as a Workflow resource, every call a JetStream trigger that the operator turns into an Execution;
//   fastify  a bare fastify hello-world, the ceiling.
// Each target is started just before it is measured and stopped right after, so none competes with another.
// Prints req/s, p50/p99 latency, errors (connection errors, timeouts and every answer but 200: a 202 after the
// response timeout counts) and RSS: the server process idle (started, before the first call) and peak, the
// whole process tree's idle and after the level, and for cluster the operator's and the runner's (with its
// sandboxed children) after the level. A second table gives each process's CPU during the level, and for
// cluster the Executions created and the apiserver writes per Execution. Every process is stopped on exit, also on an error or Ctrl-C.
// `npm run bench -- webhook [seconds=10] [connections=1,10,50] [pool-size] [max-jobs] [targets=serve,cluster,fastify]`
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import {
  interrupted,
  launch,
  launchBudflow,
  safeRead,
  startCluster,
  status,
  stopAll,
} from './lib/processes.mjs';

/* global fetch, setInterval, clearInterval, AbortSignal */

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The workflow of every budflow target: a file for `budflow serve`, a Workflow resource for the cluster. */
const SPEC = {
  active: true,
  nodes: [
    {
      name: 'Webhook',
      type: 'webhook',
      typeVersion: 2,
      parameters: { path: 'bench', httpMethod: 'POST', responseMode: 'lastNode', options: {} },
    },
    {
      name: 'Greet',
      type: 'set',
      typeVersion: 3.4,
      parameters: {
        assignments: {
          assignments: [
            { id: 'g', name: 'greeting', type: 'string', value: '=Hello, {{ $json.body.name }}!' },
          ],
        },
        options: {},
      },
    },
  ],
  connections: [{ from: 'Webhook', to: 'Greet' }],
};
const WORKFLOW = { apiVersion: 'budflow.io/v1alpha1', kind: 'Workflow', metadata: { name: 'bench-webhook' } };
const BODY = JSON.stringify({ name: 'Ada' });
const ANSWER = JSON.stringify({ greeting: 'Hello, Ada!' });

const HELLO = `import Fastify from 'fastify';
const app = Fastify();
app.post('/hello', async () => ({ greeting: 'Hello, world!' }));
const address = await app.listen({ port: 0, host: '127.0.0.1' });
console.log('listening on ' + address);`;

// ---- /proc readings ----

const safeList = (path) => {
  try {
    return readdirSync(path);
  } catch {
    return [];
  }
};
/** The pid and every descendant's (runner processes live under the serve and runner processes). */
function tree(pid) {
  const pids = [pid];
  for (let i = 0; i < pids.length; i++) {
    for (const task of safeList(`/proc/${pids[i]}/task`)) {
      const children = safeRead(`/proc/${pids[i]}/task/${task}/children`).trim();
      if (children) pids.push(...children.split(/\s+/).map(Number));
    }
  }
  return pids;
}
const rss = (pid) => status(pid, 'VmRSS');
const treeRss = (pid) => tree(pid).reduce((sum, p) => sum + rss(p), 0);

/** CPU ticks (user + system) the process itself has used, children not included. */
function ownTicks(pid) {
  // The fields after the command (which may hold spaces and parentheses): state is [0], utime and stime [11, 12].
  const stat = safeRead(`/proc/${pid}/stat`);
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields.length > 12 ? Number(fields[11]) + Number(fields[12]) : undefined;
}

/** Busy CPU ticks of the whole machine, every core and process (not only the bench's). */
function machineBusyTicks() {
  const [, ...fields] = safeRead('/proc/stat').split('\n')[0].trim().split(/\s+/).map(Number);
  // user nice system idle iowait irq softirq steal: all but idle and iowait are busy.
  return fields.slice(0, 8).reduce((sum, ticks, i) => (i === 3 || i === 4 ? sum : sum + ticks), 0);
}

/**
 * CPU use of named process trees over an interval, sampled every 250 ms per process: a child that exits during
 * the interval (a recycled runner process) keeps what it used until its last sample, whoever reaps it.
 */
function cpuSampler(trees) {
  const first = new Map();
  const last = new Map();
  const sample = (initial) => {
    for (const [name, root] of Object.entries(trees)) {
      for (const pid of tree(root)) {
        const ticks = ownTicks(pid);
        if (ticks === undefined) continue;
        const key = `${name}/${pid}`;
        if (initial) first.set(key, ticks);
        last.set(key, ticks);
      }
    }
  };
  sample(true);
  const machineBefore = machineBusyTicks();
  const started = performance.now();
  const timer = setInterval(() => sample(false), 250);
  return {
    /** Percent of one core per tree since the start. */
    stop() {
      clearInterval(timer);
      sample(false);
      const seconds = (performance.now() - started) / 1000;
      // Every process on the machine, the bench's and anyone else's, for comparison.
      const used = { 'machine (all processes)': machineBusyTicks() - machineBefore };
      for (const name of Object.keys(trees)) used[name] = 0;
      for (const [key, ticks] of last)
        used[key.slice(0, key.lastIndexOf('/'))] += ticks - (first.get(key) ?? 0);
      // USER_HZ is 100 on Linux.
      return Object.fromEntries(
        Object.entries(used).map(([name, ticks]) => [name, Math.round((ticks / 100 / seconds) * 100)]),
      );
    },
  };
}

// ---- Load ----

async function load(url, connections, seconds) {
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: BODY,
    connections,
    duration: seconds,
    // Above the gateways' 30 s response timeout: a slow answer is measured, or counted as its 202.
    timeout: 40,
  });
  const answered = Object.values(result.statusCodeStats ?? {}).reduce((sum, s) => sum + s.count, 0);
  const ok = result.statusCodeStats?.['200']?.count ?? 0;
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    // autocannon counts a timeout as an error too.
    errors: result.errors + (answered - ok),
    total: result.requests.total,
  };
}

/** Calls `url` until it answers 200 with the expected body (the route is served and the whole path works). */
async function answered(url, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: BODY,
        signal: AbortSignal.timeout(Math.max(1000, deadline - Date.now())),
      });
      const text = await response.text();
      if (response.status === 200 && (what === 'fastify' || text === ANSWER)) return;
      last = `${response.status} ${text.slice(0, 300)}`;
    } catch (error) {
      last = error.message;
    }
    if (interrupted()) return;
    await sleep(250);
  }
  throw new Error(`${what}: ${url} did not answer 200 within ${timeoutMs / 1000} s; last: ${last}`);
}

// ---- Targets ----

async function startServe({ dir, poolSize, maxJobs }) {
  const serve = launchBudflow(
    'serve',
    [
      dir,
      '--port',
      '0',
      '--no-watch',
      ...(poolSize ? ['--pool-size', poolSize] : []),
      ...(maxJobs ? ['--max-jobs', maxJobs] : []),
    ],
    { waitFor: /listening on (http:\/\/\S+)/ },
  );
  const [, url] = await serve.ready;
  return {
    url: `${url}/webhook/bench`,
    main: serve,
    processes: () => ({ serve: serve.pid }),
    stop: () => serve.stop(),
  };
}

async function startFastify() {
  // Evaluated with the repository as working directory, so `fastify` resolves from its node_modules.
  const server = launch('fastify hello-world', ['--input-type=module', '-e', HELLO], {
    waitFor: /listening on (http:\/\/\S+)/,
  });
  const [, url] = await server.ready;
  return {
    url: `${url}/hello`,
    main: server,
    processes: () => ({ fastify: server.pid }),
    stop: () => server.stop(),
  };
}

async function startStackTarget({ log }) {
  log('cluster: starting etcd, kube-apiserver, kube-controller-manager, NATS, Redis');
  const cluster = await startCluster({ name: 'bench-webhook' });
  try {
    const { stack, namespace } = cluster;
    await cluster.create('Workflow', WORKFLOW.metadata.name, SPEC);
    const operator = cluster.operator(['--log-level', 'warn']);
    const runner = cluster.runner();
    const gateway = cluster.budflow(
      'gateway',
      [
        '--redis',
        stack.redisUrl,
        '--namespace',
        namespace,
        '--port',
        '0',
        '--host',
        '127.0.0.1',
        '--log-level',
        'warn',
      ],
      { waitFor: /listening on (http:\/\/\S+)/ },
    );
    const [, url] = await gateway.ready;
    log(`cluster: gateway on ${url}, namespace ${namespace}`);
    const servers = Object.fromEntries(stack.servers.map((s) => [s.name, s.pid]));
    return {
      url: `${url}/webhook/${namespace}/bench`,
      main: gateway,
      processes: () => ({
        gateway: gateway.pid,
        operator: operator.pid,
        runner: runner.pid,
        apiserver: servers['kube-apiserver'],
        etcd: servers.etcd,
        'controller-manager': servers['kube-controller-manager'],
        nats: servers['nats-server'],
        redis: servers['redis-server'],
      }),
      check: cluster.check,
      extra: () =>
        `${rss(operator.pid).toFixed(0)} (peak ${status(operator.pid, 'VmHWM').toFixed(0)}) / ${treeRss(runner.pid).toFixed(0)}`,
      executionWrites: cluster.executionWrites,
      stop: cluster.stop,
    };
  } catch (error) {
    await cluster.stop();
    throw error;
  }
}

/** Per Execution created during the level (and the calls it left in flight): writes and create latency. */
function apiserverColumns(before, after) {
  const creates = after.creates - before.creates;
  return {
    'Executions created': creates,
    'apiserver writes per Execution': ((after.writes - before.writes) / Math.max(1, creates)).toFixed(2),
    'create mean ms': (((after.createSeconds - before.createSeconds) / Math.max(1, creates)) * 1000).toFixed(
      1,
    ),
  };
}

const TARGETS = {
  serve: { label: 'budflow serve (local mode, sandboxed)', start: startServe },
  cluster: { label: 'budflow cluster (gateway + operator + runner)', start: startStackTarget },
  fastify: { label: 'bare fastify hello-world (ceiling)', start: startFastify },
};

// ---- Main ----

function printTable(rows) {
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const cell = (row, column) => String(row[column] ?? '-');
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r, c).length)));
  console.log(columns.map((c, i) => c.padEnd(widths[i])).join('  '));
  for (const row of rows) console.log(columns.map((c, i) => cell(row, c).padEnd(widths[i])).join('  '));
}

export default async function main(args) {
  const named = Object.fromEntries(
    args.filter((a) => a.includes('=')).map((a) => [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]),
  );
  const positional = args.filter((a) => !a.includes('='));
  const seconds = Number(positional[0] ?? 10);
  const levels = (positional[1] ?? '1,10,50').split(',').map(Number);
  const poolSize = positional[2];
  const maxJobs = positional[3];
  const selected = (named.targets ?? 'serve,cluster,fastify').split(',').filter(Boolean);
  for (const key of Object.keys(named)) {
    if (key !== 'targets') throw new Error(`webhook bench: unknown argument ${key}=`);
  }
  for (const name of selected) {
    if (!TARGETS[name]) throw new Error(`webhook bench: unknown target '${name}' (${Object.keys(TARGETS)})`);
  }
  if (!(seconds > 0) || levels.some((l) => !(l > 0)))
    throw new Error('webhook bench: bad seconds or connections');

  const log = (line) => console.error(`webhook bench: ${line}`);
  const dir = mkdtempSync(join(tmpdir(), 'budflow-bench-webhook-'));
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  process.once('exit', removeDir);
  writeFileSync(join(dir, 'bench.json'), JSON.stringify({ ...WORKFLOW, spec: SPEC }));

  const rows = [];
  const cpuRows = [];
  const loadBefore = loadavg()[0].toFixed(2);
  try {
    for (const name of selected) {
      const { label, start } = TARGETS[name];
      log(`${name}: starting`);
      const target = await start({ dir, poolSize, maxJobs, log });
      try {
        await sleep(1000);
        const pid = target.main.pid;
        const idle = rss(pid);
        const idleTree = treeRss(pid);
        await answered(target.url, 120_000, name);
        log(`${name}: answers on ${target.url}; warm-up`);
        await load(target.url, 10, 2); // warm-up: JIT, runner processes, informer caches
        await answered(target.url, 60_000, name);
        for (const connections of levels) {
          if (interrupted()) return;
          log(`${name}: ${connections} connection(s), ${seconds} s`);
          const writesBefore = await target.executionWrites?.();
          const sampler = cpuSampler(target.processes());
          const benchBefore = process.cpuUsage();
          const started = performance.now();
          const r = await load(target.url, connections, seconds);
          const elapsed = (performance.now() - started) / 1000;
          const bench = process.cpuUsage(benchBefore);
          const cpu = Object.entries(sampler.stop()).map(([proc, percent]) => `${proc} ${percent}%`);
          cpu.push(`bench/autocannon ${Math.round(((bench.user + bench.system) / 1e6 / elapsed) * 100)}%`);
          const after = { rss: treeRss(pid), peak: status(pid, 'VmHWM'), extra: target.extra?.() };
          // Let what the level left in flight finish before the next one (and count its writes).
          await answered(target.url, 120_000, name);
          target.check?.();
          const writesAfter = await target.executionWrites?.();
          rows.push({
            server: label,
            connections,
            'req/s': Math.round(r.rps),
            'p50 ms': r.p50,
            'p99 ms': r.p99,
            errors: r.errors,
            requests: r.total,
            'RSS idle MiB': idle.toFixed(0),
            'RSS peak MiB': after.peak.toFixed(0),
            'tree RSS idle/after MiB': `${idleTree.toFixed(0)}/${after.rss.toFixed(0)}`,
            'operator (peak) / runner tree RSS after MiB': after.extra ?? '-',
          });
          cpuRows.push({
            server: label,
            connections,
            [`CPU during the level, % of one core (${cpus().length} cores)`]: cpu.join(', '),
            ...(writesBefore ? apiserverColumns(writesBefore, writesAfter) : {}),
          });
        }
      } finally {
        await target.stop();
      }
    }
  } finally {
    await stopAll();
    removeDir();
  }
  if (rows.length === 0) return;
  console.log(
    `webhook: POST ${BODY} -> Webhook -> Set (1 expression) -> lastNode answer; autocannon ${seconds} s per level; node ${process.version}; ${cpus().length} cores, load average ${loadBefore} before, ${loadavg()[0].toFixed(2)} after`,
  );
  printTable(rows);
  console.log('');
  printTable(cpuRows);
}
