import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonObject } from '@budflow/runtime';
import {
  httpItems,
  runHttpStep,
  sendJson,
  startConnectProxy,
  startHttpsServer,
  startServer,
} from './http-test-kit.test-support.js';
import type { SeenRequest, TestServer } from './http-test-kit.test-support.js';
import { stringifyQuery } from './query-string.js';

let server: TestServer;
let pages: TestServer;

beforeAll(async () => {
  server = await startServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    switch (url.pathname) {
      case '/json':
        return sendJson(res, 200, [{ id: 1 }, { id: 2 }]);
      case '/object':
        return sendJson(res, 200, { hello: 'world' }, { 'x-extra': 'yes' });
      case '/echo':
        return sendJson(res, 200, echo(req));
      case '/text':
        res.writeHead(200, { 'content-type': 'text/plain' });
        return res.end('plain words');
      case '/image.png':
        res.writeHead(200, { 'content-type': 'image/png' });
        return res.end(Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]));
      case '/missing':
        return sendJson(res, 404, { message: 'no such thing' });
      case '/slow':
        return void setTimeout(() => sendJson(res, 200, {}), 300);
      case '/redirect':
        res.writeHead(302, { location: '/object' });
        return res.end();
      case '/loop':
        res.writeHead(302, { location: '/loop' });
        return res.end();
      default:
        return sendJson(res, 500, { message: 'unexpected path' });
    }
  });
  // Pages 0..2 hold two records each; page 3 is empty. `next` links the pages for the next-URL mode.
  pages = await startServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    const page = Number(url.searchParams.get('page') ?? 0);
    const records = page < 3 ? [{ n: page * 2 }, { n: page * 2 + 1 }] : [];
    const next = page < 2 ? `${pages.url}${url.pathname}?page=${page + 1}` : null;
    sendJson(res, 200, url.pathname === '/wrapped' ? { records, next } : records);
  });
});

afterAll(async () => {
  await server.close();
  await pages.close();
});

function echo(req: SeenRequest): JsonObject {
  return {
    method: req.method,
    url: req.url,
    headers: req.headers as JsonObject,
    body: req.body.toString('utf8'),
  };
}

const v4 = (parameters: JsonObject) => ({ typeVersion: 4.2, parameters });
const jsonOf = async (input: Parameters<typeof httpItems>[0]) =>
  (await httpItems(input)).map((item) => item.json);

