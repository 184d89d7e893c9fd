/** A small layered layout for a type-level graph: no dependencies, deterministic. */
export interface LayoutNode {
  id: string;
  label: string;
  sublabel: string;
  mapped: boolean;
  x: number;
  y: number;
}
export interface LayoutEdge {
  from: string;
  to: string;
  label: string;
}
export interface Layout {
  width: number;
  height: number;
  nodes: LayoutNode[];
  edges: LayoutEdge[];
}

export const NODE_W = 210;
export const NODE_H = 54;
const GAP_X = 60;
const GAP_Y = 110;

/**
 * Rows by the longest path from the root types (Account class first), so the
 * picture reads top-down and every edge between different types points to a
 * lower row (group HAS device puts devices below groups, not beside them).
 * Within a row, nodes sit under the average position of their parents to keep
 * edges short and crossings few.
 */
export function layoutGraph(
  nodes: { id: string; label: string; sublabel: string; mapped?: boolean; root?: boolean }[],
  edges: LayoutEdge[],
): Layout {
  const depth = new Map<string, number>();
  for (const n of nodes) if (n.root) depth.set(n.id, 0);
  const forward = edges.filter((e) => e.from !== e.to);
  // Bellman-Ford style relaxation; the bound stops cycles (a HAS b HAS a) from growing forever.
  for (let pass = 0; pass < nodes.length; pass++) {
    let changed = false;
    for (const e of forward) {
      const d = depth.get(e.from);
      if (d === undefined) continue;
      const next = d + 1;
      if (next < nodes.length && next > (depth.get(e.to) ?? -1)) {
        depth.set(e.to, next);
        changed = true;
      }
    }
    if (!changed) break;
  }
  const maxDepth = Math.max(0, ...depth.values());
  for (const n of nodes) if (!depth.has(n.id)) depth.set(n.id, n.mapped ? maxDepth + 1 : maxDepth);
  const rows = new Map<number, typeof nodes>();
  for (const n of nodes) {
    const d = depth.get(n.id)!;
    rows.set(d, [...(rows.get(d) ?? []), n]);
  }
  const widest = Math.max(1, ...[...rows.values()].map((r) => r.length));
  const width = widest * (NODE_W + GAP_X) + GAP_X;
  const placed: LayoutNode[] = [];
  const xOf = new Map<string, number>();
  const rowKeys = [...rows.keys()].sort((a, b) => a - b);
  rowKeys.forEach((d, rowIndex) => {
    const original = rows.get(d)!;
    const parentX = (id: string) => {
      const xs = forward.filter((e) => e.to === id && xOf.has(e.from)).map((e) => xOf.get(e.from)!);
      return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : Number.POSITIVE_INFINITY;
    };
    // Stable sort: ties (and parentless nodes) keep the caller's order.
    const row = original
      .map((n, i) => ({ n, i, px: parentX(n.id) }))
      .sort((a, b) => (a.px === b.px ? a.i - b.i : a.px < b.px ? -1 : 1))
      .map((r) => r.n);
    const rowWidth = row.length * NODE_W + (row.length - 1) * GAP_X;
    const startX = (width - rowWidth) / 2;
    row.forEach((n, i) => {
      const x = startX + i * (NODE_W + GAP_X);
      xOf.set(n.id, x);
      placed.push({
        id: n.id,
        label: n.label,
        sublabel: n.sublabel,
        mapped: Boolean(n.mapped),
        x,
        y: 30 + rowIndex * (NODE_H + GAP_Y),
      });
    });
  });
  return { width, height: 30 + rowKeys.length * (NODE_H + GAP_Y), nodes: placed, edges };
}
