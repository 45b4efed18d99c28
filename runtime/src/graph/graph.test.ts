import { describe, expect, it } from 'vitest';
import { findCycles, stronglyConnectedComponents } from './strongly-connected-components.js';
import { topologicalOrder } from './topological-order.js';
import { findSubgraph } from './find-subgraph.js';
import { findDirtyNodes, findStartNodes } from './find-start-nodes.js';
import { graph } from './graph-builder.test-support.js';

describe('DirectedGraph', () => {
  //  A ──► B ──► D
  //  └───► C ──┘
  const g = graph().path('A', 'B', 'D').path('A', 'C').edge('C', 'D', { input: 1 }).build();

  it('knows parents and children in edge order', () => {
    expect(g.children('A')).toEqual(['B', 'C']);
    expect(g.parents('D')).toEqual(['B', 'C']);
    expect(g.inEdges('D').map((e) => e.input)).toEqual([0, 1]);
  });

  it('finds ancestors and descendants', () => {
    expect([...g.ancestors('D')].sort()).toEqual(['A', 'B', 'C']);
    expect([...g.descendants('B')]).toEqual(['D']);
  });
});

describe('topologicalOrder', () => {
  it.each([
    // A ──► B ──► C
    ['a chain', graph().path('A', 'B', 'C'), ['A', 'B', 'C']],
    //  A ──► B ──► D
    //  └───► C ──┘
    ['a diamond', graph().path('A', 'B', 'D').path('A', 'C', 'D'), ['A', 'C', 'B', 'D']],
    //  T ──► Loop ──► Work
    //         ▲        │
    //         └────────┘     then Loop ──► Done
    ['a loop condensed', graph().path('T', 'Loop', 'Work', 'Loop').edge('Loop', 'Done', { output: 1 }), ['T', 'Loop', 'Work', 'Done']],
  ])('orders %s', (_name, builder, expected) => {
    const order = topologicalOrder(builder.build());
    expect(order).toHaveLength(expected.length);
    // every edge outside a cycle points forwards
    const g = builder.build();
    const cyclic = new Set(findCycles(g).flat());
    for (const n of g.nodeNames)
      for (const c of g.children(n))
        if (!(cyclic.has(n) && cyclic.has(c))) expect(order.indexOf(n)).toBeLessThan(order.indexOf(c));
    expect(order[0]).toBe(expected[0]);
    expect(order[order.length - 1]).toBe(expected[expected.length - 1]);
  });
});

describe('stronglyConnectedComponents', () => {
  //  A ──► B ──► C ──► D
  //        ▲     │
  //        └─────┘
  it('groups a cycle into one component', () => {
    const g = graph().path('A', 'B', 'C', 'B').path('C', 'D').build();
    const components = stronglyConnectedComponents(g).map((c) => [...c].sort());
    expect(components).toContainEqual(['B', 'C']);
    expect(components).toContainEqual(['A']);
    expect(findCycles(g)).toHaveLength(1);
  });

  it('sees a self-loop as a cycle', () => {
    expect(findCycles(graph().path('A', 'A').build())).toEqual([['A']]);
  });

  it('handles 10,000 nodes in a chain without recursion limits', () => {
    const names = Array.from({ length: 10_000 }, (_, i) => `N${i}`);
    const g = graph().path(...names).build();
    expect(stronglyConnectedComponents(g)).toHaveLength(10_000);
    expect(topologicalOrder(g)[9_999]).toBe('N9999');
  });
});

describe('findSubgraph', () => {
  //  T ──► A ──► B ──► Dest
  //  │     └──► X
  //  └──► Y ──► Dest
  const g = graph().path('T', 'A', 'B', 'Dest').path('A', 'X').path('T', 'Y', 'Dest').build();

  it('keeps only nodes on a path from trigger to destination', () => {
    expect([...findSubgraph(g, 'T', 'Dest')].sort()).toEqual(['A', 'B', 'Dest', 'T', 'Y']);
  });

  it('is empty when the destination is unreachable', () => {
    expect(findSubgraph(g, 'X', 'Dest').size).toBe(0);
  });
});

describe('findStartNodes and findDirtyNodes', () => {
  //  T ──► A ──► B ──► C
  const g = graph().path('T', 'A', 'B', 'C').build();
  const base = { trigger: 'T', destination: 'C', pinned: new Set<string>() };

  it.each([
    ['nothing ran: start at the trigger', new Set<string>(), new Set<string>(), undefined, ['T']],
    ['T and A ran: start at B', new Set(['T', 'A']), new Set<string>(), undefined, ['B']],
    ['all ran and clean: rerun the destination', new Set(['T', 'A', 'B', 'C']), new Set<string>(), undefined, ['C']],
    ['A changed: start at A', new Set(['T', 'A', 'B', 'C']), new Set<string>(), new Set(['A']), ['A']],
    ['A pinned, nothing ran: start at T', new Set<string>(), new Set(['A']), undefined, ['T']],
    ['T ran, A pinned: start at B', new Set(['T']), new Set(['A']), undefined, ['B']],
  ])('%s', (_name, hasRunData, pinned, changed, expected) => {
    expect(findStartNodes(g, { ...base, hasRunData, pinned, changed })).toEqual(expected);
  });

  it('marks a changed node and everything after it dirty', () => {
    const dirty = findDirtyNodes(g, { ...base, hasRunData: new Set(['T', 'A', 'B', 'C']), changed: new Set(['B']) });
    expect([...dirty].sort()).toEqual(['B', 'C']);
  });
});
