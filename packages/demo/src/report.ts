import type { RunResult } from '@mdm-graph/j1-runner';
import { layoutGraph, NODE_H, NODE_W, type Layout } from './layout';

const esc = (s: unknown) =>
  String(s).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
const fmt = (n: number) => n.toLocaleString('en-US');

/** Entity class of each type, read from the sample entities. */
function classes(r: RunResult): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [type, samples] of Object.entries(r.graph.samples)) {
    const c = samples[0]?._class;
    out[type] = Array.isArray(c) ? c.join(', ') : String(c ?? '');
  }
  return out;
}

export function graphLayout(r: RunResult): Layout {
  const cls = classes(r);
  const nodes = Object.entries(r.graph.entities).map(([type, count]) => ({
    id: type,
    label: type,
    sublabel: `${cls[type] ?? ''} · ${fmt(count)}`,
    root: cls[type] === 'Account',
  }));
  const known = new Set(nodes.map((n) => n.id));
  for (const e of r.graph.edges) {
    if (!known.has(e.toType)) {
      known.add(e.toType);
      nodes.push({
        id: e.toType,
        label: e.toType,
        sublabel: 'mapped (other integration)',
        root: false,
        mapped: true,
      } as (typeof nodes)[number] & { mapped: boolean });
    }
  }
  const edges = r.graph.edges.map((e) => ({
    from: e.fromType,
    to: e.toType,
    label: `${e.relClass} · ${fmt(e.count)}`,
  }));
  return layoutGraph(nodes, edges);
}

function svg(layout: Layout, id: string): string {
  const pos = new Map(layout.nodes.map((n) => [n.id, n]));
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" id="${esc(id)}" class="graph" viewBox="0 0 ${layout.width} ${layout.height}" width="${layout.width}" height="${layout.height}" role="img" aria-label="entity types and relationships">`,
    `<defs><marker id="${esc(id)}-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#5b6b7f"/></marker></defs>`,
  );
  for (const e of layout.edges) {
    const a = pos.get(e.from);
    const b = pos.get(e.to);
    if (!a || !b) continue;
    if (a === b) {
      const x = a.x + NODE_W;
      const y = a.y + NODE_H / 2;
      parts.push(
        `<g class="edge" data-from="${esc(e.from)}" data-to="${esc(e.to)}"><path d="M${x},${y - 12} C${x + 70},${y - 50} ${x + 70},${y + 50} ${x},${y + 12}" fill="none" stroke="#5b6b7f" marker-end="url(#${esc(id)}-arrow)"/>` +
          `<text x="${x + 62}" y="${y + 4}" class="edge-label">${esc(e.label)}</text></g>`,
      );
      continue;
    }
    const x1 = a.x + NODE_W / 2;
    const y1 = a.y + (b.y > a.y ? NODE_H : b.y < a.y ? 0 : NODE_H / 2);
    const x2 = b.x + NODE_W / 2;
    const y2 = b.y + (b.y > a.y ? 0 : b.y < a.y ? NODE_H : NODE_H / 2);
    parts.push(
      `<g class="edge" data-from="${esc(e.from)}" data-to="${esc(e.to)}"><line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" stroke="#5b6b7f" marker-end="url(#${esc(id)}-arrow)"/>` +
        `<text x="${(x1 + x2) / 2 + 6}" y="${(y1 + y2) / 2}" class="edge-label">${esc(e.label)}</text></g>`,
    );
  }
  for (const n of layout.nodes) {
    parts.push(
      `<g class="node${n.mapped ? ' mapped' : ''}" data-entity-type="${esc(n.id)}"><rect x="${n.x}" y="${n.y}" width="${NODE_W}" height="${NODE_H}" rx="10"/>` +
        `<text x="${n.x + NODE_W / 2}" y="${n.y + 23}" class="node-label">${esc(n.label)}</text>` +
        `<text x="${n.x + NODE_W / 2}" y="${n.y + 42}" class="node-sub">${esc(n.sublabel)}</text></g>`,
    );
  }
  parts.push('</svg>');
  return parts.join('\n');
}

const SAMPLE_SKIP = new Set(['_rawData', '_class', '_type']);

