import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Item } from '@budflow/runtime';
import { runStep } from '../test-support/run-step.test-support.js';

// The node reaches only files under the working directory of the step: the tests run in a scratch one.
let root: string;
let outsideDir: string;
const previous = process.cwd();

beforeAll(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'budflow-rw-')));
  outsideDir = realpathSync(mkdtempSync(join(tmpdir(), 'budflow-outside-')));
  mkdirSync(join(root, 'docs'));
  writeFileSync(join(root, 'docs', 'a.txt'), 'alpha');
  writeFileSync(join(root, 'docs', 'b.json'), '{"b":1}');
  writeFileSync(join(root, 'docs', 'c[1].txt'), 'bracket');
  writeFileSync(join(outsideDir, 'secret.txt'), 'secret');
  symlinkSync(outsideDir, join(root, 'escape'));
  process.chdir(root);
});

afterAll(() => {
  process.chdir(previous);
  rmSync(root, { recursive: true, force: true });
  rmSync(outsideDir, { recursive: true, force: true });
});

const read = (fileSelector: string, extra: Record<string, unknown> = {}) =>
  runStep({
    type: 'readWriteFile',
    typeVersion: 1.1,
    parameters: { operation: 'read', fileSelector, ...extra },
  });

describe('Read/Write Files from Disk', () => {
  it('reads the files a glob matches, as binary items', async () => {
    const result = await read('docs/*.{txt,json}');
    const items = (result.ok ? result.outputs[0] : []) as Item[];
    expect(items.map((item) => item.json.fileName)).toEqual(['a.txt', 'b.json', 'c[1].txt']);
    expect(items[0]!.json).toEqual({
      mimeType: 'text/plain',
      fileType: 'text',
      fileName: 'a.txt',
      fileExtension: 'txt',
      fileSize: 5,
    });
    expect(items[0]!.binary!.data).toMatchObject({
      data: Buffer.from('alpha').toString('base64'),
      directory: 'docs',
    });
  });

  it('treats brackets as literal characters by default', async () => {
    const result = await read('docs/c[1].txt');
    expect(result.ok && result.outputs[0]!.map((item) => item.json.fileName)).toEqual(['c[1].txt']);
  });

  it('fails when nothing matches (v1.1)', async () => {
    const result = await read('docs/none.txt');
    expect(result.ok ? '' : result.error.message).toBe('No file(s) found');
  });

  it.each([
    ['a .. escape', '../etc/passwd'],
    ['an absolute path elsewhere', '/etc/passwd'],
    ['a symlink leading out', 'escape/secret.txt'],
  ])('refuses %s', async (_name, path) => {
    const result = await read(path);
    expect(result.ok ? '' : result.error.message).toBe(
      `Access to the file is not allowed: '${path}' is outside the working directory`,
    );
  });

  it('accepts absolute paths inside the working directory', async () => {
    const result = await read(join(root, 'docs', 'a.txt'));
    expect(result.ok && result.outputs[0]![0]!.json.fileName).toBe('a.txt');
  });

  it('writes and appends binary data, passing the item on with the file name', async () => {
    const item = {
      json: { k: 1 },
      binary: { data: { mimeType: 'text/plain', data: Buffer.from('one').toString('base64') } },
    };
    const write = (options = {}) =>
      runStep({
        type: 'readWriteFile',
        parameters: { operation: 'write', fileName: 'out.txt', options },
        inputs: [[item]],
      });
    const result = await write();
    expect(result.ok && result.outputs[0]![0]!.json).toEqual({ k: 1, fileName: 'out.txt' });
    await write({ append: true });
    expect(readFileSync(join(root, 'out.txt'), 'utf8')).toBe('oneone');
    const refused = await runStep({
      type: 'readWriteFile',
      parameters: { operation: 'write', fileName: '../x.txt' },
      inputs: [[item]],
    });
    expect(refused.ok).toBe(false);
  });

  it('returns error items with "continue on fail"', async () => {
    const result = await runStep({
      type: 'readWriteFile',
      parameters: { operation: 'read', fileSelector: '/etc/passwd' },
      continueOnFail: true,
    });
    expect(result.ok && result.outputs[0]![0]!.json.error).toMatch(/outside the working directory/);
  });
});
