import { join } from 'node:path';
import { redisCommand } from './probe.js';
import type { ServerProcess } from './server-process.js';
import { startServer } from './start-server.js';

export interface Redis {
  server: ServerProcess;
  url: string;
}

/** redis-server on loopback with neither RDB snapshots nor an append-only file. */
export async function startRedis(binary: string, dir: string, timeoutMs = 30_000): Promise<Redis> {
  const { server, ports } = await startServer(1, timeoutMs, ([port]) => ({
    spec: {
      name: 'redis-server',
      command: binary,
      logFile: join(dir, 'redis-server.log'),
      args: [
        '--bind',
        '127.0.0.1',
        '--port',
        String(port),
        '--save',
        '',
        '--appendonly',
        'no',
        '--dir',
        dir,
        '--daemonize',
        'no',
        '--protected-mode',
        'yes',
      ],
    },
    ready: async () => (await redisCommand(port ?? 0, 'PING')) === '+PONG',
  }));
  return { server, url: `redis://127.0.0.1:${ports[0]}` };
}
