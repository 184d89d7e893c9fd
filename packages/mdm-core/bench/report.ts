import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';

export interface Row {
  name: string;
  requests: number;
  bestMs: number;
  medianMs: number;
  cpuUs: number;
  ratioBest?: number;
  ratioMedian?: number;
  rssMb: number;
  note?: string;
}

const pct = (x?: number) => (x === undefined ? '—' : `${(x * 100).toFixed(0)}%`);
const rps = (n: number, ms: number) => Math.round((n / ms) * 1000);

export function render(rows: Row[], ctx: { rounds: number; startRss: number }): string {
  const client = rows.find((r) => r.ratioBest !== undefined);
  const bare = rows[0];
  // CPU per request is steadier than wall time on a shared machine.
  const cpuRatio = client && bare ? bare.cpuUs / client.cpuUs : undefined;
  return [
    `Node ${process.version}, ${process.platform}/${process.arch}, ${cpus().length} CPUs; ${ctx.rounds} interleaved rounds; ` +
      `server in a worker thread of the same process (RSS at start ${ctx.startRss} MB, tsx included).`,
    '',
    '| scenario | requests | wall (best) | req/s best | req/s median | vs bare best / median | CPU µs/req | peak RSS | notes |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---|',
    ...rows.map(
      (r) =>
        `| ${r.name} | ${r.requests} | ${(r.bestMs / 1000).toFixed(2)} s | ${rps(r.requests, r.bestMs)} | ` +
        `${rps(r.requests, r.medianMs)} | ${pct(r.ratioBest)} / ${pct(r.ratioMedian)} | ${r.cpuUs.toFixed(0)} | ${r.rssMb} MB | ${r.note ?? ''} |`,
    ),
    '',
    client
      ? `Full client throughput: ${pct(client.ratioBest)} of bare undici (best round), ${pct(client.ratioMedian)} (median round); target >= 80%. ` +
        `By CPU per request: ${pct(cpuRatio)} (${(client.cpuUs - (bare?.cpuUs ?? 0)).toFixed(0)} µs more per request). ` +
        'CPU µs/req counts client and server threads together.'
      : '',
  ].join('\n');
}

export function writeReadme(table: string): void {
  const path = join(__dirname, '..', 'README.md');
  const start = '<!-- bench:start -->';
  const end = '<!-- bench:end -->';
  const text = readFileSync(path, 'utf8');
  const i = text.indexOf(start);
  const j = text.indexOf(end);
  if (i < 0 || j < i) throw new Error(`README.md has no ${start} ... ${end} markers`);
  writeFileSync(path, `${text.slice(0, i + start.length)}\n${table}\n${text.slice(j)}`);
  console.log('README.md Performance section updated');
}
