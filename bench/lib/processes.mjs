// What the benchmarks that start processes share (a subfolder, so bench/run.mjs does not list it as a benchmark):
// child processes in their own process groups behind a parent-death signal, every one stopped on the way out
// (also on an error or Ctrl-C); /proc readings; and the local cluster (the @budflow/stack servers, a namespace,
// budflow processes against it) with the apiserver's own count of Execution writes.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import https from 'node:https';
import { fileURLToPath } from 'node:url';
import { loadKubeConfig, orphanSafeArgv, startStack } from '@budflow/stack';
import { createKubeJsonClient } from '@budflow/operator';

const root = fileURLToPath(new URL('../..', import.meta.url));

// ---- Child processes: each in its own process group, stopped with the bench (on exit, an error, Ctrl-C or
// SIGTERM), killed with it even when it is SIGKILLed. ----

/** Everything to stop on the way out, in start order (stopped in reverse). */
const live = new Set();
process.once('exit', () => {
  // Last resort ('exit' handlers run synchronously only): whatever is still running goes now.
  for (const item of live) item.kill?.();
});

/**
 * Starts `node args` (in the repository) in a new process group (so a terminal's Ctrl-C reaches the bench, which
 * stops everything in order) behind setpriv's parent-death signal (so nothing outlives a SIGKILLed bench). With
 * `waitFor`, `ready` resolves with the match once the output shows it.
 */
