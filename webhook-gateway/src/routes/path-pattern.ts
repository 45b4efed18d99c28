/** One segment of a webhook path: literal text, or a named parameter (`:id`). */
export type PathSegment = { type: 'static'; value: string } | { type: 'param'; name: string };

export type ParsedPath = { ok: true; segments: PathSegment[] } | { ok: false; message: string };

const PARAM = /^:([A-Za-z_$][\w$-]*)$/;
const FORBIDDEN = /[*?#\s%]/;

/**
 * Parses a Webhook node's `path` as n8n writes it (`orders/:id`, leading and trailing slashes ignored).
 * Wildcards, empty segments, `.` and `..` are refused: a route must say exactly what it serves.
 */
export function parsePath(path: string): ParsedPath {
  const trimmed = path.trim().replace(/^\/+|\/+$/g, '');
  if (trimmed === '') return { ok: false, message: 'the webhook path is empty' };
  const segments: PathSegment[] = [];
  const names = new Set<string>();
  for (const raw of trimmed.split('/')) {
    if (raw === '') return { ok: false, message: `the webhook path '${path}' has an empty segment` };
    if (raw === '.' || raw === '..')
      return { ok: false, message: `the webhook path '${path}' has a '${raw}' segment` };
    if (raw.startsWith(':')) {
      const match = PARAM.exec(raw);
      if (!match)
        return { ok: false, message: `'${raw}' in the webhook path '${path}' is not a valid parameter name` };
      const name = match[1]!;
      if (names.has(name))
        return { ok: false, message: `the webhook path '${path}' names the parameter '${name}' twice` };
      names.add(name);
      segments.push({ type: 'param', name });
      continue;
    }
    if (FORBIDDEN.test(raw))
      return {
        ok: false,
        message: `the webhook path '${path}' has characters a path cannot match exactly ('${raw}')`,
      };
    segments.push({ type: 'static', value: raw });
  }
  return { ok: true, segments };
}

/** The pattern with parameter names erased: two patterns with the same shape match the same URLs. */
export function shapeOf(segments: readonly PathSegment[]): string {
  return segments.map((s) => (s.type === 'static' ? `/${s.value}` : '/:')).join('');
}

/** The path as written back for people and URLs (`orders/:id`). */
export function formatPath(segments: readonly PathSegment[]): string {
  return segments.map((s) => (s.type === 'static' ? s.value : `:${s.name}`)).join('/');
}

export function isStatic(segments: readonly PathSegment[]): boolean {
  return segments.every((s) => s.type === 'static');
}

/**
 * Matches request path segments (already split and percent-decoded) against a pattern; returns the
 * parameters, or undefined when it does not match.
 */
export function matchSegments(
  pattern: readonly PathSegment[],
  actual: readonly string[],
): Record<string, string> | undefined {
  if (pattern.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const segment = pattern[i]!;
    const value = actual[i]!;
    if (segment.type === 'static') {
      if (segment.value !== value) return undefined;
    } else {
      if (value === '') return undefined;
      params[segment.name] = value;
    }
  }
  return params;
}

/**
 * Orders two patterns that both matched by specificity, like find-my-way: at the first position where they
 * differ, a literal beats a parameter. Negative when `a` is more specific.
 */
export function compareSpecificity(a: readonly PathSegment[], b: readonly PathSegment[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const sa = a[i]!.type === 'static' ? 0 : 1;
    const sb = b[i]!.type === 'static' ? 0 : 1;
    if (sa !== sb) return sa - sb;
  }
  return 0;
}
