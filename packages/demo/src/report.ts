import { barChart } from './charts';
import type { Collection, GraphEntity } from './collection';
import { esc, fmt } from './html';
import { layoutGraph, FONT, type Layout } from './layout';
import {
  computePosture,
  DAY_MS,
  deviceName,
  encryptionOf,
  firewallOf,
  pct,
  timeOf,
  type Figure,
  type Posture,
} from './posture';
import type { ManagedQuestion } from './questions';

/** Devices listed under one figure row before the list defers to the J1QL query. */
export const DEVICE_LIST_LIMIT = 100;
/**
 * Above this many devices the inventory holds only the devices the figures link to,
 * which keeps a 20,000-device fleet's report a few megabytes instead of tens.
 */
export const INVENTORY_LIMIT = 2000;

/** Entity class of each type, read from the sample entities. */
function classes(c: Collection): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [type, samples] of Object.entries(c.graph.samples)) {
    const cls = samples[0]?._class;
    out[type] = Array.isArray(cls) ? cls.join(', ') : String(cls ?? '');
  }
  return out;
}

/** The type graph of one collection, laid out by ELK. */
export function typeGraphLayout(c: Collection): Promise<Layout> {
  const cls = classes(c);
  const collected = new Set(Object.keys(c.graph.entities));
  const nodes = Object.entries(c.graph.entities)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([type, count]) => ({
      id: type,
      label: type,
      sublabel: `${cls[type] ?? ''} · ${fmt(count)}`,
      root: cls[type] === 'Account',
      mapped: false,
    }));
  const known = new Set(nodes.map((n) => n.id));
  for (const e of c.graph.edges)
    for (const t of [e.fromType, e.toType])
      if (!known.has(t)) {
        known.add(t);
        nodes.push({ id: t, label: t, sublabel: 'mapped target', root: false, mapped: true });
      }
  const edges = c.graph.edges.map((e) => ({
    from: e.fromType,
    to: e.toType,
    label: `${e.relClass} · ${fmt(e.count)}`,
    mapped: !collected.has(e.toType) || !collected.has(e.fromType),
  }));
  return layoutGraph({ nodes, edges });
}

