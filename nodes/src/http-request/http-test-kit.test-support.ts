import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { executeStep } from '@budflow/runtime';
import type { CredentialData, Item, JsonObject, StepJob, StepResult } from '@budflow/runtime';
import { TEST_NOW, testRegistry } from '../test-support/run-step.test-support.js';

/** A request as the test server saw it. */
export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  at: number;
}

export type Handler = (request: SeenRequest, response: ServerResponse) => void;

/** A real HTTP(S) server on 127.0.0.1 with an ephemeral port, recording every request it answers. */
export interface TestServer {
  url: string;
  seen: SeenRequest[];
  close(): Promise<void>;
}

function listen(server: Server, scheme: string, seen: SeenRequest[]): Promise<TestServer> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `${scheme}://127.0.0.1:${port}`,
        seen,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

function recording(handler: Handler, seen: SeenRequest[]) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks),
        at: Date.now(),
      };
      seen.push(request);
      handler(request, res);
    });
  };
}

export function startServer(handler: Handler): Promise<TestServer> {
  const seen: SeenRequest[] = [];
  return listen(createServer(recording(handler, seen)), 'http', seen);
}

/** An HTTPS server with a self-signed certificate made by openssl for this run. */
export function startHttpsServer(handler: Handler): Promise<TestServer & { cert: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'budflow-tls-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    const tls = { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
    const seen: SeenRequest[] = [];
    const server = createHttpsServer(tls, recording(handler, seen)) as unknown as Server;
    return listen(server, 'https', seen).then((running) =>
      Object.assign(running, { cert: tls.cert.toString() }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A forward proxy (absolute-form requests and CONNECT tunnels), recording the hosts it was asked for. */
export function startConnectProxy(): Promise<TestServer & { tunnels: string[] }> {
  const tunnels: string[] = [];
  const server = createServer((req, res) => {
    const target = new URL(req.url ?? '');
    tunnels.push(target.host);
    const upstream = httpRequest(target, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  server.on('connect', (req: IncomingMessage, socket, head: Buffer) => {
    tunnels.push(req.url ?? '');
    const [host, port] = (req.url ?? '').split(':');
    const upstream = connect(Number(port), host, () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  return listen(server, 'http', []).then((running) => Object.assign(running, { tunnels }));
}

/** Sends JSON with a status. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

export interface HttpStepInput {
  typeVersion: number;
  parameters: JsonObject;
  items?: Item[];
  credentials?: Record<string, CredentialData>;
  continueOnFail?: boolean;
  signal?: AbortSignal;
}

/** Runs one HTTP Request step in process (like runStep), with credentials from a map. */
export function runHttpStep(input: HttpStepInput): Promise<StepResult> {
  const items = input.items ?? [{ json: {} }];
  const job: StepJob = {
    stepId: 'step-1',
    executionId: 'exec-1',
    workflow: { name: 'test-workflow', active: false },
    node: {
      name: 'HTTP Request',
      type: 'httpRequest',
      typeVersion: input.typeVersion,
      parameters: input.parameters,
    },
    runIndex: 0,
    attempt: 1,
    inputs: [items],
    source: [null],
    runData: {},
    nodeContext: {},
    mode: 'manual',
    timezone: 'UTC',
    vars: {},
    env: {},
    now: TEST_NOW,
    isContinueOnFail: input.continueOnFail ?? false,
  };
  const credentials = input.credentials ?? {};
  return executeStep(job, {
    registry: testRegistry,
    credentials: {
      get: async (_job, type) => {
        const data = credentials[type];
        if (!data) throw new Error(`no credentials of type ${type}`);
        return data;
      },
    },
    ...(input.signal ? { signal: input.signal } : {}),
  });
}

/** The items of output 0, failing with the step error if the step failed. */
export async function httpItems(input: HttpStepInput): Promise<Item[]> {
  const result = await runHttpStep(input);
  if (!result.ok) throw new Error(`step failed: ${result.error.message} (${result.error.description ?? ''})`);
  return (result.outputs[0] ?? []).map(({ pairedItem: _paired, ...item }) => item);
}
