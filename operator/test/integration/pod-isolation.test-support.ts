import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { KubeConfig, V1Pod } from '@kubernetes/client-node';
import { repoRoot } from '@budflow/stack';
import { collectionPath, createKubeJsonClient, objectPath, PODS } from '../../src/kube/index.js';
import type { KubeJsonClient } from '../../src/kube/index.js';
import { createLogger, runOperator } from '../../src/index.js';
import type { StepPodOptions } from '../../src/index.js';
import { registry } from './operator.test-support.js';

/** An operator replica in this process that runs `pod` steps in Pods of `podImage`. */
export function startPodOperator(
  kc: KubeConfig,
  natsUrl: string,
  prefix: string,
  namespace: string,
  podImage: string,
  podResources?: StepPodOptions['defaultResources'],
) {
  const controller = new AbortController();
  const done = runOperator(
    {
      kubeConfig: kc,
      natsUrl,
      prefix,
      namespace,
      identity: 'pod-op-1',
      lease: {
        namespace,
        name: 'budflow-operator',
        durationMs: 4000,
        renewDeadlineMs: 3000,
        retryPeriodMs: 500,
      },
      registry,
      logger: createLogger('warn'),
      concurrency: 4,
      podImage,
      ...(podResources ? { podResources } : {}),
    },
    controller.signal,
  );
  return {
    stop: async () => {
      controller.abort();
      await done;
    },
  };
}

/** What the fake kubelet does with a new Pod. */
export type PodBehaviour = (pod: V1Pod, kubelet: FakeKubelet) => Promise<void>;

/**
 * Plays the kubelet for one namespace (the stack has none, so Pods stay Pending): polls for new Pods, hands each
 * to `behaviour` once, and offers what a kubelet does: run the container's command as a local process, and
 * report the Pod's status through `/status`.
 */
export class FakeKubelet {
  readonly seen: V1Pod[] = [];
  readonly errors: unknown[] = [];
  private readonly client: KubeJsonClient;
  private readonly processes = new Set<ChildProcess>();
  private readonly timer: NodeJS.Timeout;
  private polling = false;

  constructor(
    kc: KubeConfig,
    private readonly namespace: string,
    private readonly behaviour: PodBehaviour,
  ) {
    this.client = createKubeJsonClient(kc);
    this.timer = setInterval(() => void this.poll(), 200);
  }

  /** Runs the runner container as `node cli/dist/main.js <args>` with the container's env; resolves with its exit code. */
  run(pod: V1Pod): Promise<{ code: number; stderr: string }> {
    const container = pod.spec!.containers[0]!;
    const env = Object.fromEntries((container.env ?? []).map((e) => [e.name, e.value ?? '']));
    const child = spawn(process.execPath, [join(repoRoot, 'cli/dist/main.js'), ...(container.args ?? [])], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    this.processes.add(child);
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    return new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.processes.delete(child);
        resolve({ code: code ?? (signal ? 128 : 1), stderr });
      });
    });
  }

  /** Reports the runner container running. */
  running(pod: V1Pod): Promise<V1Pod> {
    const now = new Date().toISOString();
    return this.patchStatus(pod, {
      phase: 'Running',
      startTime: now,
      containerStatuses: [this.containerStatus(pod, { running: { startedAt: now } }, true)],
    });
  }

  /** Reports the runner container terminated: Succeeded on exit code 0, else Failed. */
  terminated(pod: V1Pod, exitCode: number, reason = exitCode === 0 ? 'Completed' : 'Error'): Promise<V1Pod> {
    const now = new Date().toISOString();
    return this.patchStatus(pod, {
      phase: exitCode === 0 ? 'Succeeded' : 'Failed',
      containerStatuses: [
        this.containerStatus(
          pod,
          { terminated: { exitCode, reason, startedAt: now, finishedAt: now } },
          false,
        ),
      ],
    });
  }

  /** Stops polling and kills the runner processes still running. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    for (const child of this.processes) child.kill('SIGKILL');
  }

  private containerStatus(pod: V1Pod, state: object, ready: boolean) {
    const container = pod.spec!.containers[0]!;
    return {
      name: container.name,
      image: container.image,
      imageID: '',
      ready,
      started: ready,
      restartCount: 0,
      state,
    };
  }

  private patchStatus(pod: V1Pod, status: object): Promise<V1Pod> {
    return this.client.request<V1Pod>({
      method: 'PATCH',
      path: objectPath(PODS, this.namespace, pod.metadata!.name!, 'status'),
      contentType: 'application/merge-patch+json',
      body: { status },
    });
  }

  private async poll(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      const list = await this.client.request<{ items: V1Pod[] }>({
        method: 'GET',
        path: collectionPath(PODS, this.namespace),
      });
      for (const pod of list.items) {
        if (this.seen.some((p) => p.metadata!.uid === pod.metadata!.uid)) continue;
        this.seen.push(pod);
        this.behaviour(pod, this).catch((error: unknown) => this.errors.push(error));
      }
    } catch (error) {
      this.errors.push(error);
    } finally {
      this.polling = false;
    }
  }
}
