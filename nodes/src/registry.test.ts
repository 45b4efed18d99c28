import { describe, expect, it } from 'vitest';
import { createNodeRegistry } from './registry.js';

describe('createNodeRegistry', () => {
  const registry = createNodeRegistry();

  it.each([
    ['manualTrigger', 'n8n-nodes-base.manualTrigger', [1]],
    ['noOp', 'n8n-nodes-base.noOp', [1]],
    ['set', 'n8n-nodes-base.set', [1, 2, 3, 3.1, 3.2, 3.3, 3.4]],
    ['if', 'n8n-nodes-base.if', [1, 2, 2.1, 2.2]],
    ['merge', 'n8n-nodes-base.merge', [1, 2, 2.1, 3, 3.1, 3.2]],
    ['code', 'n8n-nodes-base.code', [1, 2]],
  ])('has %s', (type, n8nType, versions) => {
    expect(registry.get(type)?.versions).toEqual(versions);
    expect(registry.byN8nType(n8nType)?.type).toBe(type);
  });

  it('gives every version a parameter schema that fills defaults from nothing', () => {
    for (const nodeType of registry.list()) {
      for (const version of nodeType.versions) {
        expect(nodeType.parameters(version).safeParse({}).success, `${nodeType.type} v${version}`).toBe(true);
      }
    }
  });

  it('accepts an expression in place of any leaf parameter', () => {
    expect(
      registry.get('merge')!.parameters(3).safeParse({ mode: '={{ "append" }}', numberInputs: 3 }).success,
    ).toBe(true);
    expect(registry.get('if')!.parameters(1).safeParse({ combineOperation: 'sometimes' }).success).toBe(
      false,
    );
  });

  it('rejects two node types with one name', () => {
    const [first] = registry.list();
    expect(() => createNodeRegistry([first!, first!])).toThrow('share a type name');
  });
});
