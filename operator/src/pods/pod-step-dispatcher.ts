import type { Execution, NodeSpec, StepJob, WorkflowSettings } from '@budflow/runtime';
import type { StepDispatcher, StepResultMessage } from '../nats/contracts.js';
import { AlreadyExistsError, collectionPath, PODS } from '../kube/index.js';
import type { KubeJsonClient } from '../kube/index.js';
import { buildStepPod, stepPodPool } from './build-step-pod.js';
import type { StepPodOptions } from './build-step-pod.js';

export type Isolation = NonNullable<NodeSpec['isolation']>;

/** The node's isolation, else the workflow's default, else `pool`. */
export function isolationOf(
  node: NodeSpec,
  settings: Pick<WorkflowSettings, 'isolation'> | undefined,
): Isolation {
  return node.isolation ?? settings?.isolation ?? 'pool';
}

export interface PodStepDispatcherDeps {
  /** Publishes jobs to runner pools (JetStream) */
  inner: StepDispatcher;
  client: KubeJsonClient;
  /** The Execution (the Pod's owner) of a running execution, by its uid */
  executionOf(executionId: string): Execution | undefined;
  /** The workflow settings the execution runs with (its snapshot): the default isolation and resources */
  settingsOf(executionId: string): WorkflowSettings | undefined;
  /** Reports a step's result without a runner: a pod step this operator cannot run */
  deliver(message: StepResultMessage): Promise<void>;
  /** Without an image, `pod` steps fail (they never fall back to a shared pool: they asked for isolation) */
  options: Omit<StepPodOptions, 'image'> & { image?: string | undefined };
}

/**
 * A StepDispatcher for `pod` isolation in front of the JetStream one: a pod step first gets its own Pod, which
 * runs `budflow runner --one-job` on the step's own pool, then its job goes to that pool; pool steps pass
 * straight through. The Pod's name is deterministic and an existing one is fine, so re-dispatching a step
 * (publish retry, a new leader replaying the log) never starts a second Pod.
 */
export class PodStepDispatcher implements StepDispatcher {
  constructor(private readonly deps: PodStepDispatcherDeps) {}

  async dispatch(job: StepJob, pool: string): Promise<void> {
    const settings = this.deps.settingsOf(job.executionId);
    if (isolationOf(job.node, settings) !== 'pod') return this.deps.inner.dispatch(job, pool);
    const { image, ...options } = this.deps.options;
    if (!image) return this.deps.deliver(noImage(job));
    const execution = this.deps.executionOf(job.executionId);
    // Thrown: the host dispatches the step again shortly (the informer may lag behind a new Execution).
    if (!execution)
      throw new Error(
        `execution ${job.executionId}: its Execution is not in the cache, so its step Pod has no owner yet`,
      );
    const defaultResources = settings?.resources ?? options.defaultResources;
    const pod = buildStepPod(job, execution, {
      ...options,
      image,
      ...(defaultResources ? { defaultResources } : {}),
    });
    await this.create(pod);
    await this.deps.inner.dispatch(job, stepPodPool(job.stepId));
  }

  private async create(pod: ReturnType<typeof buildStepPod>): Promise<void> {
    try {
      await this.deps.client.request({
        method: 'POST',
        path: collectionPath(PODS, pod.metadata!.namespace),
        body: pod,
      });
    } catch (error) {
      if (!(error instanceof AlreadyExistsError)) throw error;
    }
  }
}

function noImage(job: StepJob): StepResultMessage {
  return {
    executionId: job.executionId,
    stepId: job.stepId,
    result: {
      ok: false,
      error: {
        name: 'RunnerError',
        reason: 'crash',
        node: job.node.name,
        message: `node '${job.node.name}' asks for isolation 'pod', but the operator has no runner image (budflow operator --runner-image)`,
      },
    },
  };
}
