import { join } from 'node:path';
import type { Pki } from './certificates.js';
import { httpGet } from './probe.js';
import type { ServerProcess } from './server-process.js';
import { startServer } from './start-server.js';

/**
 * Only the controllers an operator's tests lean on: garbage collection of owned objects, namespace deletion,
 * and the default service account with its token in every namespace.
 */
export const CONTROLLERS = [
  'garbage-collector-controller',
  'namespace-controller',
  'serviceaccount-controller',
  'serviceaccount-token-controller',
];

export async function startKubeControllerManager(
  binary: string,
  dir: string,
  kubeconfigPath: string,
  pki: Pki,
  timeoutMs = 60_000,
): Promise<ServerProcess> {
  const { server } = await startServer(1, timeoutMs, ([port]) => ({
    spec: {
      name: 'kube-controller-manager',
      command: binary,
      logFile: join(dir, 'kube-controller-manager.log'),
      args: [
        `--kubeconfig=${kubeconfigPath}`,
        `--authentication-kubeconfig=${kubeconfigPath}`,
        `--authorization-kubeconfig=${kubeconfigPath}`,
        '--bind-address=127.0.0.1',
        `--secure-port=${port}`,
        `--cert-dir=${join(dir, 'controller-manager-certs')}`,
        '--leader-elect=false',
        `--controllers=${CONTROLLERS.join(',')}`,
        `--service-account-private-key-file=${pki.serviceAccountKey}`,
        `--root-ca-file=${pki.caCert}`,
        '--use-service-account-credentials=false',
        '--profiling=false',
      ],
    },
    // Its self-signed serving certificate is not ours to trust; /healthz needs no credentials.
    ready: async () =>
      (await httpGet(`https://127.0.0.1:${port}/healthz`, { rejectUnauthorized: false })).status === 200,
  }));
  return server;
}