function graphSvg(layout: Layout, id: string): string {
  const parts: string[] = [];
  const w = Math.ceil(layout.width);
  const h = Math.ceil(layout.height);
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" id="${esc(id)}" class="graph" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" aria-labelledby="${esc(id)}-title">`,
    `<title id="${esc(id)}-title">Entity types (boxes, with class and count) and the relationships between them (arrows, with class and count); dashed: mapped relationships to entities of other integrations</title>`,
    `<defs><marker id="${esc(id)}-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#5b6b7f"/></marker></defs>`,
  );
  for (const e of layout.edges) {
    const d = e.points
      .map((p, i) => `${i ? 'L' : 'M'}${p.x.toFixed(1)},${p.y.toFixed(1)}`)
      .join(' ');
    const l = e.labelBox;
    parts.push(
      `<g class="edge${e.mapped ? ' mapped' : ''}" data-from="${esc(e.from)}" data-to="${esc(e.to)}"><path d="${d}" fill="none" marker-end="url(#${esc(id)}-arrow)"/>` +
        `<rect class="edge-label-bg" x="${l.x.toFixed(1)}" y="${l.y.toFixed(1)}" width="${l.width}" height="${l.height}"/>` +
        `<text x="${(l.x + l.width / 2).toFixed(1)}" y="${(l.y + l.height / 2).toFixed(1)}" class="edge-label">${esc(e.label)}</text></g>`,
    );
  }
  for (const n of layout.nodes) {
    const cx = (n.x + n.width / 2).toFixed(1);
    parts.push(
      `<g class="node${n.mapped ? ' mapped' : ''}" data-entity-type="${esc(n.id)}"><rect x="${n.x.toFixed(1)}" y="${n.y.toFixed(1)}" width="${n.width}" height="${n.height}" rx="8"/>` +
        `<text x="${cx}" y="${(n.y + 18).toFixed(1)}" class="node-label">${esc(n.label)}</text>` +
        `<text x="${cx}" y="${(n.y + 36).toFixed(1)}" class="node-sub">${esc(n.sublabel)}</text></g>`,
    );
  }
  parts.push('</svg>');
  return parts.join('\n');
}

const LEGEND = `<ul class="legend" aria-label="legend">
<li><svg width="44" height="12" aria-hidden="true"><line x1="2" y1="6" x2="42" y2="6" class="lg-solid"/></svg> relationship between entities this integration ingested</li>
<li><svg width="44" height="12" aria-hidden="true"><line x1="2" y1="6" x2="42" y2="6" class="lg-dashed"/></svg> mapped relationship: JupiterOne links it to an entity of another integration (e.g. an <code>employee</code> Person) or creates that entity</li>
</ul>`;

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

function figureHtml(
  f: Figure,
  prefix: string,
  total: number,
  anchorOf: Map<string, string>,
  nameOf: Map<string, string>,
  linked: Set<string>,
): string {
  const id = `${prefix}-fig-${f.id}`;
  const findings = f.unit !== 'devices';
  const bars = f.rows.map((r) => ({
    label: r.label,
    value: r.count,
    valueText: findings
      ? `${fmt(r.count)} on ${fmt(r.devices.length)} device${r.devices.length === 1 ? '' : 's'}`
      : `${fmt(r.count)} (${pct(r.count, total)})`,
    tone: r.tone,
  }));
  const chart = barChart(`${f.title} (${f.unit})`, f.id === 'apps' ? bars.slice(0, 10) : bars);
  const deviceList = (keys: string[]) => {
    if (!keys.length) return '—';
    const shown = keys
      .map((k) => ({ k, n: nameOf.get(k) ?? k }))
      .sort((a, b) => a.n.localeCompare(b.n))
      .slice(0, DEVICE_LIST_LIMIT);
    for (const { k } of shown) linked.add(k);
    const more = keys.length - shown.length;
    return (
      `<details class="devices"><summary>${fmt(keys.length)} device${keys.length === 1 ? '' : 's'}</summary><ul>` +
      shown.map(({ k, n }) => `<li><a href="#${anchorOf.get(k)}">${esc(n)}</a></li>`).join('') +
      (more > 0
        ? `<li class="more">… and ${fmt(more)} more: the row's J1QL lists them all</li>`
        : '') +
      `</ul></details>`
    );
  };
  const cves = f.rows.some((r) => r.cves !== undefined);
  const rows = f.rows
    .map(
      (r) =>
        `<tr data-row="${esc(r.key)}" data-count="${r.count}" data-devices="${r.devices.length}" class="tone-${r.tone}"><th scope="row">${esc(r.label)}</th>` +
        `<td class="num">${fmt(r.count)}</td>` +
        (cves ? `<td class="num">${fmt(r.cves ?? 0)}</td>` : '') +
        (findings ? '' : `<td class="num">${pct(r.count, total)}</td>`) +
        `<td>${deviceList(r.devices)}</td>` +
        `<td>${r.query ? `<details class="q"><summary>J1QL</summary><pre><code>${esc(r.query)}</code></pre></details>` : ''}</td></tr>`,
    )
    .join('');
  const head = findings
    ? `<tr><th scope="col">${f.id === 'vulnerabilities' ? 'severity' : 'status'}</th><th scope="col">${f.id === 'vulnerabilities' ? 'findings' : 'threats'}</th>${cves ? '<th scope="col">CVEs</th>' : ''}<th scope="col">devices affected</th><th scope="col">query</th></tr>`
    : `<tr><th scope="col"></th><th scope="col">devices</th><th scope="col">share</th><th scope="col">which</th><th scope="col">query</th></tr>`;
  return `<figure class="posture" id="${id}" data-figure="${f.id}">
<figcaption><h4>${esc(f.title)}</h4><p class="headline">${esc(f.headline)}</p></figcaption>
<div class="scroll">${chart}</div>
<div class="scroll"><table class="figure-table" aria-label="${esc(f.title)}"><thead>${head}</thead><tbody>${rows}</tbody></table></div>
<div class="j1ql"><p>${f.managed ? `In JupiterOne, the managed question <q>${esc(f.managed.title)}</q> (<code>${esc(f.managed.id)}</code>) answers this:` : 'In JupiterOne, this J1QL answers the same question:'}</p><pre><code>${esc(f.query)}</code></pre>${
    f.related
      ? `<p>Related managed question: <q>${esc(f.related.title)}</q> (<code>${esc(f.related.id)}</code>):</p><pre><code>${esc(f.related.query)}</code></pre>`
      : ''
  }</div>
<p class="note">${esc(f.note)}</p>
</figure>`;
}

