// Cluster mode, loaded on first use: it pulls in the Kubernetes client and the operator's informer, which local
// mode (`budflow serve`) and the app's users do not need.
import type { ClusterGatewayConfig, ClusterGatewayHandle } from './run-cluster-gateway.js';

export type { ClusterGatewayConfig, ClusterGatewayHandle } from './run-cluster-gateway.js';

/** Starts the cluster gateway (see run-cluster-gateway.ts); `close()` stops it. */
export async function startClusterGateway(config: ClusterGatewayConfig): Promise<ClusterGatewayHandle> {
  const cluster = await import('./run-cluster-gateway.js');
  return cluster.startClusterGateway(config);
}

/** Runs the cluster gateway until `signal` aborts. */
export async function runClusterGateway(
  config: ClusterGatewayConfig,
  signal: AbortSignal,
  onListening?: (handle: ClusterGatewayHandle) => void,
): Promise<void> {
  const cluster = await import('./run-cluster-gateway.js');
  return cluster.runClusterGateway(config, signal, onListening);
}
