import { join } from 'node:path';
import { httpGet } from './probe.js';
import type { ServerProcess } from './server-process.js';
import { startServer } from './start-server.js';
import type { ServerLaunch } from './start-server.js';

export interface Nats {
  server: ServerProcess;
  url: string;
  launch: ServerLaunch;
}

/** nats-server with JetStream on a throwaway store directory; ready once /healthz says JetStream is up. */
export async function startNats(binary: string, dir: string, timeoutMs = 30_000): Promise<Nats> {
  const { server, ports, launch } = await startServer(2, timeoutMs, ([client, monitor]) => ({
    spec: {
      name: 'nats-server',
      command: binary,
      logFile: join(dir, 'nats-server.log'),
      args: [
        '--addr=127.0.0.1',
        `--port=${client}`,
        `--http_port=${monitor}`,
        '--jetstream',
        `--store_dir=${join(dir, 'jetstream')}`,
        '--server_name=budflow-stack',
      ],
    },
    ready: async () => (await httpGet(`http://127.0.0.1:${monitor}/healthz`)).status === 200,
  }));
  return { server, url: `nats://127.0.0.1:${ports[0]}`, launch };
}
