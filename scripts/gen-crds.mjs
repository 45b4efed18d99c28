// Writes crds/*.yaml from the zod spec in runtime/src/spec. Reads the built runtime, so build it first
// (`npm run gen:crds` does). The unit test runtime/src/crd/generate-crds.test.ts fails when crds/ drifts.
import { mkdirSync, writeFileSync } from 'node:fs';
import { stdout } from 'node:process';
import { URL } from 'node:url';

const runtime = await import('@budflow/runtime');
// Until runtime/src/index.ts exports generateCrds, take it from its built module.
const { generateCrds } =
  'generateCrds' in runtime ? runtime : await import('../runtime/dist/crd/generate-crds.js');

const outDir = new URL('../crds/', import.meta.url);
mkdirSync(outDir, { recursive: true });
for (const { fileName, content } of generateCrds()) {
  writeFileSync(new URL(fileName, outDir), content);
  stdout.write(`wrote crds/${fileName}\n`);
}
