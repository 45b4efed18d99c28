import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { formatProblem, parseManifests, validateWorkflow } from '@budflow/runtime';
import type { ManifestDocument, NodeTypeRegistry, Workflow } from '@budflow/runtime';

/** What `budflow serve` found in a directory. */
export interface LoadedDirectory {
  /** Valid workflows, in the order they win path conflicts (by namespace, then name) */
  workflows: Workflow[];
  /** Secret data by `namespace/name` (from `kind: Secret` manifests: `stringData`, or base64 `data`) */
  secrets: Map<string, Record<string, string>>;
  /** Every problem, as `file:line:col: path: message` */
  problems: string[];
  /** Manifest files read */
  files: string[];
}

const MANIFEST = /\.(ya?ml|json)$/i;

/**
 * Loads every Workflow and Secret manifest under `dir` (recursively; hidden folders and node_modules skipped).
 * A bad manifest is reported and skipped, the others are served. Files with no `apiVersion` anywhere (item
 * JSON beside the manifests) are not manifests and are ignored.
 */
export async function loadDirectory(dir: string, registry: NodeTypeRegistry): Promise<LoadedDirectory> {
  const result: LoadedDirectory = { workflows: [], secrets: new Map(), problems: [], files: [] };
  const seen = new Map<string, string>();
  for (const path of await manifestFiles(dir)) {
    const name = relative(process.cwd(), path) || path;
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      result.problems.push(`${name}: cannot read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
      continue;
    }
    const { documents, problems } = parseManifests(text);
    if (problems.length === 0 && !documents.some((d) => isObject(d.value) && 'apiVersion' in d.value))
      continue;
    result.files.push(name);
    for (const p of problems) result.problems.push(formatProblem(p, name));
    for (const doc of documents) loadDocument(doc, name, registry, result, seen);
  }
  result.workflows.sort((a, b) => keyOf(a).localeCompare(keyOf(b)));
  return result;
}

function loadDocument(
  doc: ManifestDocument,
  file: string,
  registry: NodeTypeRegistry,
  result: LoadedDirectory,
  seen: Map<string, string>,
): void {
  const value = doc.value;
  const kind = isObject(value) ? value.kind : undefined;
  if (kind === 'Secret') {
    const secret = secretOf(value as Record<string, unknown>);
    if (typeof secret === 'string')
      result.problems.push(formatProblem({ path: '', message: secret, ...doc.locate([]) }, file));
    else result.secrets.set(secret.key, secret.data);
    return;
  }
  if (kind !== undefined && kind !== 'Workflow') {
    result.problems.push(
      formatProblem(
        {
          path: 'kind',
          message: `kind '${String(kind)}' is not served (only Workflow and Secret)`,
          ...doc.locate(['kind']),
        },
        file,
      ),
    );
    return;
  }
  const validation = validateWorkflow(value, registry);
  for (const p of validation.problems)
    result.problems.push(
      formatProblem({ path: p.path, message: p.message, ...doc.locate(p.segments) }, file),
    );
  const workflow = validation.workflow;
  if (!workflow) return;
  const key = keyOf(workflow);
  const first = seen.get(key);
  if (first) {
    result.problems.push(
      formatProblem(
        {
          path: 'metadata.name',
          message: `workflow ${key} is also defined in ${first}; this one is not served`,
          ...doc.locate(['metadata', 'name']),
        },
        file,
      ),
    );
    return;
  }
  seen.set(key, file);
  result.workflows.push(workflow);
}

function secretOf(value: Record<string, unknown>): { key: string; data: Record<string, string> } | string {
  const metadata = isObject(value.metadata) ? value.metadata : {};
  if (typeof metadata.name !== 'string' || !metadata.name) return 'a Secret needs metadata.name';
  const namespace =
    typeof metadata.namespace === 'string' && metadata.namespace ? metadata.namespace : 'default';
  const data: Record<string, string> = {};
  if (isObject(value.data))
    for (const [k, v] of Object.entries(value.data))
      data[k] = Buffer.from(String(v), 'base64').toString('utf8');
  if (isObject(value.stringData)) for (const [k, v] of Object.entries(value.stringData)) data[k] = String(v);
  return { key: `${namespace}/${metadata.name}`, data };
}

async function manifestFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && MANIFEST.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .filter(
      (path) =>
        !relative(dir, path)
          .split(/[\\/]/)
          .some((part) => part.startsWith('.') || part === 'node_modules'),
    )
    .sort();
}

const keyOf = (w: Workflow) => `${w.metadata.namespace ?? 'default'}/${w.metadata.name}`;
const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);
