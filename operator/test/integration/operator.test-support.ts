import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { KubeConfig } from '@kubernetes/client-node';
import { connect } from '@nats-io/transport-node';
import { jetstream } from '@nats-io/jetstream';
import { createNodeRegistry } from '@budflow/nodes';
import { detectSandboxHost, ensureStreams, JetStreamDataStore, SandboxedStepRunner, serveNatsSteps } from '@budflow/runner';
import { collectionPath, createKubeJsonClient, EXECUTIONS, objectPath, WORKFLOWS } from '../../src/kube/index.js';
import type { KubeJsonClient } from '../../src/kube/index.js';
import { createLogger, runOperator } from '../../src/index.js';

export const registry = createNodeRegistry();

/** An operator replica in this process, scoped to one namespace and NATS prefix. */
export function startOperator(kc: KubeConfig, natsUrl: string, prefix: string, namespace: string, identity = 'op-1') {
  const controller = new AbortController();
  const done = runOperator(
    {
      kubeConfig: kc,
      natsUrl,
      prefix,
      namespace,
      identity,
      lease: { namespace, name: 'budflow-operator', durationMs: 4000, renewDeadlineMs: 3000, retryPeriodMs: 500 },
      registry,
      logger: createLogger('warn'),
      concurrency: 4,
    },
    controller.signal,
  );
  return { stop: async () => { controller.abort(); await done; }, done };
}

/** A runner of the default pool in this process: jobs from JetStream, steps in sandboxed child processes. */
export async function startRunner(natsUrl: string, prefix: string, pool = 'default', network = false) {
  const nc = await connect({ servers: natsUrl });
  const js = jetstream(nc);
  await ensureStreams(await js.jetstreamManager(), prefix);
  const store = await JetStreamDataStore.open(js, prefix);
  const runner = new SandboxedStepRunner({ host: detectSandboxHost(), size: 2, network });
  const controller = new AbortController();
  const done = serveNatsSteps({ js, prefix, pool, runner, store, signal: controller.signal, concurrency: 2, ackWaitMs: 5000 });
  return {
    stop: async () => {
      controller.abort();
      await done;
      await runner.close();
      await nc.drain();
    },
  };
}

/** Objects read back in tests: JSON whose shape the assertions check. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- assertions walk arbitrary API JSON
export type Json = Record<string, any>;

export function api(kc: KubeConfig, namespace: string) {
  const client: KubeJsonClient = createKubeJsonClient(kc);
  return {
    client,
    createWorkflow: (name: string, spec: unknown) =>
      client.request({ method: 'POST', path: collectionPath(WORKFLOWS, namespace), body: { apiVersion: 'budflow.io/v1alpha1', kind: 'Workflow', metadata: { name }, spec } }),
    createExecution: (name: string, workflow: string, items?: unknown[]) =>
      client.request({
        method: 'POST',
        path: collectionPath(EXECUTIONS, namespace),
        body: { apiVersion: 'budflow.io/v1alpha1', kind: 'Execution', metadata: { name }, spec: { workflowRef: { name: workflow }, trigger: { type: 'manual', ...(items ? { items } : {}) } } },
      }),
    getWorkflow: (name: string) => client.request<Json>({ method: 'GET', path: objectPath(WORKFLOWS, namespace, name) }),
    getExecution: (name: string) => client.request<Json>({ method: 'GET', path: objectPath(EXECUTIONS, namespace, name) }),
    events: () => client.request<{ items: Array<Json> }>({ method: 'GET', path: `/apis/events.k8s.io/v1/namespaces/${namespace}/events` }),
  };
}

/** Polls until `check` returns a value (not undefined) or the time is up. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 30_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

/** A budflow binary process (the built CLI), killable with SIGKILL like a crashed Pod. */
export function startBudflow(args: string[], env: Record<string, string>) {
  const main = fileURLToPath(new URL('../../../cli/dist/main.js', import.meta.url));
  const child = spawn(process.execPath, [main, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-20_000)));
  child.stderr.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-20_000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    output: () => output,
    kill: async (signal: NodeJS.Signals = 'SIGKILL') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
