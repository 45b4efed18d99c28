import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { findBinaries, repoRoot, type Binaries } from './binaries.js';
import { createPki } from './certificates.js';
import type { StackConnection } from './connection.js';
import { applyAndWait, readManifests } from './crds.js';
import { startEtcd } from './etcd.js';
import { startKubeApiserver } from './kube-apiserver.js';
import { startKubeControllerManager } from './kube-controller-manager.js';
import { writeKubeconfig } from './kubeconfig.js';
import { startNats } from './nats.js';
import { scratchDirPrefix, sweepOrphans } from './pid-registry.js';
import { startRedis } from './redis.js';
import type { ServerProcess } from './server-process.js';
import { restartServer } from './start-server.js';
import type { ServerLaunch } from './start-server.js';

export interface StackOptions {
  /** Which servers to run; all by default. `controllerManager` needs `kube`. */
  kube?: boolean;
  controllerManager?: boolean;
  nats?: boolean;
  redis?: boolean;
  /** Folder whose `*.yaml` manifests (the CRDs) are applied once the apiserver is ready; default `<repo>/crds`. */
  crdsDir?: string;
  binaries?: Binaries;
  /** Progress lines, e.g. `console.error`; silent by default. */
  log?: (line: string) => void;
}

export interface Stack extends StackConnection {
  /** The stack's scratch folder (certificates, data, one log per server); removed by `stop()`. */
  dir: string;
  /** The servers, in start order. */
  servers: readonly ServerProcess[];
  /** Stops every server (dependents first) and removes `dir`. Safe to call more than once. */
  stop(): Promise<void>;
  /**
   * Stops one server (by name, e.g. `nats-server`; `kill`: SIGKILL at once, a crash) keeping its data, runs
   * `whileDown`, then starts it again on the same ports with the same data and waits until it is ready.
   */
  restart(name: string, options?: { kill?: boolean; whileDown?: () => Promise<void> }): Promise<void>;
}

/** Starts the servers on free loopback ports and resolves once every one is ready (and the CRDs are Established). */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const { kube = true, nats = true, redis = true, log = () => undefined } = options;
  const controllerManager = kube && (options.controllerManager ?? true);
  const binaries = options.binaries ?? findBinaries();
  const swept = sweepOrphans();
  if (swept > 0) log(`stack: killed ${swept} server(s) left behind by a dead test run`);

  const dir = mkdtempSync(scratchDirPrefix());
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  process.once('exit', removeDir);
  const servers: ServerProcess[] = [];
  const launches = new Map<string, ServerLaunch>();
  const track = <T extends { server: ServerProcess; launch?: ServerLaunch }>(started: T): T => {
    servers.push(started.server);
    if (started.launch) launches.set(started.server.name, started.launch);
    log(`stack: ${started.server.name} ready (pid ${started.server.pid})`);
    return started;
  };
  const connection: StackConnection = { kubeconfigPath: '', apiServerUrl: '', natsUrl: '', redisUrl: '' };

  const startKube = async () => {
    const pki = await createPki(dir);
    const etcd = track(await startEtcd(binaries.etcd, dir));
    const apiserver = track(await startKubeApiserver(binaries.kubeApiserver, dir, etcd.url, pki));
    connection.apiServerUrl = apiserver.url;
    connection.kubeconfigPath = join(dir, 'kubeconfig');
    writeKubeconfig(connection.kubeconfigPath, apiserver.url, pki);
    const kc = new KubeConfig();
    kc.loadFromFile(connection.kubeconfigPath);
    const manifests = readManifests(options.crdsDir ?? join(repoRoot, 'crds'));
    await Promise.all([
      applyAndWait(kc, manifests).then(() =>
        log(`stack: ${manifests.length} manifest(s) from crds/ applied`),
      ),
      controllerManager &&
        startKubeControllerManager(binaries.kubeControllerManager, dir, connection.kubeconfigPath, pki).then(
          (server) => track({ server }),
        ),
    ]);
  };

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    // Dependents first: the controller manager and apiserver before etcd, so none logs a storm of errors.
    for (const server of [...servers].reverse()) await server.stop();
    process.off('exit', removeDir);
    removeDir();
  };

  const results = await Promise.allSettled([
    kube ? startKube() : undefined,
    nats
      ? startNats(binaries.natsServer, dir).then((started) => (connection.natsUrl = track(started).url))
      : undefined,
    redis
      ? startRedis(binaries.redisServer, dir).then((started) => (connection.redisUrl = track(started).url))
      : undefined,
  ]);
  const failure = results.find((result) => result.status === 'rejected');
  if (failure) {
    await stop();
    throw new Error(`@budflow/stack failed to start: ${(failure.reason as Error).message}`, {
      cause: failure.reason,
    });
  }
  const restart: Stack['restart'] = async (name, { kill = false, whileDown } = {}) => {
    const index = servers.findIndex((server) => server.name === name);
    const launch = launches.get(name);
    if (index < 0 || !launch) throw new Error(`@budflow/stack: no restartable server '${name}'`);
    await servers[index]!.stop(kill ? 0 : 10_000);
    await whileDown?.();
    servers[index] = await restartServer(launch);
    log(`stack: ${name} restarted (pid ${servers[index]!.pid})`);
  };
  return { ...connection, dir, servers, stop, restart };
}
