import type { KubeConfig, V1Pod } from '@kubernetes/client-node';
import { PODS, ResourceInformer, systemClock } from '../kube/index.js';
import type { Clock, KubeJsonClient, TimerHandle } from '../kube/index.js';
import type { StepResultMessage } from '../nats/contracts.js';
import { RUNNER_LABEL } from './build-step-pod.js';
import {
  deletedStepPodFailure,
  imagePullDeadline,
  isTerminal,
  stepOfPod,
  stepPodFailure,
} from './step-pod-failure.js';
import type { StepOfPod, StepPodFailureOptions } from './step-pod-failure.js';

/** Step Pods only: the warm pool's runner Pods carry the same name label, but not the step component. */
export const STEP_POD_SELECTOR = `${RUNNER_LABEL}=budflow-runner,app.kubernetes.io/component=step`;

export interface PodFailureWatcherOptions extends StepPodFailureOptions {
  /** Hands a step failure to the engine (ExecutionHost.deliverResult); a result that came first over NATS wins */
  deliver(message: StepResultMessage): Promise<void>;
  /** Once per step Pod that ended or was deleted: release what its step holds elsewhere (its NATS pool) */
  onEnded?(pod: V1Pod, step: StepOfPod): Promise<void>;
  clock?: Clock;
  /** Pause before a failed delivery is tried again (default 5 s) */
  retryDelayMs?: number;
  onError?(error: unknown, pod?: V1Pod): void;
}

interface Tracked {
  delivered: boolean;
  ended: boolean;
  timer?: TimerHandle;
}

/**
 * Turns terminal failures of step Pods (OOMKilled, image pulls that keep failing, eviction, deadline, any other
 * failure, deletion before the end) into failed step results: a runner that dies this way never reports. Each
 * Pod's failure is delivered once per leader; a new leader delivers again, which the engine ignores for a step
 * that already has its result.
 */
export class PodFailureWatcher {
  private readonly clock: Clock;
  private readonly tracked = new Map<string, Tracked>();
  private stopped = false;

  constructor(
    private readonly pods: ResourceInformer<V1Pod>,
    private readonly options: PodFailureWatcherOptions,
  ) {
    this.clock = options.clock ?? systemClock;
    pods.on('add', (pod) => this.observe(pod));
    pods.on('update', (pod) => this.observe(pod));
    pods.on('delete', (pod) => this.deleted(pod));
  }

  /** A watcher of the step Pods in `namespace` (all namespaces when undefined). */
  static create(
    kc: KubeConfig,
    client: KubeJsonClient,
    namespace: string | undefined,
    options: PodFailureWatcherOptions,
  ): PodFailureWatcher {
    const scope = { ...(namespace ? { namespace } : {}), labelSelector: STEP_POD_SELECTOR };
    const informer = ResourceInformer.create<V1Pod>(kc, PODS, scope, {
      client,
      onError: (error) => options.onError?.(error),
    });
    return new PodFailureWatcher(informer, options);
  }

  get hasSynced(): Promise<void> {
    return this.pods.hasSynced;
  }

  start(): void {
    this.pods.start();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const tracked of this.tracked.values()) this.clearTimer(tracked);
    this.tracked.clear();
    await this.pods.stop();
  }

  private observe(pod: V1Pod): void {
    const uid = pod.metadata?.uid;
    const step = stepOfPod(pod);
    if (this.stopped || !uid || !step) return;
    let tracked = this.tracked.get(uid);
    if (!tracked) this.tracked.set(uid, (tracked = { delivered: false, ended: false }));
    if (!tracked.delivered) {
      const failure = stepPodFailure(pod, this.clock.now(), this.options);
      if (failure) void this.deliver(pod, failure, tracked);
      // A failing pull fails the step once it persisted: look again then, the Pod may not change meanwhile.
      else this.recheck(pod, tracked, imagePullDeadline(pod, this.options));
    }
    if (!tracked.ended && isTerminal(pod)) {
      tracked.ended = true;
      void this.end(pod, step);
    }
  }

  private deleted(pod: V1Pod): void {
    const uid = pod.metadata?.uid;
    const step = stepOfPod(pod);
    if (this.stopped || !uid || !step) return;
    const tracked = this.tracked.get(uid);
    this.tracked.delete(uid);
    if (tracked) this.clearTimer(tracked);
    const failure = tracked?.delivered ? undefined : deletedStepPodFailure(pod);
    if (failure) void this.deliver(pod, failure, { delivered: false, ended: true });
    if (!tracked?.ended) void this.end(pod, step);
  }

  private async deliver(pod: V1Pod, failure: StepResultMessage, tracked: Tracked): Promise<void> {
    tracked.delivered = true;
    this.clearTimer(tracked);
    try {
      await this.options.deliver(failure);
    } catch (error) {
      this.options.onError?.(error, pod);
      tracked.delivered = false;
      this.recheck(pod, tracked, this.clock.now() + (this.options.retryDelayMs ?? 5_000));
    }
  }

  private async end(pod: V1Pod, step: StepOfPod): Promise<void> {
    try {
      await this.options.onEnded?.(pod, step);
    } catch (error) {
      this.options.onError?.(error, pod);
    }
  }

  /** Observes the Pod again at `at`, as the cache then has it. */
  private recheck(pod: V1Pod, tracked: Tracked, at: number | undefined): void {
    if (at === undefined || tracked.timer !== undefined || this.stopped) return;
    tracked.timer = this.clock.setTimeout(
      () => {
        tracked.timer = undefined;
        const current = this.pods.get(pod.metadata?.namespace, pod.metadata!.name!);
        if (current && current.metadata?.uid === pod.metadata?.uid) this.observe(current);
      },
      Math.max(0, at - this.clock.now()),
    );
  }

  private clearTimer(tracked: Tracked): void {
    if (tracked.timer !== undefined) this.clock.clearTimeout(tracked.timer);
    tracked.timer = undefined;
  }
}
