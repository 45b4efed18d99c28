import { describe, expect, it } from 'vitest';
import { fileNameOf, mediaTypeOf, parseBody } from './parse-body.js';

const none = { rawBody: false, binaryData: false };

describe('parseBody', () => {
  it.each([
    ['application/octet-stream', 'application/octet-stream'],
    ['application/pdf', 'application/pdf'],
    ['image/jpeg; q=1', 'image/jpeg'],
  ])('makes a %s body binary data', (type, mimeType) => {
    const parsed = parseBody(type, Buffer.from('abc'), undefined, none);
    expect(parsed).toEqual({ body: {}, files: [{ property: 'data', data: Buffer.from('abc'), mimeType }] });
  });

  it('keeps text without a declared type that is not JSON', () => {
    expect(parseBody(undefined, Buffer.from('not json'), undefined, none).body).toBe('not json');
  });

  it('reads the media type and the file name', () => {
    expect(mediaTypeOf('Application/JSON; charset=utf-8')).toBe('application/json');
    expect(fileNameOf('attachment; filename="a b.txt"')).toBe('a b.txt');
    expect(fileNameOf("attachment; filename*=UTF-8''%C3%A9t%C3%A9.pdf")).toBe('été.pdf');
    expect(fileNameOf('inline')).toBeUndefined();
  });
});
