import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { forgetPid, rememberPid } from './pid-registry.js';

/** A server started by the stack: its own process group, output in a log file, stopped with its whole group. */
export interface ServerProcess {
  readonly name: string;
  readonly pid: number;
  readonly logFile: string;
  /** Settles with the exit code (or the signal's name) once the process has exited. */
  readonly exited: Promise<number | string>;
  /** SIGTERM to the process group, SIGKILL after `graceMs` (0: SIGKILL at once); resolves once it has exited. */
  stop(graceMs?: number): Promise<void>;
}

export interface ProcessSpec {
  name: string;
  command: string;
  args: readonly string[];
  logFile: string;
  env?: NodeJS.ProcessEnv;
}

// PR_SET_PDEATHSIG through util-linux's setpriv (Debian: always installed): the kernel kills the server when the
// thread that started it dies, even by SIGKILL, when no exit handler of ours can run.
const SETPRIV = '/usr/bin/setpriv';
const withParentDeathSignal = existsSync(SETPRIV);

/**
 * `command args` behind setpriv's parent-death signal where setpriv exists: use it for any helper process that
 * must not outlive the thread that spawns it (a killed test worker, a SIGKILLed owner).
 */
export function orphanSafeArgv(command: string, args: readonly string[]): [string, ...string[]] {
  return withParentDeathSignal
    ? [SETPRIV, '--pdeathsig', 'KILL', '--', command, ...args]
    : [command, ...args];
}

const running = new Set<ServerProcess>();
let exitHookInstalled = false;

/** Starts `spec` detached in a new process group, so a terminal's Ctrl-C reaches only us and we stop it in order. */
export function startProcess(spec: ProcessSpec): ServerProcess {
  installExitHook();
  const argv = orphanSafeArgv(spec.command, spec.args);
  const log = openSync(spec.logFile, 'w');
  const child = spawn(argv[0], argv.slice(1), {
    detached: true,
    stdio: ['ignore', log, log],
    env: spec.env ?? process.env,
  });
  closeSync(log);
  const exited = new Promise<number | string>((resolve) => {
    child.once('error', (error) => resolve(`spawn failed: ${error.message}`));
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
  });
  const pid = child.pid ?? -1;
  const server: ServerProcess = {
    name: spec.name,
    pid,
    logFile: spec.logFile,
    exited,
    async stop(graceMs = 10_000) {
      if (pid > 0) {
        signalGroup(pid, graceMs > 0 ? 'SIGTERM' : 'SIGKILL');
        const timer = setTimeout(() => signalGroup(pid, 'SIGKILL'), graceMs);
        await exited;
        clearTimeout(timer);
        // The leader is gone; anything it left in its group goes too.
        signalGroup(pid, 'SIGKILL');
      }
      running.delete(server);
      forgetPid(pid);
    },
  };
  void exited.then(() => running.delete(server));
  if (pid > 0) {
    running.add(server);
    rememberPid(pid, spec.command);
  }
  return server;
}

/** The last `lines` lines of a server's log, for error messages. */
export function logTail(server: Pick<ServerProcess, 'logFile'>, lines = 20): string {
  try {
    return readFileSync(server.logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** True while any process of the group `pid` exists. */
export function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

// Last resort when the owner exits without stopping its servers (an uncaught error, process.exit in a runner):
// 'exit' handlers may only do synchronous work, and process.kill is synchronous.
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const server of running) {
      signalGroup(server.pid, 'SIGKILL');
      forgetPid(server.pid);
    }
  });
}
