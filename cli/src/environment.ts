/** Environment variables named in BUDFLOW_EXPRESSION_ENV (comma-separated) are visible to expressions as $env. */
export function allowedEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const names = (env.BUDFLOW_EXPRESSION_ENV ?? '')
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
  const result: Record<string, string> = {};
  for (const name of names) {
    const value = env[name];
    if (value !== undefined) result[name] = value;
  }
  return result;
}

/** `--var key=value` pairs as $vars. */
export function parseVars(pairs: string[]): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new Error(`--var expects key=value, got '${pair}'`);
    vars[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return vars;
}
