import type { WebhookRoute } from '../routes/route-table.js';

/** The webhook a request was routed to, set by the routing hook. */
export interface ResolvedWebhook {
  route: WebhookRoute;
  params: Record<string, string>;
  /** The verified JWT's claims (jwtAuth) */
  jwtPayload?: Record<string, unknown>;
}

declare module 'fastify' {
  interface FastifyRequest {
    webhook: ResolvedWebhook | null;
  }
}
