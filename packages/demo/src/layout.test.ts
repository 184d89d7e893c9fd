import { describe, expect, it } from 'vitest';
import {
  FONT,
  layoutGraph,
  NODE_PAD_X,
  overlaps,
  segmentCrossesRect,
  type GraphInput,
  type Layout,
} from './layout';

const node = (id: string, extra: { root?: boolean; mapped?: boolean } = {}) => ({
  id,
  label: id,
  sublabel: extra.mapped ? 'mapped target' : 'Entity · 1,234',
  ...extra,
});
const edge = (from: string, to: string, label = 'HAS · 148', mapped = false) => ({
  from,
  to,
  label,
  mapped,
});

// Esper's shape: groups hold devices and nest, devices hold apps, users own devices and
// map to employees. The old hand layout drew "HAS · 148" over "HAS · 74" here.
const esper: GraphInput = {
  nodes: [
    node('esper_account', { root: true }),
    node('esper_application'),
    node('esper_device_group'),
    node('esper_device'),
    node('esper_user'),
    node('employee', { mapped: true }),
  ],
  edges: [
    edge('esper_account', 'esper_application', 'HAS · 74'),
    edge('esper_account', 'esper_device_group', 'HAS · 6'),
    edge('esper_account', 'esper_device', 'HAS · 300'),
    edge('esper_account', 'esper_user', 'HAS · 8'),
    edge('esper_device_group', 'esper_device', 'HAS · 148'),
    edge('esper_device_group', 'esper_device_group', 'HAS · 4'),
    edge('esper_device', 'esper_application', 'HAS · 9,000'),
    edge('esper_user', 'esper_device', 'HAS · 150'),
    edge('esper_user', 'employee', 'IS · 8', true),
  ],
};

// Kandji with findings: more types, parallel paths and two mapped targets.
const kandji: GraphInput = {
  nodes: [
    node('kandji_account', { root: true }),
    node('kandji_device'),
    node('kandji_app'),
    node('kandji_user'),
    node('kandji_blueprint'),
    node('kandji_profile'),
    node('kandji_vulnerability'),
    node('kandji_threat'),
    node('employee', { mapped: true }),
    node('cve', { mapped: true }),
  ],
  edges: [
    edge('kandji_account', 'kandji_device', 'HAS · 300'),
    edge('kandji_device', 'kandji_app', 'HAS · 9,000'),
    edge('kandji_device', 'kandji_user', 'HAS · 280'),
    edge('kandji_user', 'employee', 'IS · 250', true),
    edge('kandji_device', 'kandji_blueprint', 'ASSIGNED · 300'),
    edge('kandji_device', 'kandji_profile', 'ASSIGNED · 900'),
    edge('kandji_device', 'kandji_vulnerability', 'HAS · 1,200'),
    edge('kandji_app', 'kandji_vulnerability', 'HAS · 40'),
    edge('kandji_device', 'kandji_threat', 'HAS · 3'),
    edge('kandji_vulnerability', 'cve', 'IS · 35', true),
  ],
};

// A denser graph than either integration has, to check the guarantees are not luck.
const dense: GraphInput = (() => {
  const ids = Array.from({ length: 12 }, (_, i) => `type_${i}`);
  const edges = [];
  for (let i = 0; i < ids.length; i++)
    for (const step of [1, 3, 5]) {
      const j = (i + step) % ids.length;
      edges.push(edge(ids[i]!, ids[j]!, `HAS · ${(i + 1) * step * 7}`));
    }
  edges.push(edge('type_2', 'type_2', 'HAS · 2'));
  return { nodes: ids.map((id, i) => node(id, { root: i === 0 })), edges };
})();

