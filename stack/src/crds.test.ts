import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readManifests } from './crds.js';

describe('readManifests', () => {
  it('reads every document of every YAML file, in file-name order, skipping empty documents', () => {
    const dir = mkdtempSync(join(tmpdir(), 'budflow-crds-'));
    writeFileSync(join(dir, 'b.yaml'), 'kind: CustomResourceDefinition\nmetadata: {name: b}\n');
    writeFileSync(
      join(dir, 'a.yml'),
      '---\nkind: CustomResourceDefinition\nmetadata: {name: a1}\n---\n---\nkind: ConfigMap\nmetadata: {name: a2}\n',
    );
    writeFileSync(join(dir, 'notes.md'), 'kind: Ignored\n');
    expect(readManifests(dir).map((doc) => doc.metadata?.name)).toEqual(['a1', 'a2', 'b']);
  });

  it('gives nothing for an empty or missing folder', () => {
    expect(readManifests(mkdtempSync(join(tmpdir(), 'budflow-crds-')))).toEqual([]);
    expect(readManifests('/nonexistent/crds')).toEqual([]);
  });
});
