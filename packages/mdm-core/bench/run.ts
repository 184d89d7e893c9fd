/**
 * pnpm bench: throughput of the full mdm-core client (auth + retry + rate-limit
 * bookkeeping + zod) against a bare undici.request loop at the same
 * concurrency, and in-flight control with 50 ms latency.
 * `pnpm bench -- --write-readme` also updates README.md's Performance section.
 */
import { Agent, request } from 'undici';
import { z } from 'zod';
import { bearerAuth, HttpClient, mapConcurrent } from '../src';
import { MDM_CORE_USER_AGENT } from '../src/http/version';
import { render, writeReadme, type Row } from './report';
import { startBenchServer } from './server';

const CONCURRENCY = 8;
/** `--smoke` (CI): a tiny run that proves the bench still works; its figures mean nothing. */
const SMOKE = process.argv.includes('--smoke');
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? (SMOKE ? 300 : 20_000));
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? (SMOKE ? 1 : 7));
const FAN_OUT = SMOKE ? 40 : 400;
const Device = z.object({
  device_id: z.string(),
  device_name: z.string(),
  serial_number: z.string().nullish(),
  platform: z.string().nullish(),
  user: z.object({ id: z.string(), email: z.string().nullish() }).nullish(),
});
// Same wire headers as the client sends, so only client-side work differs.
const BARE_HEADERS = {
  accept: 'application/json',
  'user-agent': MDM_CORE_USER_AGENT,
  authorization: 'Bearer bench-token-123',
};

interface Run {
  ms: number;
  /** Process CPU (client + server worker) per request, µs. */
  cpuUs: number;
}

const rssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

async function loop(n: number, concurrency: number, one: () => Promise<unknown>): Promise<Run> {
  let next = 0;
  const cpu = process.cpuUsage();
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < n) await one();
    }),
  );
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { ms, cpuUs: (used.user + used.system) / n };
}

async function bare(url: string, n: number): Promise<Run> {
  const agent = new Agent({ keepAliveTimeout: 30_000 });
  try {
    return await loop(n, CONCURRENCY, async () => {
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

async function full(url: string, n: number): Promise<Run> {
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
const best = (xs: number[]) => Math.min(...xs);

function row(name: string, runs: Run[], requests: number, bareRuns?: Run[]): Row {
  const ms = runs.map((r) => r.ms);
  return {
    name,
    requests,
    bestMs: best(ms),
    medianMs: median(ms),
    cpuUs: median(runs.map((r) => r.cpuUs)),
    ratioBest: bareRuns ? best(bareRuns.map((r) => r.ms)) / best(ms) : undefined,
    ratioMedian: bareRuns ? median(bareRuns.map((r) => r.ms)) / median(ms) : undefined,
    rssMb: rssMb(),
  };
}

async function inFlightPhase(url: string, reset: (ms: number) => Promise<void>): Promise<Run> {
  await reset(50);
  const client = new HttpClient({
    baseUrl: `${url}/api/v1`,
    auth: bearerAuth('bench-token-123'),
    maxConcurrency: CONCURRENCY,
  });
  try {
    const ids = Array.from({ length: FAN_OUT }, (_, i) => i);
    // One fan-out: 64 callers, one request per id; the client keeps CONCURRENCY in flight.
    const cpu = process.cpuUsage();
    const start = performance.now();
    let done = 0;
    for await (const r of mapConcurrent(ids, 64, (i) => client.getJson(`devices/${i}/apps`))) {
      void r;
      done += 1;
    }
    const ms = performance.now() - start;
    const used = process.cpuUsage(cpu);
    if (done !== ids.length) throw new Error(`fan-out answered ${done} of ${ids.length}`);
    return { ms, cpuUs: (used.user + used.system) / ids.length };
  } finally {
    await client.close();
  }
}

async function main(): Promise<void> {
  const startRss = rssMb();
  const server = await startBenchServer(0);
  await bare(server.url, SMOKE ? 50 : 2_000); // warm-up both paths (JIT, sockets)
  await full(server.url, SMOKE ? 50 : 2_000);
  const bareRuns: Run[] = [];
  const fullRuns: Run[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    bareRuns.push(await bare(server.url, REQUESTS));
    fullRuns.push(await full(server.url, REQUESTS));
  }
  const rows: Row[] = [
    row(`bare undici.request, ${CONCURRENCY} concurrent`, bareRuns, REQUESTS),
    row('HttpClient (auth+retry+rate limit+zod)', fullRuns, REQUESTS, bareRuns),
  ];
  const latency = await inFlightPhase(server.url, (ms) => server.reset(ms));
  const s = await server.stats();
  rows.push({
    ...row(`50 ms latency, maxConcurrency ${CONCURRENCY}, 64 callers`, [latency], FAN_OUT),
    note: `in flight max ${s.max}, avg ${s.avg.toFixed(2)} (server-side)`,
  });
  await server.close();
  const table = render(rows, { rounds: ROUNDS, startRss });
  console.log(table);
  if (s.total !== FAN_OUT) throw new Error(`server saw ${s.total} requests, expected ${FAN_OUT}`);
  if (s.max > CONCURRENCY) throw new Error(`in flight ${s.max} > maxConcurrency ${CONCURRENCY}`);
  if (process.argv.includes('--write-readme') && !SMOKE) writeReadme(table);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
