import { createHash } from 'node:crypto';
import type { V1Pod } from '@kubernetes/client-node';
import type { Execution, StepJob } from '@budflow/runtime';

export const RUNNER_LABEL = 'app.kubernetes.io/name';
export const STEP_ID_ANNOTATION = 'budflow.io/step-id';
export const EXECUTION_LABEL = 'budflow.io/execution';

export interface StepPodOptions {
  image: string;
  natsUrl: string;
  prefix: string;
  /** Default limits when neither node nor workflow sets them */
  defaultResources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  /** Default wall-clock limit of a step, seconds */
  defaultTimeoutSeconds?: number;
  imagePullPolicy?: string;
  /** uid and gid the runner runs as (non-root) */
  runAsUser?: number;
}

/** The deterministic Pod name of a step: the same step id always gets the same name (creates are idempotent). */
export function stepPodName(execution: string, stepId: string): string {
  const hash = createHash('sha256').update(stepId).digest('hex').slice(0, 12);
  const base = execution.toLowerCase().replace(/[^a-z0-9-]/g, '-').slice(0, 63 - hash.length - 6).replace(/-+$/, '');
  return `${base}-step-${hash}`;
}

/** The runner pool (work-queue subject) a `pod`-isolated step is dispatched to: its own. */
export function stepPodPool(stepId: string): string {
  return `pod-${createHash('sha256').update(stepId).digest('hex').slice(0, 16)}`;
}

/**
 * A Pod that runs exactly one step under the restricted Pod Security profile: non-root, read-only root file
 * system, all capabilities dropped, seccomp RuntimeDefault, no privilege escalation, no service-account token,
 * the node's resources as requests and limits, the step timeout as activeDeadlineSeconds, owned by its Execution.
 * Pure: the same inputs give the same Pod.
 */
export function buildStepPod(job: StepJob, execution: Execution, options: StepPodOptions): V1Pod {
  const namespace = execution.metadata.namespace ?? 'default';
  const resources = job.node.resources ?? options.defaultResources ?? { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '1', memory: '512Mi' } };
  const limits = { ...(resources.limits ?? {}), ...(job.limits ?? {}) };
  const uid = options.runAsUser ?? 65532;
  const ephemeral = limits['ephemeral-storage'];
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: stepPodName(execution.metadata.name, job.stepId),
      namespace,
      labels: {
        [RUNNER_LABEL]: 'budflow-runner',
        'app.kubernetes.io/component': 'step',
        'app.kubernetes.io/managed-by': 'budflow-operator',
        [EXECUTION_LABEL]: execution.metadata.name,
      },
      annotations: { [STEP_ID_ANNOTATION]: job.stepId, 'budflow.io/node': job.node.name },
      ownerReferences: [
        {
          apiVersion: execution.apiVersion,
          kind: 'Execution',
          name: execution.metadata.name,
          uid: execution.metadata.uid as string,
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: {
      restartPolicy: 'Never',
      automountServiceAccountToken: false,
      enableServiceLinks: false,
      activeDeadlineSeconds: job.node.timeoutSeconds ?? options.defaultTimeoutSeconds ?? 300,
      securityContext: {
        runAsNonRoot: true,
        runAsUser: uid,
        runAsGroup: uid,
        fsGroup: uid,
        seccompProfile: { type: 'RuntimeDefault' },
      },
      containers: [
        {
          name: 'runner',
          image: options.image,
          ...(options.imagePullPolicy ? { imagePullPolicy: options.imagePullPolicy } : {}),
          args: ['runner', '--nats', options.natsUrl, '--prefix', options.prefix, '--pool', stepPodPool(job.stepId), '--one-job'],
          env: [{ name: 'TZ', value: job.timezone }],
          resources: {
            ...(resources.requests ? { requests: resources.requests } : {}),
            ...(Object.keys(limits).length ? { limits } : {}),
          },
          securityContext: {
            allowPrivilegeEscalation: false,
            readOnlyRootFilesystem: true,
            runAsNonRoot: true,
            runAsUser: uid,
            capabilities: { drop: ['ALL'] },
            seccompProfile: { type: 'RuntimeDefault' },
          },
          volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
        },
      ],
      volumes: [{ name: 'tmp', emptyDir: { sizeLimit: ephemeral ?? '64Mi' } }],
    },
  };
}
