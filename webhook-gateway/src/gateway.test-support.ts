import type { FastifyInstance } from 'fastify';
import { MemoryDataStore } from '@budflow/runtime';
import type { Item, JsonObject, NodeSpec, Workflow } from '@budflow/runtime';
import { createNodeRegistry } from '@budflow/nodes';
import { buildApp } from './build-app.js';
import type { GatewayConfig } from './config.js';
import { GatewayMetrics } from './gateway-metrics.js';
import { MemoryReplayGuard } from './local/memory-replay-guard.js';
import { MemorySecretSource } from './local/memory-secret-source.js';
import type {
  PendingOutcome,
  ResponseWaiter,
  TriggerAccepted,
  TriggerSink,
  WebhookOutcome,
  WebhookTrigger,
} from './ports.js';
import { buildRouteTable } from './routes/build-route-table.js';

export const registry = createNodeRegistry();
export const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);

/** A Workflow with one Webhook node (v2) named `Webhook`, and `more` nodes after it. */
export function webhookWorkflow(
  name: string,
  parameters: JsonObject,
  extra: {
    namespace?: string;
    active?: boolean;
    credentials?: NodeSpec['credentials'];
    typeVersion?: number;
    more?: NodeSpec[];
  } = {},
): Workflow {
  return {
    apiVersion: 'budflow.io/v1alpha1',
    kind: 'Workflow',
    metadata: { name, ...(extra.namespace ? { namespace: extra.namespace } : {}) },
    spec: {
      active: extra.active ?? true,
      nodes: [
        {
          name: 'Webhook',
          type: 'webhook',
          typeVersion: extra.typeVersion ?? 2,
          parameters: { httpMethod: 'POST', ...parameters },
          ...(extra.credentials ? { credentials: extra.credentials } : {}),
        },
        ...(extra.more ?? []),
      ],
      connections: (extra.more ?? []).map((n, i, all) => ({
        from: i === 0 ? 'Webhook' : all[i - 1]!.name,
        output: 0,
        to: n.name,
        input: 0,
      })),
      settings: { executionOrder: 'v1' },
    },
  };
}

/**
 * A scripted intake: records every trigger; `outcomes` says what the execution reports (default: it finishes
 * with the trigger item). Keyed deliveries are deduplicated like the real sinks.
 */
export class FakeIntake implements TriggerSink, ResponseWaiter {
  readonly triggers: WebhookTrigger[] = [];
  isHealthy = true;
  failSubmit: Error | undefined;
  outcomes: (trigger: WebhookTrigger) => WebhookOutcome[] | 'never' = (t) => [
    { type: 'finished', status: 'success', lastNode: 'Webhook', items: t.items },
  ];
  private readonly seen = new Set<string>();
  private readonly waiters = new Map<string, (trigger: WebhookTrigger) => void>();
  private readonly delivered = new Map<string, WebhookTrigger>();

  healthy(): boolean {
    return this.isHealthy;
  }

  async submit(trigger: WebhookTrigger): Promise<TriggerAccepted> {
    if (this.failSubmit) throw this.failSubmit;
    if (trigger.keyed && this.seen.has(trigger.deliveryId))
      return { executionId: trigger.executionId, duplicate: true };
    this.seen.add(trigger.deliveryId);
    this.triggers.push(trigger);
    this.delivered.set(trigger.executionId, trigger);
    this.waiters.get(trigger.executionId)?.(trigger);
    return { executionId: trigger.executionId, duplicate: false };
  }

  expect(executionId: string, until: 'lastNode' | 'responseNode'): PendingOutcome {
    const outcome = new Promise<WebhookOutcome>((resolve) => {
      const settle = (trigger: WebhookTrigger) => {
        const outcomes = this.outcomes(trigger);
        if (outcomes === 'never') return;
        const wanted = outcomes.find((o) => until === 'responseNode' || o.type === 'finished');
        if (wanted) setImmediate(() => resolve(wanted));
      };
      const known = this.delivered.get(executionId);
      if (known) settle(known);
      else this.waiters.set(executionId, settle);
    });
    return { outcome, cancel: () => this.waiters.delete(executionId) };
  }
}

export interface TestApp {
  app: FastifyInstance;
  intake: FakeIntake;
  secrets: MemorySecretSource;
  metrics: GatewayMetrics;
  store: MemoryDataStore;
  clock: { now: () => number; set(ms: number): void };
}

/** buildApp over these workflows, with the scripted intake and in-memory adapters; closed by the caller. */
export async function testApp(
  workflows: Workflow[],
  options: {
    secrets?: Record<string, Record<string, string>>;
    config?: Partial<GatewayConfig>;
    alias?: boolean;
  } = {},
): Promise<TestApp> {
  const intake = new FakeIntake();
  const secrets = new MemorySecretSource();
  secrets.replace(new Map(Object.entries(options.secrets ?? {})));
  const metrics = new GatewayMetrics();
  const store = new MemoryDataStore();
  let now = NOW;
  const clock = { now: () => now, set: (ms: number) => void (now = ms) };
  const { table } = buildRouteTable(
    workflows,
    registry,
    options.alias === false ? {} : { aliasNamespace: 'default' },
  );
  let id = 0;
  const app = await buildApp({
    routes: () => table,
    sink: intake,
    responses: intake,
    secrets,
    replays: new MemoryReplayGuard(clock.now),
    store,
    metrics,
    clock,
    newId: () => `exec-${++id}`,
    ...(options.config ? { config: options.config } : {}),
  });
  return { app, intake, secrets, metrics, store, clock };
}

/** The trigger item's json of the last call. */
export function lastItem(intake: FakeIntake): Item {
  const trigger = intake.triggers.at(-1);
  if (!trigger) throw new Error('no trigger was submitted');
  return trigger.items[0]!;
}

/** A metric's value with these labels, from the text exposition. */
export async function metricValue(
  metrics: GatewayMetrics,
  name: string,
  labels: Record<string, string> = {},
): Promise<number> {
  const metric = await metrics.registry.getSingleMetric(name)?.get();
  const value = metric?.values.find((v) =>
    Object.entries(labels).every(([k, l]) => String(v.labels[k]) === l),
  );
  return value?.value ?? 0;
}
