import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Every owner process lists the servers it started in <tmp>/budflow-stack-pids/<owner pid> and keeps its scratch
// folders at <tmp>/budflow-stack-<owner pid>-*. The next stack to start kills the servers and removes the folders
// that a dead owner left behind: the backstop for a SIGKILLed owner and for machines without setpriv.
const registryDir = join(tmpdir(), 'budflow-stack-pids');
const SCRATCH = /^budflow-stack-(\d+)-/;

/** Where this process's scratch folders go: pass to mkdtemp. */
export function scratchDirPrefix(): string {
  return join(tmpdir(), `budflow-stack-${process.pid}-`);
}
const ownFile = join(registryDir, String(process.pid));
const own = new Map<number, string>();

export function rememberPid(pid: number, command: string): void {
  own.set(pid, command);
  save();
}

export function forgetPid(pid: number): void {
  if (own.delete(pid)) save();
}

/** Kills the servers of owners that died without stopping them; returns how many were killed. */
export function sweepOrphans(): number {
  for (const entry of safeReadDir(tmpdir())) {
    const owner = SCRATCH.exec(entry)?.[1];
    if (owner && !isAlive(Number(owner))) rmSync(join(tmpdir(), entry), { recursive: true, force: true });
  }
  let killed = 0;
  for (const owner of safeReadDir(registryDir)) {
    if (Number(owner) === process.pid || isAlive(Number(owner))) continue;
    const file = join(registryDir, owner);
    for (const line of safeRead(file).split('\n')) {
      const [pid, command] = line.split('\t');
      if (pid && command && isSameProgram(Number(pid), command)) {
        try {
          process.kill(-Number(pid), 'SIGKILL');
          killed += 1;
        } catch {
          // Gone meanwhile.
        }
      }
    }
    rmSync(file, { force: true });
  }
  return killed;
}

function save(): void {
  if (own.size === 0) {
    rmSync(ownFile, { force: true });
    return;
  }
  mkdirSync(registryDir, { recursive: true });
  writeFileSync(ownFile, [...own].map(([pid, command]) => `${pid}\t${command}`).join('\n'));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

// A pid can be reused: only kill it when it still runs the program we started.
function isSameProgram(pid: number, command: string): boolean {
  return safeRead(`/proc/${pid}/cmdline`).split('\0').includes(command);
}

function safeReadDir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function safeRead(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
