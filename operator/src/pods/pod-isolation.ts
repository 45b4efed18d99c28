import type { KubeConfig } from '@kubernetes/client-node';
import type { JetStreamClient } from '@nats-io/jetstream';
import type { Execution, WorkflowSettings } from '@budflow/runtime';
import type { KubeJsonClient } from '../kube/index.js';
import type { StepDispatcher, StepResultMessage } from '../nats/contracts.js';
import type { Logger } from '../observability/logger.js';
import type { StepPodOptions } from './build-step-pod.js';
import { PodFailureWatcher } from './pod-failure-watcher.js';
import { PodStepDispatcher } from './pod-step-dispatcher.js';
import { releaseStepPool } from './release-step-pool.js';

export interface PodIsolationDeps {
  kubeConfig: KubeConfig;
  client: KubeJsonClient;
  js: JetStreamClient;
  natsUrl: string;
  prefix: string;
  /** Watch step Pods of this namespace only, like the operator (default: all) */
  namespace?: string | undefined;
  /** The runner image of step Pods; without one, `pod` steps fail with a message saying so */
  image?: string | undefined;
  defaultResources?: StepPodOptions['defaultResources'];
  /** The JetStream dispatcher that publishes every job */
  inner: StepDispatcher;
  executionOf(executionId: string): Execution | undefined;
  settingsOf(executionId: string): WorkflowSettings | undefined;
  deliver(message: StepResultMessage): Promise<void>;
  logger: Logger;
}

/**
 * `pod` isolation for one leader term: the dispatcher that gives a pod step its own Pod, and the watcher that
 * turns Pods dying without a result into step failures and releases each ended Pod's NATS pool.
 */
export function createPodIsolation(deps: PodIsolationDeps): {
  dispatcher: StepDispatcher;
  watcher: PodFailureWatcher;
} {
  const { logger } = deps;
  const dispatcher = new PodStepDispatcher({
    inner: deps.inner,
    client: deps.client,
    executionOf: deps.executionOf,
    settingsOf: deps.settingsOf,
    deliver: deps.deliver,
    options: {
      image: deps.image,
      natsUrl: deps.natsUrl,
      prefix: deps.prefix,
      ...(deps.defaultResources ? { defaultResources: deps.defaultResources } : {}),
    },
  });
  const watcher = PodFailureWatcher.create(deps.kubeConfig, deps.client, deps.namespace, {
    deliver: async (message) => {
      if (!message.result.ok) {
        logger.info(
          {
            execution: message.executionId,
            node: message.result.error.node,
            step: message.stepId,
            err: message.result.error.message,
          },
          'step Pod failed',
        );
      }
      await deps.deliver(message);
    },
    onEnded: async (_pod, step) =>
      releaseStepPool(await deps.js.jetstreamManager(), deps.prefix, step.stepId),
    onError: (error, pod) => logger.warn({ err: error, pod: pod?.metadata?.name }, 'step Pods'),
  });
  return { dispatcher, watcher };
}
