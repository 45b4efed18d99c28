import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// runtime/ is the pure core: no I/O modules, no process access. Adapters live in operator/, webhook-gateway/, cli/.
const root = fileURLToPath(new URL('.', import.meta.url));
const FORBIDDEN_MODULES = [
  /^node:/,
  /^(fs|fs\/promises|net|http|https|http2|child_process|dgram|dns|tls|cluster|worker_threads|os|vm|process)$/,
  /^@kubernetes\//,
  /^fastify/,
  /^@nats-io\//,
  /^nats$/,
  /^ioredis$/,
  /^pino/,
  /^prom-client$/,
  /^undici$/,
  /^axios$/,
];
const ALLOWED_PACKAGES = new Set(['zod', 'luxon', 'acorn', 'acorn-walk', 'astring', 'jmespath', 'yaml']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.includes('.test') ? [path] : [];
  });
}

function importsOf(source: string): string[] {
  const specifiers = [...source.matchAll(/(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g)];
  return specifiers.map((m) => m[1] ?? m[2] ?? m[3]!);
}

const files = sourceFiles(root);

describe('runtime purity', () => {
  it('finds the source files', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it.each(files.map((f) => [relative(root, f), f]))('%s imports no I/O module', (_name, file) => {
    const bad = importsOf(readFileSync(file, 'utf8')).filter(
      (spec) => FORBIDDEN_MODULES.some((re) => re.test(spec)) || (!spec.startsWith('.') && !ALLOWED_PACKAGES.has(spec.split('/')[0]!)),
    );
    expect(bad).toEqual([]);
  });

  it.each(files.map((f) => [relative(root, f), f]))('%s does not touch process or globalThis I/O', (_name, file) => {
    const source = readFileSync(file, 'utf8').replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '');
    expect(source).not.toMatch(/\bprocess\s*\.|\bprocess\s*\[|\bglobalThis\s*\.\s*process|\bfetch\s*\(|\bsetTimeout\s*\(|\bsetInterval\s*\(/);
  });

  it('the purity check catches a forbidden import', () => {
    const bad = importsOf("import { readFile } from 'node:fs';\nexport * from 'ioredis';");
    expect(bad.filter((s) => FORBIDDEN_MODULES.some((re) => re.test(s)))).toEqual(['node:fs', 'ioredis']);
  });
});
