import { describe, expect, it } from 'vitest';
import { buildSandboxCommand, DEFAULT_LIMITS } from './build-sandbox-command.js';

const base = {
  nodePath: '/opt/node/bin/node',
  entry: '/app/runner/dist/entry.js',
  codePaths: ['/app/runner/dist', '/app/node_modules'],
  limits: DEFAULT_LIMITS,
  network: false,
};

describe('buildSandboxCommand', () => {
  it('wraps node in prlimit and bubblewrap with hardening flags', () => {
    const { command, args } = buildSandboxCommand({
      ...base,
      bubblewrap: '/usr/bin/bwrap',
      prlimit: '/usr/bin/prlimit',
    });
    expect(command).toBe('/usr/bin/prlimit');
    const joined = args.join(' ');
    expect(joined).toContain(
      `--as=${(512 + 2048) * 1024 * 1024} --cpu=600 --nproc=512 --fsize=${64 * 1024 * 1024} --nofile=256 --core=0 -- /usr/bin/bwrap`,
    );
    expect(joined).toContain('--unshare-all --die-with-parent --new-session --cap-drop ALL');
    expect(joined).not.toContain('--share-net');
    expect(joined).toContain('--tmpfs /tmp');
    expect(joined).toContain('--ro-bind /app/node_modules /app/node_modules');
    expect(joined).toContain('--ro-bind /opt/node/bin /opt/node/bin');
    expect(joined).toMatch(
      /-- \/opt\/node\/bin\/node --max-old-space-size=512 --disallow-code-generation-from-strings --disable-proto=delete --frozen-intrinsics --no-addons --no-deprecation --disable-warning=ExperimentalWarning \/app\/runner\/dist\/entry\.js$/,
    );
    expect(args.filter((a) => a === '--bind')).toEqual([]); // nothing writable is bound in
  });

  it('shares the network only when asked', () => {
    const { args } = buildSandboxCommand({ ...base, bubblewrap: '/usr/bin/bwrap', network: true });
    expect(args).toContain('--share-net');
    expect(args.join(' ')).toContain('--ro-bind-try /etc/resolv.conf /etc/resolv.conf');
  });

  it('runs node directly when neither tool is available', () => {
    expect(buildSandboxCommand(base)).toEqual({
      command: '/opt/node/bin/node',
      args: [
        '--max-old-space-size=512',
        '--disallow-code-generation-from-strings',
        '--disable-proto=delete',
        '--frozen-intrinsics',
        '--no-addons',
        '--no-deprecation',
        '--disable-warning=ExperimentalWarning',
        '/app/runner/dist/entry.js',
      ],
    });
  });
});