describe('HTTP Request v4: responses', () => {
  it('splits a JSON array answer into items (autodetect)', async () => {
    expect(await jsonOf(v4({ url: `${server.url}/json` }))).toEqual([{ id: 1 }, { id: 2 }]);
  });

  it('puts text answers into the output field, and full responses add headers and status', async () => {
    expect(await jsonOf(v4({ url: `${server.url}/text` }))).toEqual([{ data: 'plain words' }]);
    const full = await jsonOf(
      v4({ url: `${server.url}/object`, options: { response: { response: { fullResponse: true } } } }),
    );
    expect(full[0]).toMatchObject({ body: { hello: 'world' }, statusCode: 200, statusMessage: 'OK' });
    expect((full[0]!.headers as JsonObject)['x-extra']).toBe('yes');
  });

  it('returns files as n8n binary data, keeping the input json', async () => {
    const [item] = await httpItems({
      ...v4({ url: `${server.url}/image.png` }),
      items: [{ json: { keep: 1 } }],
    });
    expect(item!.json).toEqual({ keep: 1 });
    expect(item!.binary!.data).toMatchObject({
      mimeType: 'image/png',
      fileName: 'image.png',
      fileExtension: 'png',
      fileSize: 7,
      data: Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]).toString('base64'),
    });
  });

  it.each([
    ['text', { data: '{"hello":"world"}' }],
    ['json', { hello: 'world' }],
  ])('honours the response format %s', async (responseFormat, expected) => {
    const options = { response: { response: { responseFormat } } };
    expect(await jsonOf(v4({ url: `${server.url}/object`, options }))).toEqual([expected]);
  });

  it('fails with n8n NodeApiError messages, or returns the answer with "never error"', async () => {
    const result = await runHttpStep(v4({ url: `${server.url}/missing` }));
    expect(
      result.ok ? undefined : [result.error.name, result.error.message, result.error.description],
    ).toEqual(['NodeApiError', 'The resource you are requesting could not be found', 'no such thing']);
    const options = { response: { response: { neverError: true } } };
    expect(await jsonOf(v4({ url: `${server.url}/missing`, options }))).toEqual([
      { message: 'no such thing' },
    ]);
  });

  it('turns failures into error items with "continue on fail" (v4.5 adds details)', async () => {
    const [json] = await jsonOf({
      typeVersion: 4.5,
      parameters: { url: `${server.url}/missing` },
      continueOnFail: true,
    });
    expect(json).toMatchObject({
      error: { status: 404, error: { message: 'no such thing' } },
      details: { message: 'The resource you are requesting could not be found', httpCode: '404' },
    });
  });

  it('times out after the timeout option', async () => {
    const result = await runHttpStep(v4({ url: `${server.url}/slow`, options: { timeout: 50 } }));
    expect(result.ok ? '' : result.error.message).toBe(
      "The connection timed out, consider setting the 'Retry on Fail' option in the node settings",
    );
  });

  it('stops waiting when the step is cancelled', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    const result = await runHttpStep({ ...v4({ url: `${server.url}/slow` }), signal: controller.signal });
    expect(result.ok).toBe(false);
  });

  it('rejects URLs that are not http(s)', async () => {
    const result = await runHttpStep(v4({ url: 'ftp://example.com' }));
    expect(result.ok ? '' : result.error.message).toBe(
      'Invalid URL: ftp://example.com. URL must start with "http" or "https".',
    );
  });
});

