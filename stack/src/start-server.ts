import { freePort } from './free-port.js';
import { waitUntil } from './probe.js';
import { logTail, startProcess, type ProcessSpec, type ServerProcess } from './server-process.js';

export interface ServerLaunch {
  spec: ProcessSpec;
  /** Resolves true once the server serves; called repeatedly until then. */
  ready: () => Promise<boolean>;
}

export interface StartedServer {
  server: ServerProcess;
  ports: number[];
  /** How it was started: `restartServer` starts it again the same way (same ports, same data) */
  launch: ServerLaunch;
}

const PORT_CLASH = /address already in use|bind: |EADDRINUSE/i;

/**
 * Starts a server on `portCount` fresh loopback ports and waits until it is ready. A port taken by someone else
 * between our probe and the server's bind shows up as an early exit mentioning the address; then we try new ports.
 */
export async function startServer(
  portCount: number,
  timeoutMs: number,
  launch: (ports: number[]) => ServerLaunch,
): Promise<StartedServer> {
  for (let attempt = 1; ; attempt += 1) {
    const ports: number[] = [];
    for (let i = 0; i < portCount; i += 1) ports.push(await freePort());
    const started = launch(ports);
    try {
      const server = await runUntilReady(started, `${started.spec.name} on port ${ports[0]}`, timeoutMs);
      return { server, ports, launch: started };
    } catch (error) {
      if (attempt < 3 && error instanceof NotReadyError && PORT_CLASH.test(error.log)) continue;
      throw error;
    }
  }
}

/** Starts a stopped server again exactly as `launch` describes it, and waits until it is ready. */
export function restartServer(launch: ServerLaunch, timeoutMs = 30_000): Promise<ServerProcess> {
  return runUntilReady(launch, `${launch.spec.name} (restarted)`, timeoutMs);
}

/** The server did not become ready; `log` is the tail of its log, for telling a port clash from a real failure. */
class NotReadyError extends Error {
  // A plain field, not a parameter property: the stack's sources also run under Node's type stripping.
  readonly log: string;

  constructor(log: string, cause: unknown) {
    super((cause as Error)?.message ?? String(cause), { cause });
    this.name = 'NotReadyError';
    this.log = log;
  }
}

/** Starts the process and waits until `ready`; stops it again (and rejects) if it exits or times out first. */
async function runUntilReady(launch: ServerLaunch, what: string, timeoutMs: number): Promise<ServerProcess> {
  const { spec, ready } = launch;
  const server = startProcess(spec);
  const exited = server.exited.then(
    (code) => `exited early (${code}); log ${spec.logFile}:\n${logTail(server)}`,
  );
  try {
    await waitUntil(what, ready, timeoutMs, exited);
    return server;
  } catch (error) {
    await server.stop(2_000);
    throw new NotReadyError(logTail(server), error);
  }
}