function deviceTable(
  all: GraphEntity[],
  linked: Set<string>,
  prefix: string,
  anchorOf: Map<string, string>,
  ref?: Date,
): string {
  const devices = all.length > INVENTORY_LIMIT ? all.filter((d) => linked.has(d._key)) : all;
  const types = [...new Set(all.map((d) => d._type))];
  const title =
    devices.length === all.length
      ? `All ${fmt(all.length)} devices`
      : `The ${fmt(devices.length)} devices the figures above list, of ${fmt(all.length)} (all of them: <code>FIND ${esc(types.length === 1 ? types[0] : `(${types.join('|')})`)}</code>)`;
  const ago = (d: GraphEntity) => {
    const t = timeOf(d.lastSeenOn);
    if (t === undefined) return 'not reported';
    const days = ref ? Math.floor((ref.getTime() - t) / DAY_MS) : undefined;
    return `${new Date(t).toISOString().slice(0, 10)}${days !== undefined ? ` (${days} d)` : ''}`;
  };
  const word = { on: 'on', off: 'off', unknown: 'not reported' };
  const sorted = [...devices].sort((a, b) => deviceName(a).localeCompare(deviceName(b)));
  return `<details class="inventory" id="${prefix}-devices"><summary>${title}</summary><div class="scroll"><table>
<thead><tr><th scope="col">device</th><th scope="col">serial</th><th scope="col">platform</th><th scope="col">OS</th><th scope="col">encryption</th><th scope="col">firewall</th><th scope="col">last check-in</th><th scope="col">user</th><th scope="col"><code>_key</code></th></tr></thead><tbody>
${sorted
  .map((d) => {
    const link =
      typeof d.webLink === 'string' && /^https?:\/\//.test(d.webLink) ? d.webLink : undefined;
    const user = Array.isArray(d.userEmails)
      ? d.userEmails.join(', ')
      : (d.userEmail ?? d.userId ?? '');
    return `<tr id="${anchorOf.get(d._key)}"><td>${link ? `<a href="${esc(link)}" rel="noreferrer">${esc(deviceName(d))}</a>` : esc(deviceName(d))}</td><td>${esc(d.serial ?? '')}</td><td>${esc(d.platform ?? '')}</td><td>${esc([d.osName, d.osVersion].filter((x) => x != null).join(' '))}</td><td>${word[encryptionOf(d)]}</td><td>${word[firewallOf(d)]}</td><td>${esc(ago(d))}</td><td>${esc(user)}</td><td><code>${esc(d._key)}</code></td></tr>`;
  })
  .join('\n')}
</tbody></table></div></details>`;
}

