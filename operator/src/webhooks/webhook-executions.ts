import { AckPolicy, DeliverPolicy } from '@nats-io/jetstream';
import type { JetStreamClient } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { DataStore, Execution, ExecutionState } from '@budflow/runtime';
import { AlreadyExistsError, collectionPath, EXECUTIONS } from '../kube/index.js';
import type { KubeJsonClient } from '../kube/index.js';
import { EXECUTION_FINALIZER } from '../execution/execution-reconciler.js';
import type { Logger } from '../observability/logger.js';
import {
  ensureWebhookOutcomeStream,
  ensureTriggerStream,
  parseWebhookTrigger,
  publishWebhookOutcome,
  webhookWireNames,
} from '@budflow/runner';
import type { WebhookOutcomeMessage, WebhookTriggerMessage } from '@budflow/runner';

/** Label of Executions started by a webhook: the gateway's execution id (derived from the delivery id). */
export const WEBHOOK_EXECUTION_LABEL = 'budflow.io/webhook-execution-id';
/** Label naming what started the Execution. */
export const TRIGGER_TYPE_LABEL = 'budflow.io/trigger-type';
/** Annotation with the full delivery id (Nats-Msg-Id; may be longer than a label value). */
export const WEBHOOK_DELIVERY_ANNOTATION = 'budflow.io/webhook-delivery-id';
/** Annotation of Executions whose sender named the delivery: their outcomes are kept for its retries. */
export const WEBHOOK_KEYED_ANNOTATION = 'budflow.io/webhook-keyed';
/** The node-context key Respond to Webhook writes its answer under (nodes/src/respond-to-webhook/webhook-response.ts). */
const WEBHOOK_RESPONSE_KEY = 'webhookResponse';

/** The Execution name of a delivery: the same for every redelivery of the message. */
export function webhookExecutionName(executionId: string): string {
  const safe = executionId.toLowerCase().replace(/[^a-z0-9-]/g, '-');
  return `wh-${safe}`.slice(0, 63).replace(/-+$/, '');
}

/**
 * The Execution custom resource a webhook trigger becomes (pure). Items that travelled by reference stay in the
 * data store (`spec.trigger.dataRef`): a 16 MiB body would not fit in an etcd object (1.5 MiB by default).
 */
