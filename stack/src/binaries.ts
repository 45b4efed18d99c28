import { accessSync, constants, readFileSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, from src/ and from dist/ alike. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface Binaries {
  etcd: string;
  kubeApiserver: string;
  kubeControllerManager: string;
  natsServer: string;
  redisServer: string;
  /** For the chart test (not a server) */
  helm: string;
}

// Where scripts/build-<tool> puts each program: .cache/bin/<name>-<version of <module> in tools/<tool>/go.mod>/.
const goTools = {
  etcd: { tool: 'etcd', module: 'go.etcd.io/etcd/server/v3', folder: 'etcd', binary: 'etcd' },
  kubeApiserver: { tool: 'kube', module: 'k8s.io/kubernetes', folder: 'kube', binary: 'kube-apiserver' },
  kubeControllerManager: {
    tool: 'kube',
    module: 'k8s.io/kubernetes',
    folder: 'kube',
    binary: 'kube-controller-manager',
  },
  natsServer: {
    tool: 'nats',
    module: 'github.com/nats-io/nats-server/v2',
    folder: 'nats-server',
    binary: 'nats-server',
  },
  helm: { tool: 'helm', module: 'helm.sh/helm/v3', folder: 'helm', binary: 'helm' },
} as const;

/** Locates every server program, or explains how to get the missing ones. */
export function findBinaries(root = repoRoot): Binaries {
  const missing: string[] = [];
  const locate = (key: keyof typeof goTools): string => {
    const { tool, module, folder, binary } = goTools[key];
    const version = requiredVersion(join(root, 'tools', tool, 'go.mod'), module);
    const path = join(root, '.cache', 'bin', `${folder}-${version}`, binary);
    if (!isExecutable(path)) missing.push(`${binary} ${version} (scripts/build-${tool})`);
    return path;
  };
  const found = {
    etcd: locate('etcd'),
    kubeApiserver: locate('kubeApiserver'),
    kubeControllerManager: locate('kubeControllerManager'),
    natsServer: locate('natsServer'),
    helm: locate('helm'),
    redisServer: onPath('redis-server') ?? '',
  };
  if (!found.redisServer) missing.push('redis-server (apt-get install redis-server)');
  if (missing.length > 0) {
    throw new Error(
      `@budflow/stack: missing ${missing.join(', ')}; run scripts/ci-prereqs to install and build them all`,
    );
  }
  return found;
}

/** The version of `module` that a tools/ go.mod requires. */
export function requiredVersion(goMod: string, module: string): string {
  const text = readFileSync(goMod, 'utf8');
  const escaped = module.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const match = new RegExp(`^\\s*(?:require\\s+)?${escaped}\\s+(v\\S+)`, 'm').exec(text);
  if (!match?.[1]) throw new Error(`${goMod} does not require ${module}`);
  return match[1];
}

function onPath(program: string): string | undefined {
  const dirs = (process.env.PATH ?? '').split(delimiter).concat(['/usr/bin', '/usr/sbin', '/usr/local/bin']);
  return dirs.map((dir) => join(dir, program)).find(isExecutable);
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
