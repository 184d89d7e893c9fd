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
 * Rows by distance from the root types (Account class first), so the picture
 * reads top-down: account, then what it has, then what those have.
 */
export function layoutGraph(
  nodes: { id: string; label: string; sublabel: string; mapped?: boolean; root?: boolean }[],
  edges: LayoutEdge[],
): Layout {
  const depth = new Map<string, number>();
  const queue = nodes.filter((n) => n.root).map((n) => n.id);
  for (const id of queue) depth.set(id, 0);
  while (queue.length) {
    const id = queue.shift()!;
    for (const e of edges) {
      if (e.from === id && !depth.has(e.to)) {
        depth.set(e.to, depth.get(id)! + 1);
        queue.push(e.to);
      }
    }
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
  const rowKeys = [...rows.keys()].sort((a, b) => a - b);
  rowKeys.forEach((d, rowIndex) => {
    const row = rows.get(d)!;
    const rowWidth = row.length * NODE_W + (row.length - 1) * GAP_X;
    const startX = (width - rowWidth) / 2;
    row.forEach((n, i) => {
      placed.push({
        id: n.id,
        label: n.label,
        sublabel: n.sublabel,
        mapped: Boolean(n.mapped),
        x: startX + i * (NODE_W + GAP_X),
        y: 30 + rowIndex * (NODE_H + GAP_Y),
      });
    });
  });
  return { width, height: 30 + rowKeys.length * (NODE_H + GAP_Y), nodes: placed, edges };
}
