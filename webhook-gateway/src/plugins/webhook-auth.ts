import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Clock } from '@budflow/runtime';
import type { AuthResult } from '../auth/auth-result.js';
import { ipAllowed } from '../auth/ip-allowed.js';
import { verifyBasicAuth } from '../auth/verify-basic-auth.js';
import { verifyHeaderAuth } from '../auth/verify-header-auth.js';
import type { verifyJwtAuth } from '../auth/verify-jwt-auth.js';
import { verifySignature } from '../auth/verify-signature.js';
import { GatewayError } from '../errors.js';
import type { GatewayMetrics } from '../gateway-metrics.js';
import type { ReplayGuard, SecretSource } from '../ports.js';
import type { WebhookRoute } from '../routes/route-table.js';
import { sharedPlugin } from './shared-plugin.js';

let jwtModule: Promise<{ verifyJwtAuth: typeof verifyJwtAuth }> | undefined;
/**
 * verifyJwtAuth, loaded (with jose) by the first call that needs it: few webhooks use JWT auth, and a gateway
 * that serves none of them need not hold the library.
 */
const verifyJwt: typeof verifyJwtAuth = async (...args) =>
  (await (jwtModule ??= import('../auth/verify-jwt-auth.js'))).verifyJwtAuth(...args);

export interface WebhookAuthDeps {
  secrets: SecretSource;
  replays: ReplayGuard;
  metrics: GatewayMetrics;
  clock: Clock;
}

/**
 * Per-webhook authentication. Address allow-list and basic/header/JWT run on the headers, before the body is
 * read; the HMAC signature runs on the raw body once it is in. A refusal is 401 (nothing usable was sent) or
 * 403 (something was sent and is wrong, expired or replayed) with the same message whatever the reason;
 * the reason goes to the metrics only.
 */
export const webhookAuth = sharedPlugin(
  'budflow-webhook-auth',
  async (app: FastifyInstance, deps: WebhookAuthDeps) => {
    const secretOf = async (route: WebhookRoute, name: string) => {
      const secret = await deps.secrets.get(route.namespace, name);
      if (!secret)
        throw new GatewayError('BF_ERR_WEBHOOK_CREDENTIALS_MISSING', {
          cause: new Error(`Secret ${route.namespace}/${name} not found`),
        });
      return secret;
    };
    const refuse = (request: FastifyRequest, route: WebhookRoute, result: AuthResult): void => {
      if (result.ok) return;
      deps.metrics.authFailures.inc({ webhook: route.id, reason: result.reason });
      if (result.reason !== 'missing') throw new GatewayError('BF_ERR_WEBHOOK_AUTH_INVALID');
      const basic = route.settings.auth.type === 'basic';
      throw new GatewayError(
        'BF_ERR_WEBHOOK_AUTH_REQUIRED',
        basic ? { headers: { 'www-authenticate': 'Basic realm="Webhook"' } } : {},
      );
    };

    app.addHook('onRequest', async (request) => {
      const route = request.webhook!.route;
      const { settings } = route;
      if (!ipAllowed(request.ip, settings.ipAllowList))
        refuse(request, route, { ok: false, reason: 'forbiddenAddress' });
      const { auth } = settings;
      if (auth.type === 'none') return;
      const credential = await secretOf(route, auth.secretName);
      const result =
        auth.type === 'basic'
          ? verifyBasicAuth(request.headers.authorization, credential)
          : auth.type === 'header'
            ? verifyHeaderAuth(request.headers, credential)
            : await verifyJwt(request.headers.authorization, credential, deps.clock.now());
      refuse(request, route, result);
      if (result.ok && result.jwtPayload) request.webhook!.jwtPayload = result.jwtPayload;
    });

    app.addHook('preHandler', async (request) => {
      const route = request.webhook!.route;
      const signature = route.settings.signature;
      if (!signature) return;
      // Signatures cover the bytes as sent; a multipart body is streamed, never held raw, so it cannot be checked.
      if (request.isMultipart()) throw new GatewayError('BF_ERR_WEBHOOK_MEDIA_TYPE');
      const credential = await secretOf(route, signature.secretName);
      if (!credential.secret)
        throw new GatewayError('BF_ERR_WEBHOOK_CREDENTIALS_MISSING', {
          cause: new Error(`Secret ${route.namespace}/${signature.secretName} has no 'secret' key`),
        });
      const result = await verifySignature({
        settings: signature,
        headers: request.headers,
        rawBody: Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
        secret: credential.secret,
        nowMs: deps.clock.now(),
        replays: deps.replays,
        scope: `${route.kind}|${route.id}`,
      });
      refuse(request, route, result);
    });
  },
);
