import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { loadKubeConfig, STACK_KEY } from '@budflow/stack';
import { createKubeJsonClient } from '../../src/kube/index.js';

/** TCP connections this process holds to `port` (from /proc: this process's socket inodes, the kernel's tables). */
function connectionsTo(port: number): number {
  const inodes = new Set<string>();
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      const target = readlinkSync(`/proc/self/fd/${fd}`);
      const match = /^socket:\[(\d+)\]$/.exec(target);
      if (match) inodes.add(match[1]!);
    } catch {
      // The fd closed while we listed.
    }
  }
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  let count = 0;
  for (const table of ['/proc/self/net/tcp', '/proc/self/net/tcp6']) {
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      // fields: sl local_address rem_address st ... inode (index 9); state 01 = ESTABLISHED
      if (
        fields.length > 9 &&
        fields[2]!.endsWith(`:${hexPort}`) &&
        fields[3] === '01' &&
        inodes.has(fields[9]!)
      )
        count++;
    }
  }
  return count;
}

describe('the raw JSON kube client', () => {
  it('reuses its connections to the apiserver instead of a TLS handshake per request', async () => {
    const stack = inject(STACK_KEY);
    const kc = loadKubeConfig(stack.kubeconfigPath);
    const port = Number(new URL(stack.apiServerUrl).port);
    const client = createKubeJsonClient(kc);
    const before = connectionsTo(port);
    for (let i = 0; i < 30; i++) await client.request({ method: 'GET', path: '/api/v1/namespaces/default' });
    await Promise.all(
      Array.from({ length: 10 }, () => client.request({ method: 'GET', path: '/api/v1/namespaces/default' })),
    );
    const opened = connectionsTo(port) - before;
    // 30 sequential requests share one connection; 10 at once need at most 10.
    expect(opened).toBeGreaterThan(0);
    expect(opened).toBeLessThanOrEqual(11);
  });
});
