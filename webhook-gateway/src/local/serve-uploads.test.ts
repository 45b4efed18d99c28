import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveDirectory } from './serve-directory.js';
import type { ServeHandle } from './serve-directory.js';

//  Upload (POST multipart, lastNode) ──► Parse (Extract From File, CSV) ──► Count (Code)
const UPLOAD = `apiVersion: budflow.io/v1alpha1
kind: Workflow
metadata: { name: upload }
spec:
  active: true
  nodes:
    - { name: Upload, type: webhook, typeVersion: 2, parameters: { path: upload, httpMethod: POST, responseMode: lastNode } }
    - { name: Parse, type: extractFromFile, typeVersion: 1, parameters: { operation: csv, binaryPropertyName: file } }
    - name: Count
      type: code
      typeVersion: 2
      parameters:
        jsCode: "return [{ json: { rows: $input.all().length, last: $input.last().json, size: $('Upload').first().binary.file.fileSize } }];"
  connections:
    - { from: Upload, to: Parse }
    - { from: Parse, to: Count }
`;

let dir: string;
let serve: ServeHandle;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'budflow-uploads-'));
  await writeFile(join(dir, 'upload.yaml'), UPLOAD);
  serve = await serveDirectory(dir, {
    port: 0,
    watch: false,
    poolSize: 1,
    // Keep uploads over 256 KiB in the data store, as a cluster gateway does with every file (local mode's default: inline).
    config: { binaryInlineLimitBytes: 256 * 1024 },
    out: () => undefined,
    err: () => undefined,
  });
}, 60_000);

afterAll(async () => {
  await serve?.close();
  await rm(dir, { recursive: true, force: true });
});

const csv = (rows: number) =>
  ['id,name,note', ...Array.from({ length: rows }, (_, i) => `${i},row ${i},${'z'.repeat(40)}`)].join('\n');

const upload = (text: string) => {
  const form = new FormData();
  form.append('file', new Blob([text], { type: 'text/csv' }), 'rows.csv');
  return fetch(`${serve.url}/webhook/upload`, { method: 'POST', body: form });
};

describe('file uploads to budflow serve', () => {
  it('a small upload travels inline and is parsed downstream', async () => {
    const response = await upload(csv(10));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ rows: 10, last: { id: '9', name: 'row 9' } });
  });

  it('an upload kept in the data store by reference is read there by the nodes that read bytes', async () => {
    const text = csv(40_000); // about 2.3 MB
    const response = await upload(text);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      rows: 40_000,
      last: { id: '39999', name: 'row 39999', note: 'z'.repeat(40) },
      size: Buffer.byteLength(text),
    });
  }, 60_000);
});