export function launch(name, args, { env, waitFor } = {}) {
  const [command, ...argv] = orphanSafeArgv(process.execPath, args);
  const child = spawn(command, argv, {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let tail = '';
  let exitCode;
  const exited = new Promise((resolve) => {
    child.once('error', (error) => resolve((exitCode = `spawn failed: ${error.message}`)));
    child.once('exit', (code, signal) => resolve((exitCode = code ?? signal)));
  });
  const ready = new Promise((resolve, reject) => {
    const onData = (chunk) => {
      tail = (tail + chunk).slice(-8000);
      const match = waitFor?.exec(tail);
      if (match) resolve(match);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => reject(new Error(`${name} exited (${code}) before it was ready:\n${tail}`)));
  });
  ready.catch(() => undefined);
  const group = (signal) => {
    try {
      process.kill(-child.pid, signal);
    } catch {
      // Gone.
    }
  };
  let stopping;
  const proc = {
    name,
    pid: child.pid,
    ready,
    tail: () => tail,
    alive: () => exitCode === undefined,
    exitCode: () => exitCode,
    kill: () => group('SIGKILL'),
    /** SIGTERM to the process (its own graceful shutdown), SIGKILL to its group after 10 s and once it is gone. */
    stop: () =>
      (stopping ??= (async () => {
        if (exitCode === undefined) {
          child.kill('SIGTERM');
          const timer = setTimeout(() => group('SIGKILL'), 10_000);
          await exited;
          clearTimeout(timer);
        }
        // Anything it left in its group; the sandboxed processes (bwrap --die-with-parent) die with it.
        group('SIGKILL');
        live.delete(proc);
      })()),
  };
  live.add(proc);
  return proc;
}

/** `budflow command args` (the built CLI), named `budflow command`. */
export const launchBudflow = (command, args, options) =>
  launch(`budflow ${command}`, ['cli/dist/main.js', command, ...args], options);

async function stopLive() {
  for (const item of [...live].reverse()) {
    try {
      await item.stop();
    } catch (error) {
      console.error(`bench: stopping ${item.name}: ${error.message}`);
    }
  }
}

/** Stops everything still running, newest first: the bench's way out, also on an error. */
export async function stopAll() {
  await stopLive();
  // After SIGINT or SIGTERM the signal's handler exits with 130 once everything is stopped: what the bench does
  // next (often an error the stopping caused, a request to the stopped apiserver) is not worth reporting.
  if (interruptedBy) await new Promise(() => undefined);
}

// On SIGINT (a terminal's Ctrl-C) or SIGTERM: everything is stopped in order and the bench exits with 130.
let interruptedBy;
/** True once SIGINT or SIGTERM has arrived (everything is being stopped). */
export const interrupted = () => interruptedBy !== undefined;
function onSignal(signal) {
  if (interruptedBy) return;
  interruptedBy = signal;
  console.error(`\nbench: ${signal}, stopping every process...`);
  void stopLive().finally(() => process.exit(130));
}
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

// ---- /proc readings ----

/** A file's text, '' when it cannot be read (a process that is gone). */
export const safeRead = (path) => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
};

/** A `/proc/<pid>/status` field given in kB (VmRSS, VmHWM, ...), in MiB; 0 when the process is gone. */
export function status(pid, field) {
  const line = safeRead(`/proc/${pid}/status`)
    .split('\n')
    .find((l) => l.startsWith(`${field}:`));
  return line ? Number(line.split(/\s+/)[1]) / 1024 : 0;
}

// ---- The local cluster ----

/**
 * The local stack (etcd, kube-apiserver, kube-controller-manager, NATS JetStream and, unless `redis` is false,
 * Redis), stopped with everything else, and a fresh namespace `<name>-<ms>` in it. `budflow(command, args)`
 * starts `budflow command --nats … --prefix …` against it (a JetStream prefix of its own, KUBECONFIG set);
 * `stop()` stops those processes, newest first, then the stack.
 */
export async function startCluster({ name, redis = true }) {
  const stack = await startStack({ redis, log: () => undefined });
  const procs = [];
  let stopping;
  const entry = {
    name: 'stack',
    stop: () =>
      (stopping ??= (async () => {
        for (const p of [...procs].reverse()) await p.stop();
        await stack.stop();
        live.delete(entry);
      })()),
  };
  live.add(entry);
  const stamp = Date.now();
  const namespace = `${name}-${stamp}`;
  const prefix = `${name.replaceAll('-', '')}${stamp}`;
  const kc = loadKubeConfig(stack.kubeconfigPath);
  const client = createKubeJsonClient(kc);
  try {
    await client.request({
      method: 'POST',
      path: '/api/v1/namespaces',
      body: { metadata: { name: namespace } },
    });
  } catch (error) {
    await entry.stop();
    throw error;
  }
  const budflow = (command, args, options) => {
    const proc = launchBudflow(command, ['--nats', stack.natsUrl, '--prefix', prefix, ...args], {
      ...options,
      env: { KUBECONFIG: stack.kubeconfigPath },
    });
    procs.push(proc);
    return proc;
  };
  const base = `/apis/budflow.io/v1alpha1/namespaces/${namespace}`;
  /** The path of the namespace's `kind` resources (Workflow: workflows), or of the one named. */
  const path = (kind, resourceName) =>
    `${base}/${kind.toLowerCase()}s${resourceName ? `/${resourceName}` : ''}`;
  return {
    stack,
    namespace,
    budflow,
    /** `budflow operator` for the namespace (its lease there too), no metrics port, then `args`. */
    operator: (args = []) =>
      budflow('operator', [
        '--namespace',
        namespace,
        '--lease-namespace',
        namespace,
        '--metrics-port',
        '0',
        ...args,
      ]),
    runner: (args = []) => budflow('runner', ['--metrics-port', '0', ...args]),
    /** Creates a budflow.io resource (Workflow, Execution) in the namespace. */
    create: (kind, resourceName, spec) =>
      client.request({
        method: 'POST',
        path: path(kind),
        body: { apiVersion: 'budflow.io/v1alpha1', kind, metadata: { name: resourceName }, spec },
      }),
    /** A budflow.io resource of the namespace, or without `resourceName` the list of its kind. */
    get: (kind, resourceName) => client.request({ method: 'GET', path: path(kind, resourceName) }),
    /** Throws when one of the budflow processes has exited, with its last output. */
    check: () => {
      for (const p of procs) {
        if (!p.alive()) throw new Error(`${p.name} exited (${p.exitCode()}):\n${p.tail()}`);
      }
    },
    executionWrites: () => executionWrites(kc),
    stop: entry.stop,
  };
}

/** The apiserver's own count of Execution creates and of all Execution writes (from its /metrics). */
function executionWrites(kc) {
  const cluster = kc.getCurrentCluster();
  const user = kc.getCurrentUser();
  const data = (b64) => (b64 ? Buffer.from(b64, 'base64') : undefined);
  return new Promise((resolve, reject) => {
    const request = https.get(
      `${cluster.server}/metrics`,
      { ca: data(cluster.caData), cert: data(user.certData), key: data(user.keyData) },
      (response) => {
        let text = '';
        response.on('data', (chunk) => (text += chunk));
        response.on('end', () => {
          const counts = { creates: 0, writes: 0, createSeconds: 0 };
          for (const line of text.split('\n')) {
            if (!line.includes('resource="executions"') || !line.includes('group="budflow.io"')) continue;
            const verb = /verb="([A-Z]+)"/.exec(line)?.[1];
            const value = Number(line.split(' ').pop());
            if (line.startsWith('apiserver_request_total{')) {
              if (verb === 'POST') counts.creates += value;
              if (['POST', 'PUT', 'PATCH', 'DELETE'].includes(verb)) counts.writes += value;
            }
            if (line.startsWith('apiserver_request_duration_seconds_sum{') && verb === 'POST') {
              counts.createSeconds += value;
            }
          }
          resolve(counts);
        });
      },
    );
    request.on('error', reject);
  });
}