/** The few numbers a security engineer looks for first, each linking to its figure. */
function tiles(p: Posture, prefix: string): string {
  const total = p.devices.length;
  const fig = (id: Figure['id']) => p.figures.find((f) => f.id === id);
  const row = (id: Figure['id'], key: string) =>
    fig(id)?.rows.find((r) => r.key === key)?.count ?? 0;
  const bad = (id: Figure['id']) =>
    (fig(id)?.rows ?? []).filter((r) => r.tone === 'bad').reduce((a, r) => a + r.count, 0);
  const out: { id: Figure['id']; value: string; caption: string; alarm: boolean }[] = [
    { id: 'platform', value: fmt(total), caption: 'devices', alarm: false },
    {
      id: 'os',
      value: pct(bad('os'), total),
      caption: `on an outdated major OS version (${fmt(bad('os'))})`,
      alarm: bad('os') > 0,
    },
    {
      id: 'encryption',
      value: fmt(row('encryption', 'off')),
      caption: `not encrypted; ${fmt(row('encryption', 'unknown'))} not reported`,
      alarm: row('encryption', 'off') > 0,
    },
    {
      id: 'firewall',
      value: fmt(row('firewall', 'off')),
      caption: `firewall off; ${fmt(row('firewall', 'unknown'))} not reported`,
      alarm: row('firewall', 'off') > 0,
    },
  ];
  if (fig('checkin'))
    out.push({
      id: 'checkin',
      value: fmt(row('checkin', 'over30')),
      caption: `not checked in for 30 days; ${fmt(row('checkin', '7to30') + row('checkin', 'over30'))} for 7`,
      alarm: row('checkin', 'over30') > 0,
    });
  if (fig('vulnerabilities'))
    out.push({
      id: 'vulnerabilities',
      value: fmt(bad('vulnerabilities')),
      caption: 'critical or high vulnerabilities',
      alarm: bad('vulnerabilities') > 0,
    });
  if (fig('threats'))
    out.push({
      id: 'threats',
      value: fmt(bad('threats')),
      caption: 'threats not quarantined',
      alarm: bad('threats') > 0,
    });
  return `<ul class="tiles">${out
    .map(
      (t) =>
        `<li class="tile${t.alarm ? ' alarm' : ''}" data-tile="${t.id}"><a href="#${prefix}-fig-${t.id}"><span class="big">${esc(t.value)}</span> <span class="cap">${esc(t.caption)}</span></a></li>`,
    )
    .join('')}</ul>`;
}

function postureHtml(c: Collection, p: Posture, prefix: string): string {
  if (!p.devices.length)
    return `<p class="note">No entities of class Device in this collection: no posture figures.</p>`;
  const anchorOf = new Map(p.devices.map((d, i) => [d._key, `${prefix}-dev-${i}`]));
  const nameOf = new Map(p.devices.map((d) => [d._key, deviceName(d)]));
  const linked = new Set<string>();
  const glance = p.figures
    .map((f) => `<li><a href="#${prefix}-fig-${f.id}">${esc(f.title)}</a>: ${esc(f.headline)}</li>`)
    .join('\n');
  return `<h3>Posture at a glance</h3>
<p class="meta">${fmt(p.devices.length)} devices (<code>${p.deviceTypes.map(esc).join('</code>, <code>')}</code>), computed from the graph files in <code>${esc(c.storageDir)}</code>${
    p.referenceTime
      ? `; ages are measured from the ${c.collectedAtSource === 'collection start (summary.json)' ? 'collection start' : 'time the graph files were written'}, ${esc(p.referenceTime.toISOString())}`
      : ''
  }. An absent property counts as "not reported", never as off.</p>
${tiles(p, prefix)}
<ul class="glance">${glance}</ul>
<div class="figures">
${p.figures.map((f) => figureHtml(f, prefix, p.devices.length, anchorOf, nameOf, linked)).join('\n')}
</div>
${deviceTable(p.devices, linked, prefix, anchorOf, p.referenceTime)}`;
}