export function webhookExecution(trigger: WebhookTriggerMessage, ttlSecondsAfterFinished?: number): Execution {
  const labelValue = /^[A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?$/.test(trigger.executionId)
    ? trigger.executionId
    : webhookExecutionName(trigger.executionId).slice(3);
  return {
    apiVersion: 'budflow.io/v1alpha1',
    kind: 'Execution',
    metadata: {
      name: webhookExecutionName(trigger.executionId),
      namespace: trigger.namespace,
      // Created with the finalizer the reconciler would add: one apiserver write less per webhook call.
      finalizers: [EXECUTION_FINALIZER],
      labels: {
        [TRIGGER_TYPE_LABEL]: 'webhook',
        [WEBHOOK_EXECUTION_LABEL]: labelValue,
        'budflow.io/workflow': trigger.workflow,
      },
      annotations: {
        [WEBHOOK_DELIVERY_ANNOTATION]: trigger.deliveryId,
        'budflow.io/webhook-execution-id': trigger.executionId,
        'budflow.io/webhook-response-mode': trigger.responseMode,
        ...(trigger.keyed ? { [WEBHOOK_KEYED_ANNOTATION]: 'true' } : {}),
      },
    },
    spec: {
      workflowRef: { name: trigger.workflow },
      mode: trigger.mode,
      ...(ttlSecondsAfterFinished !== undefined ? { ttlSecondsAfterFinished } : {}),
      trigger: {
        type: 'webhook',
        node: trigger.node,
        ...(trigger.itemsRef
          ? { dataRef: trigger.itemsRef }
          : { items: trigger.items as unknown as Array<Record<string, unknown>> }),
      },
    },
  } as Execution;
}

/** The gateway's execution id of an Execution a webhook started, else undefined. */
export function webhookExecutionIdOf(execution: Execution | undefined): string | undefined {
  if (!execution || execution.spec.trigger?.type !== 'webhook') return undefined;
  const annotations = (execution.metadata as { annotations?: Record<string, string> }).annotations ?? {};
  return (
    annotations['budflow.io/webhook-execution-id'] ?? execution.metadata.labels?.[WEBHOOK_EXECUTION_LABEL]
  );
}

export interface WebhookExecutionsOptions {
  nc: NatsConnection;
  js: JetStreamClient;
  prefix: string;
  store: DataStore;
  client: KubeJsonClient;
  logger: Logger;
  /** Durable consumer name (default `operator-webhooks`) */
  durable?: string;
  /** How long a trigger may take to become an Execution before it is redelivered (default 30 s) */
  ackWaitMs?: number;
  /** Triggers turned into Executions at once (default 16): each is one create on the apiserver */
  concurrency?: number;
  /**
   * How long a webhook's Execution is kept after it ends (its workflow's settings.ttlSecondsAfterFinished, else
   * the operator's default); undefined keeps it. Webhook traffic would otherwise pile Executions up in etcd.
   */
  ttlSecondsFor?: (namespace: string, workflow: string) => number | undefined;
}

/**
 * The operator's half of the webhook gateway: turns each trigger message into an Execution (at least once; the
 * deterministic name makes a redelivery create nothing), and tells the waiting gateway replica how an Execution
 * a webhook started answered (`responded`) and ended (`finished`).
 */
export class WebhookExecutions {
  /** Outcomes already published, per execution uid */
  private readonly published = new Map<string, { responded?: boolean; finished?: string }>();

  constructor(private readonly options: WebhookExecutionsOptions) {}

  /** Consumes the trigger stream until `signal` aborts; a failed trigger is redelivered after a pause. */
  async consume(signal: AbortSignal): Promise<void> {
    const { js, prefix, logger } = this.options;
    const names = webhookWireNames(prefix);
    const durable = this.options.durable ?? 'operator-webhooks';
    while (!signal.aborted) {
      try {
        const jsm = await js.jetstreamManager();
        await ensureTriggerStream(jsm, prefix, { updateExisting: false });
        await ensureWebhookOutcomeStream(jsm, prefix);
        try {
          await jsm.consumers.info(names.stream, durable);
        } catch {
          await jsm.consumers.add(names.stream, {
            durable_name: durable,
            ack_policy: AckPolicy.Explicit,
            deliver_policy: DeliverPolicy.All,
            filter_subject: names.webhookSubjects,
            ack_wait: (this.options.ackWaitMs ?? 30_000) * 1_000_000,
            max_deliver: -1,
          });
        }
        const consumer = await js.consumers.get(names.stream, durable);
        const messages = await consumer.consume({ max_messages: 64 });
        const stop = () => void messages.close();
        if (signal.aborted) {
          stop();
          return;
        }
        signal.addEventListener('abort', stop, { once: true });
        // Creates run side by side (one at a time capped the gateway at the apiserver's latency per call).
        const limit = Math.max(1, this.options.concurrency ?? 16);
        const inFlight = new Set<Promise<void>>();
        try {
          for await (const message of messages) {
            let trigger: WebhookTriggerMessage;
            try {
              trigger = parseWebhookTrigger(message.data);
            } catch (error) {
              // Not a trigger this operator can read: redelivering it would never help.
              logger.error({ err: error, seq: message.seq }, 'webhook trigger: unreadable message dropped');
              message.term();
              continue;
            }
            const task = this.createExecution(trigger).then(
              () => message.ack(),
              (error: unknown) => {
                logger.warn({ err: error }, 'webhook trigger: execution not created; redelivered');
                message.nak(1000);
              },
            );
            inFlight.add(task);
            void task.finally(() => inFlight.delete(task));
            if (inFlight.size >= limit) await Promise.race(inFlight);
          }
        } finally {
          await Promise.all(inFlight);
          signal.removeEventListener('abort', stop);
        }
      } catch (error) {
        if (signal.aborted) return;
        logger.warn({ err: error }, 'webhook trigger consumer failed; restarting');
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
  }

  /** Creates the Execution of a trigger; one that exists already (a redelivery) is success. */
  async createExecution(trigger: WebhookTriggerMessage): Promise<void> {
    const execution = webhookExecution(trigger, this.options.ttlSecondsFor?.(trigger.namespace, trigger.workflow));
    try {
      await this.options.client.request({
        method: 'POST',
        path: collectionPath(EXECUTIONS, trigger.namespace),
        body: execution,
      });
    } catch (error) {
      if (!(error instanceof AlreadyExistsError)) throw error;
    }
  }

  /**
   * Called on every change of an execution's state (ExecutionHost onChange) with its Execution, if known:
   * publishes the Respond to Webhook answer once and the end once, for executions a webhook started.
   */
  observe(uid: string, state: ExecutionState, execution: Execution | undefined): void {
    const executionId = webhookExecutionIdOf(execution);
    if (executionId === undefined) return;
    const seen = this.published.get(uid) ?? {};
    const keyed =
      (execution?.metadata as { annotations?: Record<string, string> } | undefined)?.annotations?.[
        WEBHOOK_KEYED_ANNOTATION
      ] === 'true';
    const send = (outcome: WebhookOutcomeMessage) => {
      publishWebhookOutcome(this.options.nc, this.options.prefix, executionId, outcome);
      if (!keyed) return;
      const subject = webhookWireNames(this.options.prefix).outcomeSubject(executionId, outcome.type);
      this.options.js
        .publish(subject, JSON.stringify(outcome))
        .catch((error: unknown) =>
          this.options.logger.warn({ err: error, execution: uid }, 'webhook outcome not kept'),
        );
    };
    if (!seen.responded) {
      const response = Object.values(state.nodeContext).find(
        (context) => context[WEBHOOK_RESPONSE_KEY] !== undefined,
      )?.[WEBHOOK_RESPONSE_KEY];
      if (response !== undefined) {
        seen.responded = true;
        send({ type: 'responded', response });
      }
    }
    const status = state.status;
    if (
      (status === 'success' || status === 'error' || status === 'canceled' || status === 'waiting') &&
      seen.finished !== status
    ) {
      seen.finished = status;
      const lastNode = state.lastNodeExecuted;
      const items = lastNode ? (state.runData[lastNode]?.at(-1)?.data?.main[0] ?? []) : [];
      send({
        type: 'finished',
        status,
        items,
        ...(lastNode ? { lastNode } : {}),
        ...(state.error ? { error: state.error.message } : {}),
      });
    }
    if (status === 'success' || status === 'error' || status === 'canceled') this.published.delete(uid);
    else this.published.set(uid, seen);
  }
}
