import { readFileSync, writeFileSync } from 'node:fs';
import type { Pki } from './certificates.js';

export const CONTEXT = 'budflow-stack';

/**
 * Writes a self-contained kubeconfig (certificates inlined) for the admin identity. JSON is YAML, so kubectl and
 * @kubernetes/client-node read it as it is.
 */
export function writeKubeconfig(path: string, serverUrl: string, pki: Pki): void {
  const b64 = (file: string) => readFileSync(file).toString('base64');
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      { name: CONTEXT, cluster: { server: serverUrl, 'certificate-authority-data': b64(pki.caCert) } },
    ],
    users: [
      {
        name: 'budflow-admin',
        user: { 'client-certificate-data': b64(pki.adminCert), 'client-key-data': b64(pki.adminKey) },
      },
    ],
    contexts: [{ name: CONTEXT, context: { cluster: CONTEXT, user: 'budflow-admin' } }],
    'current-context': CONTEXT,
  };
  writeFileSync(path, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
}
