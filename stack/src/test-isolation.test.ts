import { describe, expect, it } from 'vitest';
import { testPrefix, uniqueName } from './test-isolation.js';

describe('uniqueName', () => {
  it.each([
    ['kube-apiserver', /^kube-apiserver-[0-9a-f]{8}$/],
    ['Webhook Gateway/routes', /^webhook-gateway-routes-[0-9a-f]{8}$/],
    ['---', /^test-[0-9a-f]{8}$/],
    ['x'.repeat(80), /^x{31}-[0-9a-f]{8}$/],
  ])('turns %j into a DNS label', (base, pattern) => {
    expect(uniqueName(base)).toMatch(pattern);
  });

  it('differs between calls, so parallel files never share a namespace or prefix', () => {
    expect(uniqueName('a')).not.toBe(uniqueName('a'));
    expect(testPrefix('a')).not.toBe(testPrefix('a'));
  });
});
