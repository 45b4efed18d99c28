// Writes crds/*.yaml (and the Helm chart's copy in charts/budflow/crds/) from the zod spec in runtime/src/spec.
// Reads the built runtime, so build it first (`npm run gen:crds` does). The unit test
// runtime/src/crd/generate-crds.test.ts fails when either copy drifts.
import { mkdirSync, writeFileSync } from 'node:fs';
import { stdout } from 'node:process';
import { URL } from 'node:url';
import { generateCrds } from '@budflow/runtime';

for (const dir of ['../crds/', '../charts/budflow/crds/']) {
  const outDir = new URL(dir, import.meta.url);
  mkdirSync(outDir, { recursive: true });
  for (const { fileName, content } of generateCrds()) {
    writeFileSync(new URL(fileName, outDir), content);
    stdout.write(`wrote ${dir.slice(3)}${fileName}\n`);
  }
}
