import { createHash } from 'node:crypto';
import { getPath } from '@budflow/runtime';
import type { WebhookRoute } from '../routes/route-table.js';

export interface Delivery {
  /** Message id of the trigger (Nats-Msg-Id) */
  deliveryId: string;
  executionId: string;
  /** The sender named the delivery (an idempotency key was given) */
  keyed: boolean;
}

/**
 * The sender's idempotency key: the webhook's idempotency header, else the configured body field (a dot path),
 * else none. Only strings and numbers count.
 */
export function idempotencyKeyOf(
  route: WebhookRoute,
  headers: Record<string, string | string[] | undefined>,
  body: unknown,
): string | undefined {
  const { header, bodyField } = route.settings.idempotency;
  const fromHeader = headers[header];
  if (typeof fromHeader === 'string' && fromHeader.trim()) return fromHeader.trim();
  if (!bodyField) return undefined;
  const fromBody = getPath(body, bodyField);
  if (typeof fromBody === 'string' && fromBody) return fromBody;
  if (typeof fromBody === 'number' && Number.isFinite(fromBody)) return String(fromBody);
  return undefined;
}

/**
 * A keyed delivery gets ids derived from the key and the webhook (namespace, workflow, node, URL family), so a
 * retry names the same message and execution, and equal keys sent to different webhooks do not collide.
 */
export function deliveryOf(route: WebhookRoute, key: string | undefined, newId: () => string): Delivery {
  if (key === undefined) {
    const id = newId();
    return { deliveryId: id, executionId: id, keyed: false };
  }
  const hash = createHash('sha256')
    .update(`${route.kind}\n${route.namespace}\n${route.workflow}\n${route.node}\n${key}`)
    .digest('hex');
  return { deliveryId: `idem-${hash}`, executionId: uuidFromHex(hash), keyed: true };
}

/** A UUID-shaped id (version 8, variant 10) from hash bits. */
function uuidFromHex(hex: string): string {
  const h = hex.slice(0, 32).split('');
  h[12] = '8';
  h[16] = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  const s = h.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20, 32)}`;
}
