#!/usr/bin/env node
// `npm run bench -- NAME [args]`: runs bench/NAME.mjs against the built packages and prints its table.
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';

const here = fileURLToPath(new URL('.', import.meta.url));
const names = readdirSync(here).filter((f) => f.endsWith('.mjs') && f !== 'run.mjs').map((f) => f.slice(0, -4));
const [name, ...args] = process.argv.slice(2);
if (!name || !names.includes(name)) {
  console.error(`usage: npm run bench -- <name> [args]\nbenchmarks: ${names.join(', ')}`);
  process.exit(2);
}
if (!existsSync(join(here, '..', 'runtime', 'dist', 'index.js'))) {
  console.error('build first: npm run build');
  process.exit(2);
}
const mod = await import(pathToFileURL(join(here, `${name}.mjs`)).href);
await mod.default(args);
