import { afterEach, describe, expect, it } from 'vitest';
import { lastItem, testApp, webhookWorkflow } from '../gateway.test-support.js';
import type { TestApp } from '../gateway.test-support.js';

let t: TestApp;
afterEach(() => t?.app.close());

function multipart(
  boundary: string,
  parts: Array<{ name: string; value: string | Buffer; fileName?: string; type?: string }>,
): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = `form-data; name="${part.name}"${part.fileName ? `; filename="${part.fileName}"` : ''}`;
    const head = `--${boundary}\r\nContent-Disposition: ${disposition}\r\n${part.type ? `Content-Type: ${part.type}\r\n` : ''}\r\n`;
    chunks.push(
      Buffer.from(head),
      Buffer.isBuffer(part.value) ? part.value : Buffer.from(part.value),
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

describe('the trigger item', () => {
  it("is n8n's Webhook output: headers, params, query, body, webhookUrl, executionMode", async () => {
    t = await testApp([webhookWorkflow('w', { path: 'hook' })]);
    await t.app.inject({
      method: 'POST',
      url: '/webhook/hook?x=1',
      headers: { 'x-trace': 'abc', host: 'hooks.example' },
      payload: { a: 1 },
    });
    const { json, binary } = lastItem(t.intake);
    expect(binary).toBeUndefined();
    expect(json).toMatchObject({
      params: {},
      query: { x: '1' },
      body: { a: 1 },
      webhookUrl: 'http://hooks.example/webhook/hook',
      executionMode: 'production',
    });
    expect(json.headers).toMatchObject({ 'x-trace': 'abc', 'content-type': 'application/json' });
    expect(t.intake.triggers[0]).toMatchObject({
      namespace: 'default',
      workflow: 'w',
      node: 'Webhook',
      responseMode: 'onReceived',
      keyed: false,
    });
  });

  it('builds webhookUrl from the configured public URL', async () => {
    t = await testApp([webhookWorkflow('w', { path: 'hook' }, { namespace: 'shop' })], {
      config: { publicUrl: 'https://hooks.example.com/' },
    });
    await t.app.inject({ method: 'POST', url: '/webhook/shop/hook' });
    expect(lastItem(t.intake).json.webhookUrl).toBe('https://hooks.example.com/webhook/shop/hook');
  });
});

describe('request bodies', () => {
  const send = (payload: string | Buffer, contentType?: string, extra: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url: '/webhook/hook',
      payload,
      headers: { ...(contentType ? { 'content-type': contentType } : {}), ...extra },
    });

  it.each([
    ['JSON', '{"a":[1,2]}', 'application/json', { a: [1, 2] }],
    ['JSON with a +json type', '{"a":1}', 'application/vnd.api+json', { a: 1 }],
    [
      'a form (a repeated field is a list)',
      'a=1&b=x&b=y',
      'application/x-www-form-urlencoded',
      { a: '1', b: ['x', 'y'] },
    ],
    ['text', 'hello', 'text/plain', 'hello'],
    ['XML, as text', '<a>1</a>', 'application/xml', '<a>1</a>'],
    ['an empty body', '', 'application/json', {}],
    ['JSON without a content type', '{"a":1}', undefined, { a: 1 }],
    ['a __proto__ key, dropped', '{"__proto__":{"x":1},"a":1}', 'application/json', { a: 1 }],
  ])('parses %s', async (_name, payload, type, body) => {
    t = await testApp([webhookWorkflow('w', { path: 'hook' })]);
    expect((await send(payload, type)).statusCode).toBe(200);
    expect(lastItem(t.intake).json.body).toEqual(body);
  });

  it('refuses invalid JSON with 400', async () => {
    t = await testApp([webhookWorkflow('w', { path: 'hook' })]);
    const response = await send('{"a":', 'application/json');
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('BF_ERR_WEBHOOK_BODY_INVALID');
    expect(t.intake.triggers).toHaveLength(0);
  });

  it('refuses a body over the limit with 413 (16 MiB by default, configurable)', async () => {
    t = await testApp([webhookWorkflow('w', { path: 'hook' })], { config: { bodyLimitBytes: 1024 } });
    const response = await send(JSON.stringify({ a: 'x'.repeat(2000) }), 'application/json');
    expect(response.statusCode).toBe(413);
    expect(response.json()).toEqual({
      code: 'BF_ERR_WEBHOOK_BODY_TOO_LARGE',
      message: 'The request body is too large',
    });
    expect((await send('{"a":1}', 'application/json')).statusCode).toBe(200);
  });

  // Parsing is checked with binary data kept inline (by default every file goes to the data store, tested below).
  const inline = { config: { binaryInlineLimitBytes: 1024 * 1024 } };

  it('turns a binary body into binary data (base64, mimeType, fileName, fileSize) with an empty body', async () => {
    t = await testApp([webhookWorkflow('w', { path: 'hook' })], inline);
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    await send(png, 'image/png', { 'content-disposition': 'attachment; filename="dot.png"' });
    const item = lastItem(t.intake);
    expect(item.json.body).toEqual({});
    expect(item.binary).toEqual({
      data: {
        data: png.toString('base64'),
        mimeType: 'image/png',
        fileName: 'dot.png',
        fileExtension: 'png',
        fileSize: 7,
      },
    });
  });

  it('keeps the raw body as binary beside the parsed body with the rawBody option', async () => {
    t = await testApp([webhookWorkflow('w', { path: 'hook', options: { rawBody: true } })], inline);
    await send('{"a":1}', 'application/json');
    const item = lastItem(t.intake);
    expect(item.json.body).toEqual({ a: 1 });
    expect(item.binary?.data).toMatchObject({
      data: Buffer.from('{"a":1}').toString('base64'),
      mimeType: 'application/json',
      fileSize: 7,
    });
  });

  it('treats the whole body as binary with the v1 binaryData option, under binaryPropertyName', async () => {
    t = await testApp([
      webhookWorkflow(
        'w',
        { path: 'hook', options: { binaryData: true, binaryPropertyName: 'file' } },
        { typeVersion: 1 },
      ),
    ]);
    await send('{"a":1}', 'application/json');
    expect(lastItem(t.intake).binary?.file).toMatchObject({ mimeType: 'application/json', fileSize: 7 });
  });

  it('reads multipart fields into body and files into binary properties named as n8n names them', async () => {
    t = await testApp([webhookWorkflow('w', { path: 'hook' })], inline);
    const payload = multipart('XyZ', [
      { name: 'title', value: 'report' },
      { name: 'tag', value: 'a' },
      { name: 'tag', value: 'b' },
      { name: 'doc', value: Buffer.from('%PDF-1'), fileName: 'r.pdf', type: 'application/pdf' },
      { name: 'pics[]', value: Buffer.from('one'), fileName: '1.txt', type: 'text/plain' },
      { name: 'pics[]', value: Buffer.from('two'), fileName: '2.txt', type: 'text/plain' },
    ]);
    const response = await send(payload, 'multipart/form-data; boundary=XyZ');
    expect(response.statusCode).toBe(200);
    const item = lastItem(t.intake);
    expect(item.json.body).toEqual({ title: 'report', tag: ['a', 'b'] });
    expect(Object.keys(item.binary ?? {})).toEqual(['doc', 'pics0', 'pics1']);
    expect(item.binary?.doc).toEqual({
      data: Buffer.from('%PDF-1').toString('base64'),
      mimeType: 'application/pdf',
      fileName: 'r.pdf',
      fileExtension: 'pdf',
      fileSize: 6,
    });
    expect(Buffer.from(item.binary!.pics1!.data!, 'base64').toString()).toBe('two');
  });

  it('names multipart files <binaryPropertyName><n> with that option, and limits their size', async () => {
    t = await testApp([webhookWorkflow('w', { path: 'hook', options: { binaryPropertyName: 'file' } })], {
      config: { bodyLimitBytes: 64 },
    });
    const ok = multipart('b', [{ name: 'x', value: 'abc', fileName: 'a.txt', type: 'text/plain' }]);
    await send(ok, 'multipart/form-data; boundary=b');
    expect(Object.keys(lastItem(t.intake).binary ?? {})).toEqual(['file0']);
    const big = multipart('b', [
      { name: 'x', value: Buffer.alloc(200, 1), fileName: 'a.bin', type: 'application/octet-stream' },
    ]);
    const response = await send(big, 'multipart/form-data; boundary=b');
    expect(response.statusCode).toBe(413);
    expect(response.json().code).toBe('BF_ERR_WEBHOOK_BODY_TOO_LARGE');
  });

  it('by default puts every uploaded file in the data store, never into the trigger', async () => {
    t = await testApp([webhookWorkflow('w', { path: 'hook' })]);
    const payload = multipart('b', [
      { name: 'doc', value: Buffer.from('tiny'), fileName: 't.txt', type: 'text/plain' },
    ]);
    await send(payload, 'multipart/form-data; boundary=b');
    const trigger = t.intake.triggers[0]!;
    expect(trigger.items[0]!.binary!.doc).toEqual({
      id: `binary/${trigger.executionId}/doc`,
      mimeType: 'text/plain',
      fileName: 't.txt',
      fileExtension: 'txt',
      fileSize: 4,
    });
    expect(trigger.binaryRefs).toEqual([`binary/${trigger.executionId}/doc`]);
    expect(JSON.stringify(trigger)).not.toContain(Buffer.from('tiny').toString('base64'));
  });

  it('moves binary data past the threshold to the data store and keeps a reference on the item', async () => {
    t = await testApp([webhookWorkflow('w', { path: 'hook' })], { config: { binaryInlineLimitBytes: 16 } });
    const bytes = Buffer.alloc(100, 7);
    await send(bytes, 'application/octet-stream');
    const trigger = t.intake.triggers[0]!;
    const binary = trigger.items[0]!.binary!.data!;
    expect(binary).toEqual({
      id: `binary/${trigger.executionId}/data`,
      mimeType: 'application/octet-stream',
      fileSize: 100,
    });
    expect(trigger.binaryRefs).toEqual([binary.id]);
    expect(await t.store.get(binary.id!)).toBe(bytes.toString('base64'));
  });
});