async function section(c: Collection, questions: ManagedQuestion[]): Promise<string> {
  const prefix = c.integration.replace(/[^A-Za-z0-9_-]/g, '-');
  const r = c.run;
  const rows = Object.entries(c.graph.entities).sort();
  const rels = Object.entries(c.graph.relationships).sort();
  const failedSteps =
    r?.failedSteps ?? c.steps.filter((s) => s.status === 'failure').map((s) => s.id);
  const ok = r ? r.ok : failedSteps.length === 0;
  const partial = [...new Set([...c.partialTypes, ...(r?.partialDatasets.types ?? [])])].sort();
  const posture = computePosture(c, questions);
  return `<section class="integration" data-integration="${esc(c.integration)}" id="${prefix}">
<h2>${esc(c.integration)} <span class="badge ${ok ? 'ok' : 'fail'}">${ok ? 'succeeded' : 'failed'}</span></h2>
<p class="meta">${fmt(c.graph.totalEntities)} entities · ${fmt(c.graph.totalRelationships)} relationships${
    r
      ? ` · ${fmt(r.http.requests)} requests · ${fmt(r.http.retries)} retries · ${fmt(r.http.rateLimited)} × 429 · ${(r.durationMs / 1000).toFixed(1)} s`
      : ''
  }${c.collectedAt ? ` · collected ${esc(c.collectedAt.toISOString())}` : ''}</p>
${r?.validationError ? `<p class="fail">Collection stopped: ${esc(r.validationError)}</p>` : ''}
${failedSteps.length ? `<p class="fail">Failed steps: ${failedSteps.map(esc).join(', ')}</p>` : ''}
${partial.length ? `<p class="fail">Partial types (the collection could not read them completely, so JupiterOne keeps what it had): ${partial.map((t) => `<code>${esc(t)}</code>`).join(', ')}</p>` : ''}
${postureHtml(c, posture, prefix)}
<h3>What was ingested</h3>
${LEGEND}
<div class="scroll">${graphSvg(await typeGraphLayout(c), `graph-${prefix}`)}</div>
<div class="counts"><table><thead><tr><th>entity _type</th><th>count</th></tr></thead><tbody>${rows.map(([t, n]) => `<tr><td><code>${esc(t)}</code></td><td>${fmt(n)}</td></tr>`).join('')}</tbody></table>
<table><thead><tr><th>relationship _type</th><th>count</th></tr></thead><tbody>${rels.map(([t, n]) => `<tr><td><code>${esc(t)}</code></td><td>${fmt(n)}</td></tr>`).join('')}</tbody></table></div>
<h3>Sample entities</h3>
${Object.entries(c.graph.samples)
  .sort()
  .map(([t, s]) => samplesTable(t, s))
  .join('\n')}
</section>`;
}

export interface ReportOptions {
  generatedAt?: Date;
  /** Managed questions of an integration (default: none). */
  questionsFor?: (integration: string) => ManagedQuestion[];
}

