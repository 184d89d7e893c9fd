import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';

/**
 * The entity-type graph laid out by ELK's layered algorithm (elkjs, the Eclipse
 * Layout Kernel compiled to JavaScript), run at report-generation time so the page
 * carries only the resulting SVG coordinates. ELK places edge labels as obstacles
 * and routes edges orthogonally around nodes, which is what gives the report its
 * guarantees (checked in layout.test.ts and in headless Chromium): no two labels
 * overlap and no edge passes through a node.
 */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}
export interface LayoutNode extends Rect {
  id: string;
  label: string;
  sublabel: string;
  mapped: boolean;
}
export interface LayoutEdge {
  id: string;
  from: string;
  to: string;
  label: string;
  mapped: boolean;
  /** Polyline from the source border to the target border. */
  points: { x: number; y: number }[];
  labelBox: Rect;
}
export interface Layout {
  width: number;
  height: number;
  nodes: LayoutNode[];
  edges: LayoutEdge[];
}

/** Text metrics of the fonts the SVG uses (monospace, so widths are predictable). */
export const FONT = {
  node: { size: 13, char: 0.62 },
  sub: { size: 12, char: 0.62 },
  edge: { size: 11, char: 0.62 },
} as const;
export const NODE_PAD_X = 14;
export const NODE_H = 50;
const textWidth = (s: string, f: { size: number; char: number }) =>
  Math.ceil([...s].length * f.size * f.char);

export interface GraphInput {
  nodes: { id: string; label: string; sublabel: string; mapped?: boolean; root?: boolean }[];
  edges: { from: string; to: string; label: string; mapped?: boolean }[];
}

export async function layoutGraph(input: GraphInput): Promise<Layout> {
  const elk = new ELK();
  const nodeIndex = new Map(input.nodes.map((n) => [n.id, n]));
  const children: ElkNode[] = input.nodes.map((n) => ({
    id: n.id,
    width:
      Math.max(textWidth(n.label, FONT.node), textWidth(n.sublabel, FONT.sub)) + 2 * NODE_PAD_X,
    height: NODE_H,
    layoutOptions: n.root
      ? { 'elk.layered.layering.layerConstraint': 'FIRST' }
      : n.mapped
        ? { 'elk.layered.layering.layerConstraint': 'LAST' }
        : ({} as Record<string, string>),
  }));
  const edges: ElkExtendedEdge[] = input.edges
    .filter((e) => nodeIndex.has(e.from) && nodeIndex.has(e.to))
    .map((e, i) => ({
      id: `e${i}`,
      sources: [e.from],
      targets: [e.to],
      labels: [
        {
          text: e.label,
          width: textWidth(e.label, FONT.edge) + 6,
          height: FONT.edge.size + 5,
          layoutOptions: { 'elk.edgeLabels.placement': 'CENTER' },
        },
      ],
    }));
  const root: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'DOWN',
      'elk.edgeRouting': 'ORTHOGONAL',
      'elk.padding': '[top=16,left=16,bottom=16,right=16]',
      'elk.spacing.nodeNode': '36',
      'elk.spacing.edgeNode': '18',
      'elk.spacing.edgeEdge': '14',
      'elk.spacing.edgeLabel': '4',
      'elk.spacing.labelLabel': '6',
      'elk.layered.spacing.nodeNodeBetweenLayers': '48',
      'elk.layered.spacing.edgeNodeBetweenLayers': '20',
      'elk.layered.spacing.edgeEdgeBetweenLayers': '12',
      'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
      'elk.layered.edgeLabels.sideSelection': 'SMART_DOWN',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
      'elk.randomSeed': '1',
    },
    children,
    edges,
  };
  const graph = await elk.layout(root);
  const nodes: LayoutNode[] = (graph.children ?? []).map((c) => {
    const n = nodeIndex.get(c.id)!;
    return {
      id: c.id,
      label: n.label,
      sublabel: n.sublabel,
      mapped: Boolean(n.mapped),
      x: c.x ?? 0,
      y: c.y ?? 0,
      width: c.width ?? 0,
      height: c.height ?? 0,
    };
  });
  const outEdges: LayoutEdge[] = (graph.edges ?? []).map((e) => {
    const i = Number((e.id ?? 'e0').slice(1));
    const src = input.edges.filter((x) => nodeIndex.has(x.from) && nodeIndex.has(x.to))[i]!;
    const ext = e as ElkExtendedEdge;
    const points: { x: number; y: number }[] = [];
    for (const s of ext.sections ?? [])
      points.push(s.startPoint, ...(s.bendPoints ?? []), s.endPoint);
    const l = ext.labels?.[0];
    return {
      id: e.id,
      from: src.from,
      to: src.to,
      label: src.label,
      mapped: Boolean(src.mapped),
      points,
      labelBox: { x: l?.x ?? 0, y: l?.y ?? 0, width: l?.width ?? 0, height: l?.height ?? 0 },
    };
  });
  return { width: graph.width ?? 0, height: graph.height ?? 0, nodes, edges: outEdges };
}

// ---- Geometry used by the tests of the layout's guarantees ---------------------------------

export const overlaps = (a: Rect, b: Rect, tolerance = 0) =>
  a.x + tolerance < b.x + b.width &&
  b.x + tolerance < a.x + a.width &&
  a.y + tolerance < b.y + b.height &&
  b.y + tolerance < a.y + a.height;

/** Whether the segment p-q passes through the interior of r (shrunk by `inset`). */
export function segmentCrossesRect(
  p: { x: number; y: number },
  q: { x: number; y: number },
  r: Rect,
  inset = 1,
): boolean {
  const x0 = r.x + inset;
  const x1 = r.x + r.width - inset;
  const y0 = r.y + inset;
  const y1 = r.y + r.height - inset;
  // Liang-Barsky clipping of the segment against the rectangle.
  let t0 = 0;
  let t1 = 1;
  const dx = q.x - p.x;
  const dy = q.y - p.y;
  const clip = (pp: number, qq: number) => {
    if (pp === 0) return qq > 0;
    const t = qq / pp;
    if (pp < 0) {
      if (t > t1) return false;
      if (t > t0) t0 = t;
    } else {
      if (t < t0) return false;
      if (t < t1) t1 = t;
    }
    return true;
  };
  return (
    clip(-dx, p.x - x0) &&
    clip(dx, x1 - p.x) &&
    clip(-dy, p.y - y0) &&
    clip(dy, y1 - p.y) &&
    t1 - t0 > 1e-9
  );
}