function checkGuarantees(layout: Layout, input: GraphInput) {
  // Every node placed once, with room for its label and sublabel.
  expect(layout.nodes.map((n) => n.id).sort()).toEqual(input.nodes.map((n) => n.id).sort());
  for (const n of layout.nodes) {
    const need = Math.max(
      n.label.length * FONT.node.size * FONT.node.char,
      n.sublabel.length * FONT.sub.size * FONT.sub.char,
    );
    expect(n.width, n.id).toBeGreaterThanOrEqual(need + 2 * NODE_PAD_X - 1);
  }
  // No two nodes overlap.
  for (const [i, a] of layout.nodes.entries())
    for (const b of layout.nodes.slice(i + 1))
      expect(overlaps(a, b), `${a.id} / ${b.id}`).toBe(false);
  expect(layout.edges).toHaveLength(input.edges.length);
  const labels = layout.edges.map((e) => ({
    id: `${e.from}->${e.to} "${e.label}"`,
    box: e.labelBox,
  }));
  for (const [i, a] of labels.entries()) {
    expect(a.box.width, a.id).toBeGreaterThan(0);
    // No edge label overlaps another edge label…
    for (const b of labels.slice(i + 1))
      expect(overlaps(a.box, b.box), `${a.id} / ${b.id}`).toBe(false);
    // …or a node (and the node's own labels inside it).
    for (const n of layout.nodes) expect(overlaps(a.box, n), `${a.id} / node ${n.id}`).toBe(false);
  }
  const byId = new Map(layout.nodes.map((n) => [n.id, n]));
  for (const e of layout.edges) {
    expect(e.points.length, `${e.from}->${e.to}`).toBeGreaterThanOrEqual(2);
    // The edge starts on its source's border and ends on its target's border…
    const onBorder = (p: { x: number; y: number }, id: string) => {
      const r = byId.get(id)!;
      const inX = p.x >= r.x - 1 && p.x <= r.x + r.width + 1;
      const inY = p.y >= r.y - 1 && p.y <= r.y + r.height + 1;
      const near = (v: number, w: number) => Math.abs(v - w) <= 1;
      return (
        inX &&
        inY &&
        (near(p.x, r.x) || near(p.x, r.x + r.width) || near(p.y, r.y) || near(p.y, r.y + r.height))
      );
    };
    expect(onBorder(e.points[0]!, e.from), `${e.from}->${e.to} start`).toBe(true);
    expect(onBorder(e.points.at(-1)!, e.to), `${e.from}->${e.to} end`).toBe(true);
    // …and no segment passes through any node, its own ends included, nor through
    // another edge's label.
    for (let i = 1; i < e.points.length; i++) {
      for (const other of layout.edges)
        if (other !== e)
          expect(
            segmentCrossesRect(e.points[i - 1]!, e.points[i]!, other.labelBox),
            `${e.from}->${e.to} segment ${i} through label "${other.label}" of ${other.from}->${other.to}`,
          ).toBe(false);
      for (const n of layout.nodes)
        expect(
          segmentCrossesRect(e.points[i - 1]!, e.points[i]!, n),
          `${e.from}->${e.to} segment ${i} through ${n.id}`,
        ).toBe(false);
    }
  }
  // Everything inside the drawing.
  for (const r of [...layout.nodes, ...labels.map((l) => l.box)]) {
    expect(r.x).toBeGreaterThanOrEqual(0);
    expect(r.y).toBeGreaterThanOrEqual(0);
    expect(r.x + r.width).toBeLessThanOrEqual(layout.width);
    expect(r.y + r.height).toBeLessThanOrEqual(layout.height);
  }
}

describe('layoutGraph (ELK layered)', () => {
  for (const [name, input] of Object.entries({ esper, kandji, dense }))
    it(`${name}: no overlapping nodes or labels, no edge through a node or a label`, async () => {
      checkGuarantees(await layoutGraph(input), input);
    });

  it('puts the account on top and mapped targets at the bottom, and keeps the mapped flag', async () => {
    const l = await layoutGraph(kandji);
    const y = new Map(l.nodes.map((n) => [n.id, n.y]));
    const minY = Math.min(...y.values());
    const maxY = Math.max(...y.values());
    expect(y.get('kandji_account')).toBe(minY);
    expect(y.get('employee')).toBe(maxY);
    expect(y.get('cve')).toBe(maxY);
    expect(
      l.edges
        .filter((e) => e.mapped)
        .map((e) => e.to)
        .sort(),
    ).toEqual(['cve', 'employee']);
    expect(
      l.nodes
        .filter((n) => n.mapped)
        .map((n) => n.id)
        .sort(),
    ).toEqual(['cve', 'employee']);
  });

  it('is deterministic', async () => {
    expect(await layoutGraph(esper)).toEqual(await layoutGraph(esper));
  });

  it('geometry helpers: a segment through a box crosses it, one along its border does not', () => {
    const r = { x: 10, y: 10, width: 20, height: 10 };
    expect(segmentCrossesRect({ x: 0, y: 15 }, { x: 40, y: 15 }, r)).toBe(true);
    expect(segmentCrossesRect({ x: 20, y: 0 }, { x: 20, y: 12 }, r)).toBe(true);
    expect(segmentCrossesRect({ x: 0, y: 10 }, { x: 40, y: 10 }, r)).toBe(false);
    expect(segmentCrossesRect({ x: 20, y: 0 }, { x: 20, y: 10 }, r)).toBe(false);
    expect(segmentCrossesRect({ x: 0, y: 0 }, { x: 9, y: 30 }, r)).toBe(false);
    expect(overlaps(r, { x: 29, y: 19, width: 5, height: 5 })).toBe(true);
    expect(overlaps(r, { x: 30, y: 10, width: 5, height: 5 })).toBe(false);
  });
});
