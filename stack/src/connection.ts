import type {} from 'vitest';

/** How tests and tools reach a running stack; every field is a plain string so it crosses process boundaries. */
export interface StackConnection {
  /** Path of an admin (system:masters) kubeconfig; empty when the stack runs without Kubernetes. */
  kubeconfigPath: string;
  /** https URL of kube-apiserver; empty without Kubernetes. */
  apiServerUrl: string;
  /** nats:// URL of a JetStream-enabled server; empty without NATS. */
  natsUrl: string;
  /** redis:// URL; empty without Redis. */
  redisUrl: string;
}

/** The key under which the integration global setup provides the connection: `inject(STACK_KEY)`. */
export const STACK_KEY = 'budflowStack';

declare module 'vitest' {
  export interface ProvidedContext {
    budflowStack: StackConnection;
  }
}

/** The environment variables that name a stack, as written to `.stack/env` and set by the global setup. */
export function connectionEnv(connection: StackConnection): Record<string, string> {
  return {
    KUBECONFIG: connection.kubeconfigPath,
    NATS_URL: connection.natsUrl,
    REDIS_URL: connection.redisUrl,
  };
}