describe('HTTP Request v4: requests', () => {
  it('sends query parameters as fields (repeated names become lists from v4.3) or JSON', async () => {
    const parameters = {
      url: `${server.url}/echo`,
      sendQuery: true,
      queryParameters: {
        parameters: [
          { name: 'a', value: '1' },
          { name: 'a', value: '2' },
          { name: 'b', value: 'x y' },
        ],
      },
    };
    const [v43] = await jsonOf({ typeVersion: 4.3, parameters });
    expect(v43!.url).toBe('/echo?a%5B0%5D=1&a%5B1%5D=2&b=x%20y');
    const [v42] = await jsonOf({ typeVersion: 4.2, parameters });
    expect(v42!.url).toBe('/echo?a=2&b=x%20y');
    const [brackets] = await jsonOf({
      typeVersion: 4.3,
      parameters: { ...parameters, options: { queryParameterArrays: 'repeat' } },
    });
    expect(brackets!.url).toBe('/echo?a=1&a=2&b=x%20y');
    const [json] = await jsonOf(
      v4({ url: `${server.url}/echo?z=0`, sendQuery: true, specifyQuery: 'json', jsonQuery: '{"q":"w"}' }),
    );
    expect(json!.url).toBe('/echo?z=0&q=w');
  });

  it('sends headers lowercased unless asked not to', async () => {
    const headerParameters = { parameters: [{ name: 'X-Custom', value: 'v' }] };
    const [lower] = await jsonOf(v4({ url: `${server.url}/echo`, sendHeaders: true, headerParameters }));
    expect((lower!.headers as JsonObject)['x-custom']).toBe('v');
    const [json] = await jsonOf(
      v4({
        url: `${server.url}/echo`,
        sendHeaders: true,
        specifyHeaders: 'json',
        jsonHeaders: '{"X-J":"1"}',
      }),
    );
    expect((json!.headers as JsonObject)['x-j']).toBe('1');
  });

  it('sends JSON bodies from fields (dot paths nest from v4) or from JSON', async () => {
    const body = { sendBody: true, bodyParameters: { parameters: [{ name: 'a.b', value: 'c' }] } };
    const [nested] = await jsonOf(v4({ url: `${server.url}/echo`, method: 'POST', ...body }));
    expect(JSON.parse(nested!.body as string)).toEqual({ a: { b: 'c' } });
    expect((nested!.headers as JsonObject)['content-type']).toBe('application/json');
    const [flat] = await jsonOf({
      typeVersion: 3,
      parameters: { url: `${server.url}/echo`, method: 'POST', ...body },
    });
    expect(JSON.parse(flat!.body as string)).toEqual({ 'a.b': 'c' });
    const [json] = await jsonOf(
      v4({
        url: `${server.url}/echo`,
        method: 'POST',
        sendBody: true,
        specifyBody: 'json',
        jsonBody: '{"x":[1]}',
      }),
    );
    expect(JSON.parse(json!.body as string)).toEqual({ x: [1] });
  });

  it('sends form-urlencoded, raw and binary bodies', async () => {
    const [form] = await jsonOf(
      v4({
        url: `${server.url}/echo`,
        method: 'POST',
        sendBody: true,
        contentType: 'form-urlencoded',
        bodyParameters: {
          parameters: [
            { name: 'a', value: '1 2' },
            { name: 'b', value: '&' },
          ],
        },
      }),
    );
    expect([form!.body, (form!.headers as JsonObject)['content-type']]).toEqual([
      'a=1%202&b=%26',
      'application/x-www-form-urlencoded',
    ]);
    const [raw] = await jsonOf(
      v4({
        url: `${server.url}/echo`,
        method: 'PUT',
        sendBody: true,
        contentType: 'raw',
        rawContentType: 'text/xml',
        body: '<a/>',
      }),
    );
    expect([raw!.body, (raw!.headers as JsonObject)['content-type']]).toEqual(['<a/>', 'text/xml']);
    const [binary] = await jsonOf({
      ...v4({
        url: `${server.url}/echo`,
        method: 'POST',
        sendBody: true,
        contentType: 'binaryData',
        inputDataFieldName: 'file',
      }),
      items: [
        { json: {}, binary: { file: { mimeType: 'text/csv', data: Buffer.from('a,b').toString('base64') } } },
      ],
    });
    expect([binary!.body, (binary!.headers as JsonObject)['content-type']]).toEqual(['a,b', 'text/csv']);
  });

  it('sends multipart form data with files from the item', async () => {
    const [json] = await jsonOf({
      ...v4({
        url: `${server.url}/echo`,
        method: 'POST',
        sendBody: true,
        contentType: 'multipart-form-data',
        bodyParameters: {
          parameters: [
            { name: 'field', value: 'text' },
            { parameterType: 'formBinaryData', name: 'upload', inputDataFieldName: 'data' },
          ],
        },
      }),
      items: [
        {
          json: {},
          binary: {
            data: { mimeType: 'text/plain', fileName: 'a.txt', data: Buffer.from('hi').toString('base64') },
          },
        },
      ],
    });
    const body = json!.body as string;
    expect((json!.headers as JsonObject)['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(body).toContain('name="field"\r\n\r\ntext');
    expect(body).toContain('name="upload"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nhi');
  });

  it('follows redirects by default from v4 and not in v3', async () => {
    expect(await jsonOf(v4({ url: `${server.url}/redirect` }))).toEqual([{ hello: 'world' }]);
    const v3 = await runHttpStep({ typeVersion: 3, parameters: { url: `${server.url}/redirect` } });
    expect(v3.ok).toBe(false);
    const limited = await runHttpStep(
      v4({
        url: `${server.url}/loop`,
        options: { redirect: { redirect: { followRedirects: true, maxRedirects: 3 } } },
      }),
    );
    expect(limited.ok ? '' : limited.error.message).toBe('Maximum number of redirects exceeded');
  });

  it('waits between batches of items', async () => {
    const before = server.seen.length;
    await httpItems({
      ...v4({
        url: `${server.url}/object`,
        options: { batching: { batch: { batchSize: 1, batchInterval: 60 } } },
      }),
      items: [{ json: {} }, { json: {} }, { json: {} }],
    });
    const times = server.seen.slice(before).map((req) => req.at);
    expect(times[2]! - times[0]!).toBeGreaterThanOrEqual(110);
  });
});

describe('HTTP Request v4: authentication', () => {
  it.each([
    [
      'httpBasicAuth',
      { user: 'u', password: 'p' },
      (r: JsonObject) => (r.headers as JsonObject).authorization,
      `Basic ${Buffer.from('u:p').toString('base64')}`,
    ],
    [
      'httpBearerAuth',
      { token: 't0k' },
      (r: JsonObject) => (r.headers as JsonObject).authorization,
      'Bearer t0k',
    ],
    [
      'httpHeaderAuth',
      { name: 'X-Key', value: 'k' },
      (r: JsonObject) => (r.headers as JsonObject)['x-key'],
      'k',
    ],
    ['httpQueryAuth', { name: 'key', value: 'k v' }, (r: JsonObject) => r.url, '/echo?key=k%20v'],
    [
      'httpCustomAuth',
      { json: '{"headers":{"X-C":"c"}}' },
      (r: JsonObject) => (r.headers as JsonObject)['x-c'],
      'c',
    ],
  ])('applies %s credentials', async (type, credential, pick, expected) => {
    const [json] = await jsonOf({
      ...v4({ url: `${server.url}/echo`, authentication: 'genericCredentialType', genericAuthType: type }),
      credentials: { [type]: credential },
    });
    expect(pick(json!)).toBe(expected);
  });

  it('refuses credential types it cannot apply', async () => {
    const result = await runHttpStep(
      v4({
        url: `${server.url}/echo`,
        authentication: 'genericCredentialType',
        genericAuthType: 'oAuth2Api',
      }),
    );
    expect(result.ok ? '' : result.error.message).toBe(
      "Authentication with credentials of type 'oAuth2Api' is not supported by BudFlow yet",
    );
  });
});

describe('HTTP Request v4: pagination', () => {
  const paginated = (pagination: JsonObject, url = `${pages.url}/list`) =>
    jsonOf(v4({ url, options: { pagination: { pagination } } }));

  it('updates a parameter with $pageCount until the response is empty', async () => {
    const items = await paginated({
      parameters: { parameters: [{ type: 'qs', name: 'page', value: '={{ $pageCount }}' }] },
    });
    expect(items).toEqual([0, 1, 2, 3, 4, 5].map((n) => ({ n })));
  });

  it('follows the next URL from $response until an expression says it is complete', async () => {
    const items = await paginated(
      {
        paginationMode: 'responseContainsNextURL',
        nextURL: '={{ $response.body.next }}',
        paginationCompleteWhen: 'other',
        completeExpression: '={{ !$response.body.next }}',
      },
      `${pages.url}/wrapped`,
    );
    expect(items.map((json) => (json.records as JsonObject[]).length)).toEqual([2, 2, 2]);
  });

  it('stops at the page limit', async () => {
    const items = await paginated({
      parameters: { parameters: [{ type: 'qs', name: 'page', value: '={{ $pageCount }}' }] },
      limitPagesFetched: true,
      maxRequests: 2,
    });
    expect(items).toEqual([0, 1, 2, 3].map((n) => ({ n })));
  });
});

describe('HTTP Request: TLS and proxies', () => {
  it('refuses self-signed certificates unless "Ignore SSL Issues" is on', async () => {
    const tls = await startHttpsServer((_req, res) => sendJson(res, 200, { secure: true }));
    try {
      const strict = await runHttpStep(v4({ url: `${tls.url}/` }));
      expect(strict.ok).toBe(false);
      expect(await jsonOf(v4({ url: `${tls.url}/`, options: { allowUnauthorizedCerts: true } }))).toEqual([
        { secure: true },
      ]);
      // The certificate as CA of an httpSslAuth credential (pasted on one line) makes it trusted.
      const trusted = await jsonOf({
        ...v4({ url: `${tls.url}/`, provideSslCertificates: true }),
        credentials: { httpSslAuth: { ca: tls.cert.replace(/\n/g, ' ') } },
      });
      expect(trusted).toEqual([{ secure: true }]);
    } finally {
      await tls.close();
    }
  });

  it('sends requests through the proxy option', async () => {
    const proxy = await startConnectProxy();
    try {
      expect(await jsonOf(v4({ url: `${server.url}/object`, options: { proxy: proxy.url } }))).toEqual([
        { hello: 'world' },
      ]);
      expect(proxy.tunnels).toEqual([new URL(server.url).host]);
    } finally {
      await proxy.close();
    }
  });
});

describe('HTTP Request v1 and v2', () => {
  it('sends UI parameters and parses JSON answers', async () => {
    const [json] = await jsonOf({
      typeVersion: 1,
      parameters: {
        url: `${server.url}/echo`,
        requestMethod: 'POST',
        queryParametersUi: { parameter: [{ name: 'q', value: '1' }] },
        headerParametersUi: { parameter: [{ name: 'X-H', value: 'h' }] },
        bodyParametersUi: { parameter: [{ name: 'b', value: 'v' }] },
      },
    });
    expect([json!.url, (json!.headers as JsonObject)['x-h'], JSON.parse(json!.body as string)]).toEqual([
      '/echo?q=1',
      'h',
      { b: 'v' },
    ]);
  });

  it('splits arrays only when asked, and reads strings and files', async () => {
    // n8n would output the array itself as the item's json; an item's json is an object here.
    expect(await jsonOf({ typeVersion: 2, parameters: { url: `${server.url}/json` } })).toEqual([
      { value: [{ id: 1 }, { id: 2 }] },
    ]);
    expect(
      await jsonOf({
        typeVersion: 2,
        parameters: { url: `${server.url}/json`, options: { splitIntoItems: true } },
      }),
    ).toEqual([{ id: 1 }, { id: 2 }]);
    expect(
      await jsonOf({ typeVersion: 2, parameters: { url: `${server.url}/text`, responseFormat: 'string' } }),
    ).toEqual([{ data: 'plain words' }]);
    const [file] = await httpItems({
      typeVersion: 1,
      parameters: { url: `${server.url}/image.png`, responseFormat: 'file' },
    });
    expect(file!.binary!.data!.mimeType).toBe('image/png');
  });

  it('uses v1 basic auth credentials', async () => {
    const [json] = await jsonOf({
      typeVersion: 1,
      parameters: { url: `${server.url}/echo`, authentication: 'basicAuth' },
      credentials: { httpBasicAuth: { user: 'a', password: 'b' } },
    });
    expect((json!.headers as JsonObject).authorization).toBe(
      `Basic ${Buffer.from('a:b').toString('base64')}`,
    );
  });

  it('sends JSON/RAW parameters and reports invalid JSON', async () => {
    const parameters = {
      url: `${server.url}/echo`,
      requestMethod: 'POST',
      jsonParameters: true,
      bodyParametersJson: '{"k":1}',
      queryParametersJson: '{"p":"2"}',
    };
    const [json] = await jsonOf({ typeVersion: 2, parameters });
    expect([json!.url, JSON.parse(json!.body as string)]).toEqual(['/echo?p=2', { k: 1 }]);
    const broken = await runHttpStep({
      typeVersion: 2,
      parameters: { ...parameters, bodyParametersJson: '{' },
    });
    expect(broken.ok ? '' : broken.error.message).toBe(
      'The data in "Body Parameters" is no valid JSON. Set Body Content Type to "RAW/Custom" for XML or other types of payloads',
    );
  });
});

describe('query strings', () => {
  it.each([
    ['indices', 'a%5B0%5D=1&a%5B1%5D=2&o%5Bk%5D=v&n='],
    ['brackets', 'a%5B%5D=1&a%5B%5D=2&o%5Bk%5D=v&n='],
    ['repeat', 'a=1&a=2&o%5Bk%5D=v&n='],
  ] as const)('writes arrays as %s, objects nested and null empty', (format, expected) => {
    expect(stringifyQuery({ a: [1, 2], o: { k: 'v' }, n: null, u: undefined }, format)).toBe(expected);
  });
});
