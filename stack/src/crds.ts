import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ApiextensionsV1Api,
  type KubeConfig,
  type KubernetesObject,
  type V1CustomResourceDefinition,
} from '@kubernetes/client-node';
import { parseAllDocuments } from 'yaml';
import { waitUntil } from './probe.js';
import { serverSideApply } from './raw-apply.js';

/** Every document of every `*.yaml`/`*.yml` file in `dir`, in file-name order; a missing or empty folder gives none. */
export function readManifests(dir: string): KubernetesObject[] {
  let files: string[];
  try {
    files = readdirSync(dir)
      .filter((file) => /\.ya?ml$/.test(file))
      .sort();
  } catch {
    return [];
  }
  return files.flatMap((file) =>
    (
      parseAllDocuments(readFileSync(join(dir, file), 'utf8')).map((doc) =>
        doc.toJS(),
      ) as (KubernetesObject | null)[]
    ).filter((doc): doc is KubernetesObject => !!doc?.kind),
  );
}

/** Server-side applies `objects` as written (not through client-node's models), then waits until every CustomResourceDefinition among them is Established. */
export async function applyAndWait(
  kc: KubeConfig,
  objects: readonly KubernetesObject[],
  timeoutMs = 60_000,
): Promise<void> {
  for (const object of objects) await serverSideApply(kc, object);
  const crds = objects
    .filter((object) => object.kind === 'CustomResourceDefinition')
    .map((crd) => crd.metadata?.name ?? '');
  await waitForCrdsEstablished(kc, crds, timeoutMs);
}

/** Resolves once each named CRD has the condition Established=True, so its resources can be created. */
export async function waitForCrdsEstablished(
  kc: KubeConfig,
  names: readonly string[],
  timeoutMs = 60_000,
): Promise<void> {
  const api = kc.makeApiClient(ApiextensionsV1Api);
  await Promise.all(
    names.map((name) =>
      waitUntil(
        `CRD ${name} Established`,
        async () => isEstablished(await api.readCustomResourceDefinition({ name })),
        timeoutMs,
      ),
    ),
  );
}

function isEstablished(crd: V1CustomResourceDefinition): boolean {
  return (
    crd.status?.conditions?.some(
      (condition) => condition.type === 'Established' && condition.status === 'True',
    ) ?? false
  );
}