/** One self-contained page: inline CSS and SVG, no scripts, no network. */
export async function renderReport(
  collections: Collection[],
  opts: ReportOptions = {},
): Promise<string> {
  const generatedAt = opts.generatedAt ?? new Date();
  const sections: string[] = [];
  for (const c of collections)
    sections.push(await section(c, opts.questionsFor?.(c.integration) ?? []));
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>MDM fleet posture and graph</title>
<style>
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:24px;color:#1c2430;background:#f7f9fb}
h1{font-size:22px;margin:0 0 4px}h2{font-size:19px;margin:4px 0}h3{font-size:16px;margin:22px 0 6px}h4{font-size:15px;margin:0}.meta{color:#4a5565;margin:0 0 12px}
.badge{font-size:12px;padding:2px 8px;border-radius:10px;vertical-align:middle}.ok{background:#d8f3dc;color:#1b5e20}.fail{background:#fde2e1;color:#8a1c1c}p.fail{padding:4px 8px;border-radius:6px}
section{background:#fff;border:1px solid #dde3ea;border-radius:12px;padding:16px 20px;margin-bottom:24px}
.scroll{overflow-x:auto}svg.graph,svg.chart{display:block;margin:8px 0}
ul.tiles{list-style:none;padding:0;margin:8px 0;display:flex;flex-wrap:wrap;gap:10px}.tile a{display:block;min-width:150px;max-width:220px;padding:8px 12px;border:1px solid #dde3ea;border-left:5px solid #3b6fd8;border-radius:8px;color:inherit;text-decoration:none;background:#fbfcfd}
.tile.alarm a{border-left-color:#c62828}.tile .big{display:block;font-size:24px;font-weight:700;line-height:1.2}.tile .cap{color:#4a5565;font-size:13px}.tile a:hover{background:#eef3fb}
ul.glance{margin:4px 0 12px;padding-left:20px}ul.glance li{margin:2px 0}
.figures{display:grid;grid-template-columns:repeat(auto-fit,minmax(560px,1fr));gap:16px}
figure.posture{margin:0;border:1px solid #e3e8ee;border-radius:10px;padding:12px 14px;min-width:0}
.headline{margin:2px 0 0;font-weight:600}.note{color:#4a5565;font-size:13px;margin:6px 0 0}
.j1ql p{margin:8px 0 2px}pre{background:#f3f5f8;border:1px solid #e3e8ee;border-radius:6px;padding:6px 8px;margin:2px 0;white-space:pre-wrap;overflow-wrap:anywhere;font-size:12px}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}thead th{white-space:nowrap}
tr.tone-bad th{border-left:4px solid #c62828}tr.tone-good th{border-left:4px solid #2e7d32}tr.tone-warn th{border-left:4px solid #ef8f00}tr.tone-unknown th{border-left:4px dotted #8a94a3}
details.devices summary,details.q summary{white-space:nowrap}details.devices ul{margin:4px 0;padding-left:18px;max-height:220px;overflow:auto}li.more{list-style:none;color:#4a5565}
.node rect{fill:#e8f0fe;stroke:#3b6fd8;stroke-width:1.5}.node.mapped rect{fill:#fff8e6;stroke:#c98a00;stroke-dasharray:5 4}
.node-label{font:600 ${FONT.node.size}px ui-monospace,'DejaVu Sans Mono',Menlo,Consolas,monospace;text-anchor:middle;dominant-baseline:middle;fill:#1c2430}
.node-sub{font:${FONT.sub.size}px ui-monospace,'DejaVu Sans Mono',Menlo,Consolas,monospace;text-anchor:middle;dominant-baseline:middle;fill:#4a5565}
.edge path{stroke:#5b6b7f;stroke-width:1.3}.edge.mapped path{stroke:#c98a00;stroke-dasharray:6 4}
.edge-label-bg{fill:#fff;opacity:.9}.edge-label{font:${FONT.edge.size}px ui-monospace,'DejaVu Sans Mono',Menlo,Consolas,monospace;text-anchor:middle;dominant-baseline:middle;fill:#33404f}
ul.legend{list-style:none;padding:0;margin:4px 0;color:#4a5565;font-size:13px}ul.legend svg{vertical-align:middle}.lg-solid{stroke:#5b6b7f;stroke-width:1.5}.lg-dashed{stroke:#c98a00;stroke-width:1.5;stroke-dasharray:6 4}
.counts{display:flex;gap:24px;flex-wrap:wrap;align-items:flex-start}
table{border-collapse:collapse;margin:8px 0}th,td{border:1px solid #dde3ea;padding:3px 8px;text-align:left;vertical-align:top;max-width:360px;overflow-wrap:anywhere}th{background:#f0f3f7}tbody th{font-weight:500;background:#fafbfc}
details.samples,details.inventory{margin:6px 0}code{font-family:ui-monospace,Menlo,monospace}:target{outline:2px solid #3b6fd8}
</style></head><body>
<h1>MDM fleet posture and graph</h1>
<p class="meta">Generated ${esc(generatedAt.toISOString())} from the graph files the collections wrote. Per integration: the fleet's posture (each figure with its devices and the J1QL that answers it in JupiterOne), then the entity types and relationships that were ingested.</p>
${sections.join('\n')}
</body></html>
`;
}