function samplesTable(type: string, samples: Record<string, unknown>[]): string {
  const cols = [...new Set(samples.flatMap((s) => Object.keys(s)))]
    .filter((k) => !SAMPLE_SKIP.has(k))
    .slice(0, 14);
  const cell = (v: unknown) =>
    esc(
      v === undefined
        ? ''
        : Array.isArray(v)
          ? v.join(', ')
          : typeof v === 'object' && v !== null
            ? JSON.stringify(v)
            : v,
    );
  return (
    `<details class="samples" data-samples-for="${esc(type)}"><summary><code>${esc(type)}</code> — ${samples.length} sample${samples.length === 1 ? '' : 's'}</summary>` +
    `<div class="scroll"><table><thead><tr>${cols.map((c) => `<th>${esc(c)}</th>`).join('')}</tr></thead><tbody>` +
    samples.map((s) => `<tr>${cols.map((c) => `<td>${cell(s[c])}</td>`).join('')}</tr>`).join('') +
    `</tbody></table></div></details>`
  );
}

function section(r: RunResult): string {
  const id = `graph-${r.integration}`;
  const rows = Object.entries(r.graph.entities).sort();
  const rels = Object.entries(r.graph.relationships).sort();
  return `<section class="integration" data-integration="${esc(r.integration)}">
<h2>${esc(r.integration)} <span class="badge ${r.ok ? 'ok' : 'fail'}">${r.ok ? 'succeeded' : 'failed'}</span></h2>
<p class="meta">${fmt(r.graph.totalEntities)} entities · ${fmt(r.graph.totalRelationships)} relationships · ${fmt(r.http.requests)} requests · ${fmt(r.http.retries)} retries · ${fmt(r.http.rateLimited)} × 429 · ${(r.durationMs / 1000).toFixed(1)} s</p>
${r.failedSteps.length ? `<p class="fail">Failed steps: ${r.failedSteps.map(esc).join(', ')}</p>` : ''}
<div class="scroll">${svg(graphLayout(r), id)}</div>
<div class="counts"><table><thead><tr><th>entity _type</th><th>count</th></tr></thead><tbody>${rows.map(([t, c]) => `<tr><td><code>${esc(t)}</code></td><td>${fmt(c)}</td></tr>`).join('')}</tbody></table>
<table><thead><tr><th>relationship _type</th><th>count</th></tr></thead><tbody>${rels.map(([t, c]) => `<tr><td><code>${esc(t)}</code></td><td>${fmt(c)}</td></tr>`).join('')}</tbody></table></div>
<h3>Sample entities</h3>
${Object.entries(r.graph.samples)
  .sort()
  .map(([t, s]) => samplesTable(t, s))
  .join('\n')}
</section>`;
}

/** One self-contained page: inline CSS and SVG, no scripts, no network. */
export function renderReport(results: RunResult[], generatedAt = new Date()): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>MDM graph: what the integrations ingested</title>
<style>
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:24px;color:#1c2430;background:#f7f9fb}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 4px}.meta{color:#4a5565;margin:0 0 12px}
.badge{font-size:12px;padding:2px 8px;border-radius:10px;vertical-align:middle}.ok{background:#d8f3dc;color:#1b5e20}.fail{background:#fde2e1;color:#8a1c1c}
section{background:#fff;border:1px solid #dde3ea;border-radius:12px;padding:16px 20px;margin-bottom:24px}
.scroll{overflow-x:auto}svg.graph{display:block;margin:8px 0}
.node rect{fill:#e8f0fe;stroke:#3b6fd8;stroke-width:1.5}.node.mapped rect{fill:#fff8e6;stroke:#c98a00;stroke-dasharray:5 4}
.node-label{font:600 13px ui-monospace,Menlo,monospace;text-anchor:middle;fill:#1c2430}.node-sub{font-size:12px;text-anchor:middle;fill:#4a5565}
.edge-label{font-size:11px;fill:#33404f}.counts{display:flex;gap:24px;flex-wrap:wrap;align-items:flex-start}
table{border-collapse:collapse;margin:8px 0}th,td{border:1px solid #dde3ea;padding:3px 8px;text-align:left;vertical-align:top;max-width:320px;overflow-wrap:anywhere}th{background:#f0f3f7}
details.samples{margin:6px 0}code{font-family:ui-monospace,Menlo,monospace}
</style></head><body>
<h1>MDM graph: what the integrations ingested</h1>
<p class="meta">Generated ${esc(generatedAt.toISOString())}. Nodes are entity types with their class and count; arrows are relationships with their class and count; dashed nodes are mapped relationships to entities of other integrations (employees).</p>
${results.map(section).join('\n')}
</body></html>
`;
}