describe('idempotency', () => {
  it('starts one execution for repeated Idempotency-Key headers and answers the repeat with the same id', async () => {
    t = await testApp([webhookWorkflow('w', { path: 'hook' })]);
    const call = () =>
      t.app.inject({
        method: 'POST',
        url: '/webhook/hook',
        headers: { 'idempotency-key': 'order-42' },
        payload: {},
      });
    const first = await call();
    const again = await call();
    expect(t.intake.triggers).toHaveLength(1);
    expect(again.json().executionId).toBe(first.json().executionId);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(t.intake.triggers[0]).toMatchObject({
      keyed: true,
      deliveryId: expect.stringMatching(/^idem-[0-9a-f]{64}$/),
    });
  });

  it('reads the key from a configured body field, and keeps keys of different webhooks apart', async () => {
    t = await testApp([
      webhookWorkflow('a', { path: 'a', options: { idempotency: { bodyField: 'event.id' } } }),
      webhookWorkflow('b', { path: 'b', options: { idempotency: { bodyField: 'event.id' } } }),
    ]);
    const call = (path: string, id: unknown) =>
      t.app.inject({ method: 'POST', url: `/webhook/${path}`, payload: { event: { id } } });
    await call('a', 'evt_1');
    await call('a', 'evt_1');
    await call('a', 'evt_2');
    await call('b', 'evt_1');
    await call('a', { not: 'a key' });
    await call('a', { not: 'a key' });
    expect(t.intake.triggers.map((tr) => `${tr.workflow}:${tr.keyed}`)).toEqual([
      'a:true',
      'a:true',
      'b:true',
      'a:false',
      'a:false',
    ]);
    expect(new Set(t.intake.triggers.map((tr) => tr.executionId)).size).toBe(5);
  });
});
