// The webhook front door under load: Webhook -> Set (one expression) -> answer with the last node (lastNode),
// served by `budflow serve` (gateway, engine and the sandboxed runner pool, local mode), and a bare fastify
// hello-world measured in the same run as the ceiling. autocannon at 1, 10 and 50 connections.
// Prints req/s, p50/p99 latency, errors and the servers' RSS: idle (started, before the first call), peak, and
// the whole process tree's (runner processes included) idle and after the level.
// `npm run bench -- webhook [seconds=10] [connections=1,10,50] [pool-size]`
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

/* global fetch */

const root = fileURLToPath(new URL('..', import.meta.url));

const WORKFLOW = `apiVersion: budflow.io/v1alpha1
kind: Workflow
metadata:
  name: bench-webhook
spec:
  active: true
  nodes:
    - name: Webhook
      type: webhook
      typeVersion: 2
      parameters: { path: bench, httpMethod: POST, responseMode: lastNode, options: {} }
    - name: Greet
      type: set
      typeVersion: 3.4
      parameters:
        assignments:
          assignments:
            - { id: g, name: greeting, type: string, value: "=Hello, {{ $json.body.name }}!" }
        options: {}
  connections:
    - { from: Webhook, to: Greet }
`;

const HELLO = `import Fastify from 'fastify';
const app = Fastify();
app.post('/hello', async () => ({ greeting: 'Hello, world!' }));
const address = await app.listen({ port: 0, host: '127.0.0.1' });
console.log('listening on ' + address);`;

/** Starts a server process and resolves with its URL once it prints `listening on <url>`. */
function start(args, options = {}) {
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], ...options });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk) => {
      output += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) resolve({ child, url: match[1] });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('exit', (code) => reject(new Error(`server exited (${code}):\n${output}`)));
  });
}

function status(pid, field) {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith(`${field}:`));
    return line ? Number(line.split(/\s+/)[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** The pid and every descendant's (runner processes live under the serve process). */
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
const safeList = (path) => {
  try {
    return readdirSync(path);
  } catch {
    return [];
  }
};
const safeRead = (path) => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
};
const rss = (pid) => status(pid, 'VmRSS');
const treeRss = (pid) => tree(pid).reduce((sum, p) => sum + rss(p), 0);

async function load(url, connections, seconds) {
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Ada' }),
    connections,
    duration: seconds,
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    total: result.requests.total,
  };
}

export default async function main(args) {
  const seconds = Number(args[0] ?? 10);
  const levels = (args[1] ?? '1,10,50').split(',').map(Number);
  const poolSize = args[2];
  const maxJobs = args[3];
  const dir = mkdtempSync(join(tmpdir(), 'budflow-bench-webhook-'));
  writeFileSync(join(dir, 'bench.yaml'), WORKFLOW);

  const serveArgs = [
    'cli/dist/main.js',
    'serve',
    dir,
    '--port',
    '0',
    '--no-watch',
    ...(poolSize ? ['--pool-size', poolSize] : []),
    ...(maxJobs ? ['--max-jobs', maxJobs] : []),
  ];
  const targets = [
    {
      name: 'budflow serve (Webhook -> Set -> lastNode, sandboxed)',
      path: '/webhook/bench',
      args: serveArgs,
    },
    // Evaluated with the repository as working directory, so `fastify` resolves from its node_modules.
    {
      name: 'bare fastify hello-world (ceiling)',
      path: '/hello',
      args: ['--input-type=module', '-e', HELLO],
    },
  ];
  const servers = [];
  const rows = [];
  try {
    for (const target of targets) servers.push({ ...target, server: await start(target.args) });
    for (const { name, path, server } of servers) {
      const url = `${server.url}${path}`;
      await new Promise((r) => setTimeout(r, 1000));
      const idle = rss(server.child.pid);
      const idleTree = treeRss(server.child.pid);
      const check = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"name":"Ada"}',
      });
      const text = await check.text();
      if (check.status !== 200) throw new Error(`${name}: ${check.status} ${text}`);
      await load(url, 10, 2); // warm-up: JIT, runner processes
      for (const connections of levels) {
        const r = await load(url, connections, seconds);
        rows.push({
          server: name,
          connections,
          'req/s': Math.round(r.rps),
          'p50 ms': r.p50,
          'p99 ms': r.p99,
          errors: r.errors,
          requests: r.total,
          'RSS idle MiB': idle.toFixed(0),
          'RSS peak MiB': status(server.child.pid, 'VmHWM').toFixed(0),
          'tree RSS idle/after MiB': `${idleTree.toFixed(0)}/${treeRss(server.child.pid).toFixed(0)}`,
        });
      }
    }
  } finally {
    for (const { server } of servers) server.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(
    `webhook: POST {"name":"Ada"} -> Webhook -> Set (1 expression) -> lastNode answer; autocannon ${seconds} s per level; node ${process.version}`,
  );
  const columns = Object.keys(rows[0]);
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c]).length)));
  console.log(columns.map((c, i) => c.padEnd(widths[i])).join('  '));
  for (const row of rows) console.log(columns.map((c, i) => String(row[c]).padEnd(widths[i])).join('  '));
}
