import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Pki } from './certificates.js';
import { httpGet } from './probe.js';
import type { ServerProcess } from './server-process.js';
import { startServer } from './start-server.js';

export interface KubeApiserver {
  server: ServerProcess;
  url: string;
}

/** The service CIDR of every stack; no Service IP is ever routed here. */
export const SERVICE_CLUSTER_IP_RANGE = '10.0.0.0/24';

/**
 * kube-apiserver with envtest's shape: TLS with our CA, client certificates, RBAC, service-account keys and a
 * service CIDR; the ServiceAccount admission plugin is off because no token controller may be running.
 */
export async function startKubeApiserver(
  binary: string,
  dir: string,
  etcdUrl: string,
  pki: Pki,
  timeoutMs = 120_000,
): Promise<KubeApiserver> {
  const tls = {
    ca: readFileSync(pki.caCert),
    cert: readFileSync(pki.adminCert),
    key: readFileSync(pki.adminKey),
  };
  const { server, ports } = await startServer(1, timeoutMs, ([port]) => {
    const url = `https://127.0.0.1:${port}`;
    return {
      spec: {
        name: 'kube-apiserver',
        command: binary,
        logFile: join(dir, 'kube-apiserver.log'),
        args: [
          `--etcd-servers=${etcdUrl}`,
          '--bind-address=127.0.0.1',
          '--advertise-address=127.0.0.1',
          // The lease reconciler refuses loopback addresses, and nothing here routes to the `kubernetes` Service.
          '--endpoint-reconciler-type=none',
          `--secure-port=${port}`,
          `--cert-dir=${join(dir, 'apiserver-certs')}`,
          `--tls-cert-file=${pki.servingCert}`,
          `--tls-private-key-file=${pki.servingKey}`,
          `--client-ca-file=${pki.caCert}`,
          '--authorization-mode=RBAC',
          `--service-cluster-ip-range=${SERVICE_CLUSTER_IP_RANGE}`,
          `--service-account-issuer=${url}`,
          `--service-account-key-file=${pki.serviceAccountPublicKey}`,
          `--service-account-signing-key-file=${pki.serviceAccountKey}`,
          '--disable-admission-plugins=ServiceAccount',
          '--allow-privileged=true',
          '--profiling=false',
        ],
      },
      ready: async () => (await httpGet(`${url}/readyz`, tls)).status === 200,
    };
  });
  return { server, url: `https://127.0.0.1:${ports[0]}` };
}
