import { describe, expect, it } from 'vitest';
import { registry, webhookWorkflow } from '../gateway.test-support.js';
import { buildRouteTable } from './build-route-table.js';

const match = (
  build: ReturnType<typeof buildRouteTable>,
  method: string,
  path: string,
  kind: 'production' | 'test' = 'production',
) => {
  const result = build.table.match(kind, method, path.split('/'));
  return result.type === 'found'
    ? `${result.route.namespace}/${result.route.workflow} ${JSON.stringify(result.params)}`
    : result.type;
};

describe('buildRouteTable', () => {
  it('lists production and test URLs of active workflows, test URLs only of inactive ones', () => {
    const build = buildRouteTable(
      [
        webhookWorkflow('live', { path: 'live', httpMethod: ['GET', 'POST'] }, { namespace: 'shop' }),
        webhookWorkflow('draft', { path: 'draft' }, { namespace: 'shop', active: false }),
      ],
      registry,
    );
    expect(build.webhooks.map((w) => `${w.method} ${w.url}`)).toEqual([
      'POST /webhook-test/shop/draft',
      'GET /webhook/shop/live',
      'POST /webhook/shop/live',
      'GET /webhook-test/shop/live',
      'POST /webhook-test/shop/live',
    ]);
    expect(build.problems).toEqual([]);
  });

  it('keeps namespaces apart: the same path in two namespaces is two URLs, no conflict', () => {
    const build = buildRouteTable(
      [
        webhookWorkflow('a', { path: 'orders' }, { namespace: 'team-a' }),
        webhookWorkflow('b', { path: 'orders' }, { namespace: 'team-b' }),
      ],
      registry,
    );
    expect(build.problems).toEqual([]);
    expect(match(build, 'POST', 'team-a/orders')).toBe('team-a/a {}');
    expect(match(build, 'POST', 'team-b/orders')).toBe('team-b/b {}');
  });

  it('reports a second registration of the same method and path shape in a namespace instead of shadowing it', () => {
    const build = buildRouteTable(
      [
        webhookWorkflow('first', { path: 'orders/:id' }),
        webhookWorkflow('second', { path: 'orders/:orderId' }),
        webhookWorkflow('get', { path: 'orders/:id', httpMethod: 'GET' }),
      ],
      registry,
    );
    expect(build.problems).toEqual([
      {
        namespace: 'default',
        workflow: 'second',
        node: 'Webhook',
        reason: 'WebhookPathConflict',
        message:
          "webhook 'Webhook': POST /webhook/default/orders/:orderId is already served by workflow 'first' (node 'Webhook'); this webhook is not served until the conflict is resolved",
      },
      expect.objectContaining({
        workflow: 'second',
        message: expect.stringContaining('/webhook-test/default/orders/:orderId'),
      }),
    ]);
    expect(match(build, 'POST', 'default/orders/7')).toBe('default/first {"id":"7"}');
    expect(match(build, 'GET', 'default/orders/7')).toBe('default/get {"id":"7"}');
  });

  it('serves the alias namespace without its segment, unless a namespaced URL already is that URL', () => {
    const build = buildRouteTable(
      [
        webhookWorkflow('hook', { path: 'orders' }),
        webhookWorkflow('clash', { path: 'x/orders' }),
        webhookWorkflow('ns', { path: 'orders' }, { namespace: 'x' }),
      ],
      registry,
      { aliasNamespace: 'default' },
    );
    expect(match(build, 'POST', 'orders')).toBe('default/hook {}');
    expect(match(build, 'POST', 'x/orders')).toBe('x/ns {}');
    expect(match(build, 'POST', 'default/x/orders')).toBe('default/clash {}');
    expect(build.problems.map((p) => `${p.workflow}: ${p.reason}`)).toEqual([
      'clash: WebhookPathConflict',
      'clash: WebhookPathConflict',
    ]);
    expect(build.problems[0]!.message).toContain('only /webhook/default/x/orders is served');
  });

  it.each([
    ['an expression path', { path: '={{ $json.x }}' }, {}, "parameter 'path' is an expression"],
    ['an empty path', { path: '' }, {}, 'the webhook path is empty'],
    ['streaming', { path: 'p', responseMode: 'streaming' }, {}, "responseMode 'streaming' is not supported"],
    [
      'auth without credentials',
      { path: 'p', authentication: 'basicAuth' },
      {},
      'needs credentials.httpBasicAuth.secretName',
    ],
    ['OAuth2', { path: 'p', authentication: 'n8nOAuth2' }, {}, "authentication 'n8nOAuth2' is not supported"],
    [
      'a signature without credentials',
      { path: 'p', options: { signature: { scheme: 'github' } } },
      {},
      'needs credentials.webhookSignature.secretName',
    ],
    [
      'an unknown signature scheme',
      { path: 'p', options: { signature: { scheme: 'slack' } } },
      {},
      "signature scheme 'slack'",
    ],
    [
      'a bad rate limit',
      { path: 'p', options: { rateLimit: { client: { max: 0 } } } },
      {},
      "option 'rateLimit.client' needs a positive integer max",
    ],
    [
      'a bad response code',
      { path: 'p', options: { responseCode: 42 } },
      {},
      'response code 42 is not an HTTP status',
    ],
  ])('reports %s as an invalid webhook and does not serve it', (_name, parameters, extra, message) => {
    const build = buildRouteTable([webhookWorkflow('w', parameters, extra)], registry);
    expect(build.webhooks).toEqual([]);
    expect(build.problems[0]).toMatchObject({
      reason: 'InvalidWebhook',
      message: expect.stringContaining(message),
    });
  });

  it('skips disabled Webhook nodes and other node types', () => {
    const workflow = webhookWorkflow(
      'w',
      { path: 'p' },
      { more: [{ name: 'Set', type: 'set', typeVersion: 3.4, parameters: {} }] },
    );
    workflow.spec.nodes[0]!.disabled = true;
    expect(buildRouteTable([workflow], registry).webhooks).toEqual([]);
  });
});

describe('conflict order', () => {
  it('gives a contested URL to the oldest workflow, whatever order they arrive in', () => {
    const older = webhookWorkflow('zeta', { path: 'p' });
    const newer = webhookWorkflow('alpha', { path: 'p' });
    Object.assign(older.metadata, { creationTimestamp: '2026-01-01T00:00:00Z' });
    Object.assign(newer.metadata, { creationTimestamp: '2026-02-01T00:00:00Z' });
    for (const order of [
      [older, newer],
      [newer, older],
    ]) {
      const build = buildRouteTable(order, registry);
      expect(build.webhooks.map((w) => w.workflow)).toEqual(['zeta', 'zeta']);
      expect(build.problems.map((p) => p.workflow)).toEqual(['alpha', 'alpha']);
    }
  });
});
