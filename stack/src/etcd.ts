import { join } from 'node:path';
import { httpGet } from './probe.js';
import { startServer } from './start-server.js';
import type { ServerProcess } from './server-process.js';

export interface Etcd {
  server: ServerProcess;
  url: string;
}

/** Single-member etcd on loopback, without fsync: test data is thrown away anyway (envtest does the same). */
export async function startEtcd(binary: string, dir: string, timeoutMs = 30_000): Promise<Etcd> {
  const { server, ports } = await startServer(2, timeoutMs, ([client, peer]) => {
    const url = `http://127.0.0.1:${client}`;
    const peerUrl = `http://127.0.0.1:${peer}`;
    return {
      spec: {
        name: 'etcd',
        command: binary,
        logFile: join(dir, 'etcd.log'),
        args: [
          '--name=budflow',
          `--data-dir=${join(dir, 'etcd')}`,
          `--listen-client-urls=${url}`,
          `--advertise-client-urls=${url}`,
          `--listen-peer-urls=${peerUrl}`,
          `--initial-advertise-peer-urls=${peerUrl}`,
          `--initial-cluster=budflow=${peerUrl}`,
          '--unsafe-no-fsync=true',
          '--log-level=warn',
        ],
      },
      ready: async () => (await httpGet(`${url}/health`)).body.includes('"health":"true"'),
    };
  });
  return { server, url: `http://127.0.0.1:${ports[0]}` };
}
