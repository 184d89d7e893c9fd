/**
 * pnpm bench: throughput of the full mdm-core client (auth + retry + rate-limit
 * bookkeeping + zod) against a bare undici.request loop at the same
 * concurrency, and in-flight control with 50 ms latency.
 * `pnpm bench -- --write-readme` also updates README.md's Performance section.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { z } from 'zod';
import { bearerAuth, HttpClient, mapConcurrent, MDM_CORE_USER_AGENT } from '../src';
import { startBenchServer } from './server';

const CONCURRENCY = 8;
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 20_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const Device = z.object({
  device_id: z.string(),
  device_name: z.string(),
  serial_number: z.string().nullish(),
  platform: z.string().nullish(),
  user: z.object({ id: z.string(), email: z.string().nullish() }).nullish(),
});

interface Row {
  name: string;
  requests: number;
  wallMs: number;
  rps: number;
  ratio?: number;
  rssMb: number;
  note?: string;
}

const BARE_HEADERS = {
  accept: 'application/json',
  'user-agent': MDM_CORE_USER_AGENT,
  authorization: 'Bearer bench-token-123',
};

const rssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

async function loop(n: number, concurrency: number, one: () => Promise<unknown>): Promise<number> {
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < n) await one();
    }),
  );
  return performance.now() - start;
}

async function bare(url: string, n: number): Promise<number> {
  const agent = new Agent({ keepAliveTimeout: 30_000 });
  try {
    return await loop(n, CONCURRENCY, async () => {
      // Same wire headers as the client sends, so only client-side work differs.
      const res = await request(`${url}/api/v1/devices/1`, {
        dispatcher: agent,
        headers: BARE_HEADERS,
      });
      await res.body.json();
    });
  } finally {
    await agent.close();
  }
}

async function full(url: string, n: number): Promise<number> {
  const client = new HttpClient({
    baseUrl: `${url}/api/v1`,
    auth: bearerAuth('bench-token-123'),
    maxConcurrency: CONCURRENCY,
    rateLimit: {
      windows: [
        { name: 'second', limit: 100_000, intervalMs: 1_000 },
        { name: 'hour', limit: 1_000_000, intervalMs: 3_600_000 },
      ],
    },
  });
  try {
    return await loop(n, CONCURRENCY, () => client.getJson('devices/1', { schema: Device }));
  } finally {
    await client.close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

async function main(): Promise<void> {
  const server = await startBenchServer(0);
  const rows: Row[] = [];
  await bare(server.url, 2_000); // warm-up both paths (JIT, sockets)
  await full(server.url, 2_000);
  const bareMs: number[] = [];
  const fullMs: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    bareMs.push(await bare(server.url, REQUESTS));
    fullMs.push(await full(server.url, REQUESTS));
  }
  const b = median(bareMs);
  const f = median(fullMs);
  // Each round runs both back to back, so the per-round ratio cancels drifting background load.
  const ratio = median(bareMs.map((bm, i) => bm / (fullMs[i] as number)));
  rows.push({
    name: `bare undici.request, ${CONCURRENCY} concurrent`,
    requests: REQUESTS,
    wallMs: b,
    rps: (REQUESTS / b) * 1000,
    rssMb: rssMb(),
  });
  rows.push({
    name: 'HttpClient (auth+retry+rate limit+zod)',
    requests: REQUESTS,
    wallMs: f,
    rps: (REQUESTS / f) * 1000,
    ratio,
    rssMb: rssMb(),
  });

  await server.reset(50);
  const client = new HttpClient({
    baseUrl: `${server.url}/api/v1`,
    auth: bearerAuth('bench-token-123'),
    maxConcurrency: CONCURRENCY,
  });
  const fanout = 400;
  const ms = await loop(1, 1, async () => {
    for await (const _ of mapConcurrent(
      Array.from({ length: fanout }, (_, i) => i),
      64,
      (i) => client.getJson(`devices/${i}/apps`),
    ))
      void _;
  });
  const s = await server.stats();
  await client.close();
  rows.push({
    name: `50 ms latency, maxConcurrency ${CONCURRENCY}, 64 callers`,
    requests: fanout,
    wallMs: ms,
    rps: (fanout / ms) * 1000,
    rssMb: rssMb(),
    note: `in flight max ${s.max}, avg ${s.avg.toFixed(2)} (server-side)`,
  });
  await server.close();

  const table = render(rows, ratio);
  console.log(table);
  if (process.argv.includes('--write-readme')) writeReadme(table);
}

function render(rows: Row[], ratio: number): string {
  const lines = [
    `Node ${process.version}, ${process.platform}/${process.arch}, median of ${ROUNDS} interleaved rounds (ratio: median of per-round ratios), loopback server in a worker thread.`,
    '',
    '| scenario | requests | wall time | req/s | vs bare | peak RSS | notes |',
    '|---|---:|---:|---:|---:|---:|---|',
    ...rows.map(
      (r) =>
        `| ${r.name} | ${r.requests} | ${(r.wallMs / 1000).toFixed(2)} s | ${Math.round(r.rps)} | ${r.ratio ? `${(r.ratio * 100).toFixed(0)}%` : '—'} | ${r.rssMb} MB | ${r.note ?? ''} |`,
    ),
    '',
    `Full client throughput = ${(ratio * 100).toFixed(1)}% of bare undici (target >= 80%).`,
  ];
  return lines.join('\n');
}

function writeReadme(table: string): void {
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

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
