import { describe, expect, it } from 'vitest';
import type { WebhookRoute } from '../routes/route-table.js';
import { deliveryOf } from './delivery-id.js';

const route = (workflow: string, kind: 'production' | 'test' = 'production') =>
  ({ kind, namespace: 'ns', workflow, node: 'Webhook' }) as WebhookRoute;

describe('deliveryOf', () => {
  it('derives the same ids from the same key and webhook, different ones elsewhere', () => {
    const a = deliveryOf(route('w'), 'k1', () => 'fresh');
    expect(a).toEqual(deliveryOf(route('w'), 'k1', () => 'other'));
    expect(a.keyed).toBe(true);
    expect(a.executionId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    for (const other of [
      deliveryOf(route('w'), 'k2', () => ''),
      deliveryOf(route('v'), 'k1', () => ''),
      deliveryOf(route('w', 'test'), 'k1', () => ''),
    ])
      expect(other.deliveryId).not.toBe(a.deliveryId);
  });

  it('uses a fresh id without a key', () => {
    expect(deliveryOf(route('w'), undefined, () => 'fresh')).toEqual({
      deliveryId: 'fresh',
      executionId: 'fresh',
      keyed: false,
    });
  });
});
