import type { FastifyInstance, FastifyRequest } from 'fastify';
import { GatewayError } from '../errors.js';
import type { WebhookKind } from '../ports.js';
import { URL_PREFIX } from '../routes/build-route-table.js';
import type { RouteTable } from '../routes/route-table.js';
import { sharedPlugin } from './shared-plugin.js';

/** The decoded path segments after the URL family prefix, or undefined when the path cannot be decoded. */
export function pathSegmentsOf(url: string, kind: WebhookKind): string[] | undefined {
  const path = url.split('?', 1)[0]!.slice(URL_PREFIX[kind].length).replace(/\/+$/, '');
  try {
    return path.split('/').map((segment) => decodeURIComponent(segment));
  } catch {
    return undefined;
  }
}

export function kindOf(request: FastifyRequest): WebhookKind {
  return request.routeOptions.url === '/webhook-test/*' ? 'test' : 'production';
}

/**
 * Finds the webhook of each call in the current route table (first hook, so limits and auth know the
 * webhook): 404 for an unknown path, 405 with Allow for a known path and another method.
 */
export const routeResolution = sharedPlugin(
  'budflow-route-resolution',
  async (app: FastifyInstance, deps: { routes: () => RouteTable }) => {
    app.decorateRequest('webhook', null);
    app.addHook('onRequest', async (request) => {
      const kind = kindOf(request);
      const segments = pathSegmentsOf(request.url, kind);
      if (!segments) throw new GatewayError('BF_ERR_WEBHOOK_NOT_FOUND');
      const match = deps.routes().match(kind, request.method, segments);
      if (match.type === 'notFound') throw new GatewayError('BF_ERR_WEBHOOK_NOT_FOUND');
      if (match.type === 'methodNotAllowed')
        throw new GatewayError('BF_ERR_WEBHOOK_METHOD_NOT_ALLOWED', {
          headers: { allow: match.allowed.join(', ') },
        });
      request.webhook = { route: match.route, params: match.params };
    });
  },
);
