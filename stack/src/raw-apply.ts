import { request, type RequestOptions } from 'node:https';
import type { KubeConfig, KubernetesObject } from '@kubernetes/client-node';

// Server-side apply of manifests exactly as written. client-node's typed (de)serializers drop every field their
// models do not know, so a CRD using a newer schema feature would be installed silently without it.

const FIELD_MANAGER = 'budflow-stack';

interface ApiResourceList {
  resources: { name: string; kind: string; namespaced: boolean }[];
}

/**
 * Server-side applies one object (forcing conflicts) and returns the object the server stored; with `dryRun`,
 * the apiserver validates and admits it (schema, defaults, RBAC escalation checks) and stores nothing.
 */
export async function serverSideApply(
  kc: KubeConfig,
  object: KubernetesObject,
  options: { dryRun?: boolean } = {},
): Promise<KubernetesObject> {
  const { apiVersion = '', kind = '', metadata = {} } = object;
  const base = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
  const list = (await send(kc, 'GET', base)) as ApiResourceList;
  const resource = list.resources.find(
    (candidate) => candidate.kind === kind && !candidate.name.includes('/'),
  );
  if (!resource) throw new Error(`the apiserver serves no ${kind} in ${apiVersion}`);
  const namespace = resource.namespaced ? `/namespaces/${metadata.namespace ?? 'default'}` : '';
  const path = `${base}${namespace}/${resource.name}/${metadata.name}?fieldManager=${FIELD_MANAGER}&force=true${options.dryRun ? '&dryRun=All' : ''}`;
  return (await send(kc, 'PATCH', path, object)) as KubernetesObject;
}

async function send(kc: KubeConfig, method: string, path: string, body?: unknown): Promise<unknown> {
  const server = kc.getCurrentCluster()?.server;
  if (!server) throw new Error('kubeconfig has no current cluster');
  const options: RequestOptions = { method, headers: { accept: 'application/json' } };
  await kc.applyToHTTPSOptions(options);
  if (body !== undefined)
    options.headers = { ...options.headers, 'content-type': 'application/apply-patch+yaml' };
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, server), options, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => {
        if ((res.statusCode ?? 0) >= 300) {
          reject(new Error(`${method} ${path}: ${res.statusCode} ${extractMessage(text)}`));
          return;
        }
        resolve(JSON.parse(text));
      });
    });
    req.once('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

function extractMessage(text: string): string {
  try {
    return (JSON.parse(text) as { message?: string }).message ?? text;
  } catch {
    return text;
  }
}
