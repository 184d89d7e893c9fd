import { describe, expect, it } from 'vitest';
import { layoutGraph } from './layout';

const node = (id: string, extra: { root?: boolean; mapped?: boolean } = {}) => ({
  id,
  label: id,
  sublabel: '',
  ...extra,
});
const edge = (from: string, to: string) => ({ from, to, label: 'HAS' });

describe('layoutGraph', () => {
  // Esper's shape: groups hold devices, devices hold apps, users own devices, groups nest.
  const nodes = [
    node('account', { root: true }),
    node('application'),
    node('group'),
    node('device'),
    node('user'),
    node('employee', { mapped: true }),
  ];
  const edges = [
    edge('account', 'application'),
    edge('account', 'group'),
    edge('account', 'device'),
    edge('account', 'user'),
    edge('group', 'device'),
    edge('group', 'group'),
    edge('device', 'application'),
    edge('user', 'device'),
    edge('user', 'employee'),
  ];

  it('puts every edge between two different types on a lower row (longest path from the root)', () => {
    const { nodes: placed } = layoutGraph(nodes, edges);
    const y = new Map(placed.map((n) => [n.id, n.y]));
    for (const e of edges) {
      if (e.from === e.to) continue;
      expect(y.get(e.to), `${e.from} -> ${e.to}`).toBeGreaterThan(y.get(e.from)!);
    }
    expect(new Set(placed.map((n) => `${n.x},${n.y}`)).size).toBe(placed.length);
  });

  it('terminates on cycles and still places every node once', () => {
    const placed = layoutGraph(
      [node('a', { root: true }), node('b'), node('c'), node('orphan')],
      [edge('a', 'b'), edge('b', 'c'), edge('c', 'b')],
    ).nodes;
    expect(placed.map((n) => n.id).sort()).toEqual(['a', 'b', 'c', 'orphan']);
  });

  it('orders a row under its parents', () => {
    const placed = layoutGraph(
      [
        node('root', { root: true }),
        node('left'),
        node('right'),
        node('underRight'),
        node('underLeft'),
      ],
      [
        edge('root', 'left'),
        edge('root', 'right'),
        edge('right', 'underRight'),
        edge('left', 'underLeft'),
      ],
    ).nodes;
    const x = new Map(placed.map((n) => [n.id, n.x]));
    expect(x.get('underLeft')!).toBeLessThan(x.get('underRight')!);
  });
});
