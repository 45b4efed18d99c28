import { describe, expect, it } from 'vitest';
import { objectKey, splitObjectKey } from './object-key.js';

describe('object keys', () => {
  it.each([
    { name: 'namespaced', object: { metadata: { namespace: 'ns', name: 'wf' } }, key: 'ns/wf' },
    { name: 'cluster-scoped', object: { metadata: { name: 'node-1' } }, key: 'node-1' },
  ])('$name object → $key, and back', ({ object, key }) => {
    expect(objectKey(object)).toBe(key);
    expect(splitObjectKey(key)).toEqual({ namespace: object.metadata.namespace, name: object.metadata.name });
  });

  it.each(['a/b/c', '/b', 'a/'])('rejects the key %j', (key) => {
    expect(() => splitObjectKey(key)).toThrow(/unexpected object key/);
  });
});
