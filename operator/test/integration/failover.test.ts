import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestNamespace, loadKubeConfig, STACK_KEY, testPrefix } from '@budflow/stack';
import type { TestNamespace } from '@budflow/stack';
import { collectionPath, EXECUTIONS, objectPath, LEASES } from '../../src/kube/index.js';
import { api, eventually, startBudflow, startRunner } from './operator.test-support.js';

// Two operator processes (the real `budflow operator` binary) and 200 executions; the leader is killed with
// SIGKILL mid-way. The standby must take over within the lease duration + 2 s and every execution must
// succeed with each step's side effect happening exactly once.
const EXECUTIONS_COUNT = 200;
const LEASE_SECONDS = 4;

let kc: KubeConfig;
let ns: TestNamespace;
let k: ReturnType<typeof api>;
let server: Server;
let port = 0;
const effects = new Map<string, number>();
const operators: Array<ReturnType<typeof startBudflow>> = [];
let runners: Array<Awaited<ReturnType<typeof startRunner>>> = [];

beforeAll(async () => {
  const stack = inject(STACK_KEY);
  kc = loadKubeConfig(stack.kubeconfigPath);
  ns = await createTestNamespace(kc, 'failover');
  k = api(kc, ns.name);
  server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://x');
    const key = `${url.searchParams.get('e')}/${url.searchParams.get('n')}`;
    effects.set(key, (effects.get(key) ?? 0) + 1);
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, key }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
  const prefix = testPrefix('failover');
  for (const identity of ['op-a', 'op-b']) {
    operators.push(
      startBudflow(
        ['operator', '--nats', stack.natsUrl, '--prefix', prefix, '--namespace', ns.name, '--lease-namespace', ns.name, '--lease-duration', `${LEASE_SECONDS}s`, '--renew-deadline', '3s', '--retry-period', '500ms', '--metrics-port', '0', '--identity', identity, '--log-level', 'warn'],
        { KUBECONFIG: stack.kubeconfigPath },
      ),
    );
  }
  runners = [await startRunner(stack.natsUrl, prefix, 'default', true), await startRunner(stack.natsUrl, prefix, 'default', true)];
}, 120_000);

afterAll(async () => {
  await Promise.all(operators.map((o) => o.kill('SIGTERM')));
  await Promise.all(runners.map((r) => r.stop()));
  server?.close();
  await ns?.delete();
});

/** An HTTP Request to the test's server: its side effect is counted per execution and node. */
const effect = (name: string) => ({
  name,
  type: 'httpRequest',
  typeVersion: 4.2,
  parameters: { url: `=http://127.0.0.1:${port}/effect?e={{ $execution.id }}&n=${name}`, options: {} },
});

describe('operator failover', () => {
  it('survives SIGKILL of the leader with 200 executions in flight: all succeed, no step effect twice', async () => {
    const workflow = {
      nodes: [
        { name: 'Start', type: 'manualTrigger', typeVersion: 1 },
        effect('First'),
        { name: 'Shape', type: 'set', typeVersion: 3.4, parameters: { assignments: { assignments: [{ id: 'k', name: 'key', type: 'string', value: '={{ $json.key }}' }] } } },
        effect('Second'),
      ],
      connections: [
        { from: 'Start', to: 'First' },
        { from: 'First', to: 'Shape' },
        { from: 'Shape', to: 'Second' },
      ],
    };
    await k.createWorkflow('effects', workflow);
    const lease = () => k.client.request<{ spec: { holderIdentity?: string } }>({ method: 'GET', path: objectPath(LEASES, ns.name, 'budflow-operator') });
    const leader = await eventually(async () => (await lease()).spec.holderIdentity || undefined, 30_000, 'a leader');

    await Promise.all(Array.from({ length: EXECUTIONS_COUNT }, (_, i) => k.createExecution(`run-${i}`, 'effects')));
    // Kill the leader once some executions finished and the rest are in flight.
    await eventually(async () => ((await countPhases()).Succeeded ?? 0) >= 20 || undefined, 120_000, '20 executions to succeed');
    const victim = operators[leader === 'op-a' ? 0 : 1]!;
    const killedAt = Date.now();
    await victim.kill('SIGKILL');
    const next = await eventually(async () => {
      const holder = (await lease()).spec.holderIdentity;
      return holder && holder !== leader ? holder : undefined;
    }, 30_000, 'the standby to take over');
    const takeoverMs = Date.now() - killedAt;
    expect(next).not.toBe(leader);
    expect(takeoverMs).toBeLessThan(LEASE_SECONDS * 1000 + 2000);

    const phases = await eventually(async () => {
      const counts = await countPhases();
      return (counts.Succeeded ?? 0) + (counts.Failed ?? 0) + (counts.Cancelled ?? 0) === EXECUTIONS_COUNT ? counts : undefined;
    }, 240_000, 'all executions to finish');
    expect(phases).toEqual({ Succeeded: EXECUTIONS_COUNT });
    const list = await k.client.request<{ items: Array<{ metadata: { uid: string } }> }>({ method: 'GET', path: collectionPath(EXECUTIONS, ns.name) });
    for (const execution of list.items) {
      expect(effects.get(`${execution.metadata.uid}/First`), `First of ${execution.metadata.uid}`).toBe(1);
      expect(effects.get(`${execution.metadata.uid}/Second`), `Second of ${execution.metadata.uid}`).toBe(1);
    }
    expect(effects.size).toBe(EXECUTIONS_COUNT * 2);
  }, 400_000);
});

async function countPhases(): Promise<Record<string, number>> {
  const list = await k.client.request<{ items: Array<{ status?: { phase?: string } }> }>({ method: 'GET', path: collectionPath(EXECUTIONS, ns.name) });
  const counts: Record<string, number> = {};
  for (const item of list.items) {
    const phase = item.status?.phase ?? 'None';
    counts[phase] = (counts[phase] ?? 0) + 1;
  }
  return counts;
}
