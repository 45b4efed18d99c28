/** Resource limits of one runner process. */
export interface SandboxLimits {
  /** V8 heap limit; the address-space limit is set above it as a backstop for native memory */
  memoryMiB: number;
  /** CPU seconds over the life of the process (a warm process serves many steps) */
  cpuSeconds: number;
  /** Processes and threads of the runner's user */
  maxProcesses: number;
  fileSizeMiB: number;
  openFiles: number;
}

export const DEFAULT_LIMITS: SandboxLimits = {
  memoryMiB: 512,
  cpuSeconds: 600,
  maxProcesses: 512,
  fileSizeMiB: 64,
  openFiles: 256,
};

export interface SandboxCommandOptions {
  nodePath: string;
  entry: string;
  /** Files and folders the runner needs to read (its code and dependencies), bound read-only */
  codePaths: string[];
  limits: SandboxLimits;
  /** Path of bwrap, or undefined to run without namespaces */
  bubblewrap?: string;
  /** Path of prlimit, or undefined to skip rlimits */
  prlimit?: string;
  network: boolean;
}

/** Node flags every runner gets: user code cannot generate code from strings, use __proto__, or load addons. */
export function runnerNodeFlags(limits: SandboxLimits): string[] {
  return [
    `--max-old-space-size=${limits.memoryMiB}`,
    '--disallow-code-generation-from-strings',
    '--disable-proto=delete',
    '--frozen-intrinsics',
    '--no-addons',
    '--no-deprecation',
    '--disable-warning=ExperimentalWarning',
  ];
}

/**
 * The command line of a sandboxed runner: prlimit (rlimits) → bwrap (namespaces, read-only system, private
 * /tmp, no network) → node with hardening flags → the runner entry. Pure, so it is tested as data.
 */
export function buildSandboxCommand(o: SandboxCommandOptions): { command: string; args: string[] } {
  const node = [o.nodePath, ...runnerNodeFlags(o.limits), o.entry];
  const sandboxed = o.bubblewrap ? [o.bubblewrap, ...bubblewrapArgs(o), '--', ...node] : node;
  if (!o.prlimit) return { command: sandboxed[0]!, args: sandboxed.slice(1) };
  const mib = 1024 * 1024;
  const addressSpace = (o.limits.memoryMiB + 2048) * mib;
  const limits = [
    `--as=${addressSpace}`,
    `--cpu=${o.limits.cpuSeconds}`,
    `--nproc=${o.limits.maxProcesses}`,
    `--fsize=${o.limits.fileSizeMiB * mib}`,
    `--nofile=${o.limits.openFiles}`,
    '--core=0',
  ];
  return { command: o.prlimit, args: [...limits, '--', ...sandboxed] };
}

function bubblewrapArgs(o: SandboxCommandOptions): string[] {
  const args = [
    '--unshare-all',
    ...(o.network ? ['--share-net'] : []),
    '--die-with-parent',
    '--new-session',
    '--cap-drop',
    'ALL',
    '--ro-bind',
    '/usr',
    '/usr',
    ...['/lib', '/lib64', '/bin', '/sbin', '/etc/ssl', '/etc/ca-certificates', '/etc/alternatives'].flatMap(
      (p) => ['--ro-bind-try', p, p],
    ),
    ...(o.network
      ? ['/etc/resolv.conf', '/etc/hosts', '/etc/nsswitch.conf'].flatMap((p) => ['--ro-bind-try', p, p])
      : []),
    '--proc',
    '/proc',
    '--dev',
    '/dev',
    '--tmpfs',
    '/tmp',
    '--dir',
    '/tmp/work',
    '--chdir',
    '/tmp/work',
  ];
  const dirs = [...new Set([parentOf(o.nodePath), ...o.codePaths])];
  for (const path of dirs) args.push('--ro-bind', path, path);
  return args;
}

function parentOf(path: string): string {
  return path.slice(0, path.lastIndexOf('/')) || '/';
}
