import { realpath } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { operationError } from '../shared/operation-error.js';

/**
 * The confinement rule of Read/Write Files from Disk: a path is resolved against the working directory of
 * the process running the step, and it must stay inside that directory, also after following symlinks.
 * `..` escapes and absolute paths elsewhere are refused. Where the step runs decides what that directory
 * is: a sandboxed runner gets a private, empty one; `budflow run` without a sandbox uses the directory it
 * was started in. No workflow parameter widens it: a node option naming another directory would let any
 * workflow author read anything, so a wider area is a deployment decision (mount it in the working
 * directory), not a node setting.
 */
export async function confinedPath(path: string, root: string, itemIndex: number): Promise<string> {
  const absolute = resolve(root, path);
  if (!isInside(absolute, root)) throw outside(path, root, itemIndex);
  const real = await realExisting(absolute);
  if (!isInside(real, await realpath(root))) throw outside(path, root, itemIndex);
  return absolute;
}

/** True when `path` is `root` or below it. */
export function isInside(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/** The real path of the longest existing prefix of `path`, with the rest appended. */
async function realExisting(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    const parent = dirname(path);
    if (parent === path) return path;
    return resolve(await realExisting(parent), relative(parent, path));
  }
}

function outside(path: string, root: string, itemIndex: number) {
  return operationError(`Access to the file is not allowed: '${path}' is outside the working directory`, {
    itemIndex,
    description: `Read/Write Files from Disk only reaches files under '${root}' (the working directory of the step). Use a path inside it.`,
  });
}
