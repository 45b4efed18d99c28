import { execFileSync } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** What this machine offers the local sandbox: programs found, code to bind, user to run as. */
export interface SandboxHost {
  nodePath: string;
  entry: string;
  codePaths: string[];
  bubblewrap?: string;
  prlimit?: string;
  /**
   * When the engine runs as root, runners run unprivileged: each process gets its own uid counted up from
   * `uid` (up to `uids` of them), so per-user limits such as the process count apply to one runner only.
   */
  runAs?: { uid: number; gid: number; uids: number };
  timezone: string;
  /** Why isolation is weaker than intended, for a warning */
  warnings: string[];
}

export type IsolationMode = 'auto' | 'bubblewrap' | 'none';

/**
 * Looks at the machine once: bubblewrap and prlimit on PATH (and whether bwrap can create namespaces here),
 * the runner's code folders, and an unprivileged user to run as when we are root.
 */
export function detectSandboxHost(
  options: { isolation?: IsolationMode; timezone?: string; path?: string } = {},
): SandboxHost {
  const isolation = options.isolation ?? 'auto';
  const warnings: string[] = [];
  const find = (name: string) => which(name, options.path ?? process.env.PATH ?? '');
  const runAs = process.getuid?.() === 0 ? { uid: 200_000, gid: 65534, uids: 1000 } : undefined;
  let bubblewrap = isolation === 'none' ? undefined : find('bwrap');
  if (bubblewrap && !bubblewrapWorks(bubblewrap, runAs)) {
    warnings.push(
      `bubblewrap at ${bubblewrap} cannot create namespaces here (are unprivileged user namespaces disabled?)`,
    );
    bubblewrap = undefined;
  }
  if (!bubblewrap && isolation === 'bubblewrap')
    throw new Error('isolation "bubblewrap" was asked for, but bwrap is missing or does not work');
  if (!bubblewrap && isolation === 'auto') {
    warnings.push(
      'bubblewrap (bwrap) not found: runner processes run without namespace isolation (install the bubblewrap package)',
    );
  }
  const prlimit = find('prlimit');
  if (!prlimit) warnings.push('prlimit not found: runner processes run without rlimits (install util-linux)');
  return {
    nodePath: process.execPath,
    // Always the built program, also when this module is loaded from source (tests).
    entry: join(packageRoot('@budflow/runner'), 'dist', 'entry.js'),
    codePaths: runnerCodePaths(),
    ...(bubblewrap ? { bubblewrap } : {}),
    ...(prlimit ? { prlimit } : {}),
    ...(runAs ? { runAs } : {}),
    timezone: options.timezone ?? 'UTC',
    warnings,
  };
}

/**
 * The folders a runner reads: each workspace package it loads (dist and package.json only) and the
 * dependency folder. The rest of the project (sources, .git, .stack with its credentials) stays invisible.
 */
function runnerCodePaths(): string[] {
  const paths = new Set<string>();
  for (const pkg of ['@budflow/runner', '@budflow/runtime', '@budflow/nodes']) {
    const root = packageRoot(pkg);
    paths.add(join(root, 'package.json'));
    paths.add(join(root, 'dist'));
    const own = join(root, 'node_modules');
    if (existsSync(own)) paths.add(own);
  }
  // Workspaces share the dependency folder at the root of the install, beside the packages.
  const root = dirname(packageRoot('@budflow/runner'));
  paths.add(join(root, 'node_modules'));
  return [...paths];
}

function packageRoot(name: string): string {
  return realpathSync(dirname(createRequire(import.meta.url).resolve(`${name}/package.json`)));
}

function which(name: string, path: string): string | undefined {
  for (const dir of path.split(':').filter(Boolean)) {
    const candidate = join(dir, name);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

function bubblewrapWorks(bwrap: string, runAs: { uid: number; gid: number } | undefined): boolean {
  try {
    execFileSync(bwrap, ['--unshare-all', '--die-with-parent', '--ro-bind', '/', '/', 'true'], {
      stdio: 'ignore',
      timeout: 5_000,
      ...(runAs ? { uid: runAs.uid, gid: runAs.gid } : {}),
    });
    return true;
  } catch {
    return false;
  }
}
