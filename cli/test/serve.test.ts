import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from './run-cli.test-support.js';

const main = fileURLToPath(new URL('../dist/main.js', import.meta.url));
let child: ChildProcess;
let url: string;
let stdout = '';
let stderr = '';

beforeAll(async () => {
  child = spawn(
    process.execPath,
    [main, 'serve', 'examples', '--port', '0', '--no-watch', '--pool-size', '2'],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(stdout);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`budflow serve exited with ${code}: ${stderr}`)));
  });
}, 60_000);

afterAll(() => {
  if (child.exitCode === null) child.kill('SIGKILL');
});

describe('budflow serve DIR (the built binary, real HTTP)', () => {
  it('lists the webhook URLs of examples/ and skips the files that are not manifests', () => {
    expect(stdout).toContain(`POST   ${url}/webhook/hello  (default/webhook-hello, node 'Webhook')`);
    expect(stdout).toContain(
      `POST   ${url}/webhook/orders/:id  (default/webhook-orders, node 'Order webhook')`,
    );
    expect(stderr).not.toContain('problem:');
  });

  it('examples/webhook-hello.yaml answers with its last node', async () => {
    const response = await fetch(`${url}/webhook/hello`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"name":"Ada"}',
    });
    expect([response.status, await response.json()]).toEqual([
      200,
      { greeting: 'Hello, Ada!', via: 'POST /webhook/hello' },
    ]);
  });

  it('examples/webhook-orders.yaml checks the HMAC signature and answers from Respond to Webhook', async () => {
    const body = '{"qty":2}';
    const ts = String(Math.floor(Date.now() / 1000));
    const signature = createHmac('sha256', 'change-me').update(`${ts}.${body}`).digest('hex');
    const response = await fetch(`${url}/webhook/orders/42`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-timestamp': ts,
        'x-signature': `sha256=${signature}`,
      },
      body,
    });
    expect([response.status, await response.json()]).toEqual([
      201,
      { order: '42', quantity: 2, status: 'accepted' },
    ]);
    const forged = await fetch(`${url}/webhook/orders/42`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-timestamp': ts, 'x-signature': 'sha256=00' },
      body,
    });
    expect(forged.status).toBe(403);
  });

  it('stops on SIGTERM with exit code 0', async () => {
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
