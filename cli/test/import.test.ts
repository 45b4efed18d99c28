import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { budflow, repoRoot } from './run-cli.test-support.js';

const dir = mkdtempSync(join(tmpdir(), 'budflow-import-'));
const write = (name: string, value: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
  return path;
};

const n8nWorkflow = {
  name: 'Orders → CRM (prod)',
  nodes: [
    { id: '1', name: 'When clicking', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
    {
      id: '2',
      name: 'Fetch',
      type: 'n8n-nodes-base.httpRequest',
      typeVersion: 4.2,
      position: [200, 0],
      parameters: { url: 'https://example.test/orders', authentication: 'genericCredentialType', genericAuthType: 'httpBasicAuth' },
      credentials: { httpBasicAuth: { id: '7', name: 'CRM login' } },
      retryOnFail: true,
      continueOnFail: true,
    },
    { id: '3', name: 'Note', type: 'n8n-nodes-base.stickyNote', typeVersion: 1, position: [0, 200], parameters: { content: 'hi' } },
    { id: '4', name: 'Keep', type: 'n8n-nodes-base.filter', typeVersion: 2, position: [400, 0], parameters: {} },
  ],
  connections: {
    'When clicking': { main: [[{ node: 'Fetch', type: 'main', index: 0 }]] },
    Fetch: { main: [[{ node: 'Keep', type: 'main', index: 0 }]] },
  },
  settings: { executionOrder: 'v1', executionTimeout: 120 },
  pinData: { Fetch: [{ json: { id: 1 } }] },
};

describe('budflow import n8n', () => {
  it('writes a Workflow manifest that validates and keeps the n8n semantics', async () => {
    const result = await budflow(['import', 'n8n', write('orders.json', n8nWorkflow), '--namespace', 'shop']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("dropped sticky note 'Note'");
    const manifest = parse(result.stdout);
    expect(manifest.metadata).toEqual({ name: 'orders-crm-prod', namespace: 'shop' });
    expect(manifest.spec.nodes.map((n: { type: string }) => n.type)).toEqual(['manualTrigger', 'httpRequest', 'filter']);
    expect(manifest.spec.nodes[1]).toMatchObject({ retryOnFail: true, onError: 'continueRegularOutput', credentials: { httpBasicAuth: { secretName: 'crm-login', type: 'httpBasicAuth' } } });
    expect(manifest.spec.connections).toEqual([
      { from: 'When clicking', output: 0, to: 'Fetch', input: 0 },
      { from: 'Fetch', output: 0, to: 'Keep', input: 0 },
    ]);
    expect(manifest.spec.settings).toEqual({ executionOrder: 'v1', timeout: 120 });
    expect(manifest.spec.pinData).toEqual({ Fetch: [{ json: { id: 1 } }] });
    expect(result.stdout).toContain("# n8n credential type 'httpBasicAuth': create Secret 'crm-login'");
    const out = write('orders.yaml', result.stdout);
    expect((await budflow(['validate', out])).code).toBe(0);
  });

  it('lists unsupported node types and writes nothing, unless asked to keep them', async () => {
    const exotic = { ...n8nWorkflow, nodes: [...n8nWorkflow.nodes, { id: '9', name: 'Tweet', type: 'n8n-nodes-base.twitter', typeVersion: 2, position: [0, 0], parameters: {} }] };
    const file = write('exotic.json', exotic);
    const refused = await budflow(['import', 'n8n', file]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain("unsupported node 'Tweet' of type n8n-nodes-base.twitter");
    const kept = await budflow(['import', 'n8n', file, '--allow-unsupported', '--out', join(dir, 'exotic.yaml')]);
    expect(kept.code).toBe(0);
    const validate = await budflow(['validate', join(dir, 'exotic.yaml')]);
    expect(validate.code).toBe(1);
    expect(validate.stderr).toMatch(/unknown node type 'n8n-nodes-base.twitter'/);
  });

  it('imports an n8n fixture into a manifest that validates', async () => {
    const fixture = join(repoRoot, '..', 'shared', 'conformance', 'n8n', 'Switch', 'V3', 'test', 'switch.rules.workflow.json');
    const result = await budflow(['import', 'n8n', fixture, '--out', join(dir, 'switch.yaml')]);
    expect(result.code).toBe(0);
    expect((await budflow(['validate', join(dir, 'switch.yaml')])).code).toBe(0);
    expect(readFileSync(join(dir, 'switch.yaml'), 'utf8')).toContain('type: switch');
  });

  it('refuses a file that is not an n8n export, clearly', async () => {
    const result = await budflow(['import', 'n8n', write('nope.json', { hello: 'world' })]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/nope\.json is not an n8n workflow export/);
  });
});
