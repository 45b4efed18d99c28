import { builtinModules, createRequire } from 'node:module';

/** Which modules Code nodes may `require`, as n8n configures it (NODE_FUNCTION_ALLOW_BUILTIN / _EXTERNAL). */
export interface ModulePolicy {
  /** Node.js built-in modules by name (`crypto`, `url`), or `*` for all */
  builtin: readonly string[];
  /** Installed packages by name (`lodash`), or `*` for any the runner can resolve */
  external: readonly string[];
}

/** The policy of this runner process: n8n's environment variables, comma-separated (empty: nothing). */
export function modulePolicyFromEnv(env: NodeJS.ProcessEnv = process.env): ModulePolicy {
  const list = (value: string | undefined) =>
    (value ?? '')
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean);
  return { builtin: list(env.NODE_FUNCTION_ALLOW_BUILTIN), external: list(env.NODE_FUNCTION_ALLOW_EXTERNAL) };
}

const BUILTINS = new Set(builtinModules);
const load = createRequire(import.meta.url);

/**
 * The `require` a Code node sees: allow-listed built-ins and packages only; anything else fails as n8n fails it,
 * naming the setting that would allow it. The sandbox of the step (bubblewrap, rlimits, a uid of its own) is the
 * security boundary; the list keeps workflows to what the installation approved.
 */
export function codeRequire(policy: ModulePolicy): (name: unknown) => unknown {
  const allows = (list: readonly string[], name: string) => list.includes('*') || list.includes(name);
  return (name: unknown) => {
    if (typeof name !== 'string' || name === '')
      throw refused(String(name), 'a module name is a non-empty string');
    const bare = name.startsWith('node:') ? name.slice(5) : name;
    if (BUILTINS.has(bare)) {
      if (allows(policy.builtin, bare)) return load(`node:${bare}`);
      throw refused(
        name,
        `allow it in the environment of budflow (run, serve or runner): NODE_FUNCTION_ALLOW_BUILTIN=${bare}`,
      );
    }
    const root = bare.startsWith('@') ? bare.split('/').slice(0, 2).join('/') : bare.split('/')[0]!;
    if (!allows(policy.external, root))
      throw refused(
        name,
        `allow it in the environment of budflow (run, serve or runner): NODE_FUNCTION_ALLOW_EXTERNAL=${root}`,
      );
    try {
      return load(bare);
    } catch (error) {
      throw Object.assign(new Error(`Cannot find module '${name}'`, { cause: error }), {
        description: 'It is not installed where the runner runs',
      });
    }
  };
}

/** A plain Error (so the sandbox maps it to the user's line) carrying how to fix it. */
function refused(name: string, description: string): Error {
  return Object.assign(new Error(`Cannot find module '${name}'`), { description });
}
