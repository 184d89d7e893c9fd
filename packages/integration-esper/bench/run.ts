/**
 * `pnpm bench`: collection speed against the simulator with 50 ms latency per response.
 *   (a) complete graph: account, catalog, groups, devices, users, installed apps (1 call per device)
 *   (b) catalog only: account, applications, device groups, devices
 *   (c) complete graph under a server-side limit that forces 429s (no headers, no Retry-After)
 * The collector runs in a child process so its peak RSS is measured alone.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Steps } from '../src/steps/constants';
import { type EsperSimulatorOptions, startEsperSimulator } from '../simulator';

const run = promisify(execFile);

const FLEET: EsperSimulatorOptions = {
  seed: 'bench',
  devices: Number(process.env.BENCH_DEVICES ?? 1000),
  appsPerDevice: Number(process.env.BENCH_APPS ?? 40),
  catalogApps: 60,
  groups: 40,
  users: 120,
  latencyMs: Number(process.env.BENCH_LATENCY_MS ?? 50),
  // Devices only the v2 API lists (Apple with installed apps; Windows, Linux).
  apple: Number(process.env.BENCH_APPLE ?? 0),
  windows: Number(process.env.BENCH_WINDOWS ?? 0),
  linux: Number(process.env.BENCH_LINUX ?? 0),
};

const CATALOG = [Steps.ACCOUNT, Steps.APPLICATIONS, Steps.DEVICE_GROUPS, Steps.DEVICES];

interface Scenario {
  name: string;
  steps?: string[];
  sim?: Partial<EsperSimulatorOptions>;
}

const SCENARIOS: Scenario[] = [
  { name: '(a) complete graph' },
  { name: '(b) catalog only', steps: CATALOG },
  {
    name: '(c) complete graph, server limit 200 req/s',
    sim: { rateLimit: { windows: [{ name: 'second', limit: 200, intervalMs: 1000 }] } },
  },
];

async function measure(s: Scenario) {
  const sim = await startEsperSimulator({ ...FLEET, ...s.sim });
  try {
    const dir = mkdtempSync(join(tmpdir(), 'esper-bench-out-'));
    const out = join(dir, 'result.json');
    await run(process.execPath, ['--import', 'tsx', 'bench/collect.ts'], {
      env: {
        ...process.env,
        ESPER_BENCH_CONFIG: JSON.stringify(sim.config),
        ESPER_BENCH_STEPS: (s.steps ?? []).join(','),
        ESPER_BENCH_OUT: out,
      },
      maxBuffer: 64 * 1024 * 1024,
    });
    const child = JSON.parse(readFileSync(out, 'utf8')) as {
      wallMs: number;
      peakRssMb: number;
      entities: number;
      relationships: number;
      steps: Record<string, number>;
    };
    rmSync(dir, { recursive: true, force: true });
    const stats = sim.server.stats();
    return { scenario: s.name, requests: stats.total, http429: stats.rateLimited, ...child };
  } finally {
    await sim.close();
  }
}

async function main(): Promise<void> {
  console.log(
    `Esper bench: ${FLEET.devices} devices x ${FLEET.appsPerDevice} installed apps, ${FLEET.latencyMs} ms latency, node ${process.version}`,
  );
  const rows = [];
  for (const s of SCENARIOS) rows.push(await measure(s));
  console.log('| scenario | requests | 429s | wall time | peak RSS | entities | relationships |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows)
    console.log(`${r.scenario} step durations (ms): ${JSON.stringify(r.steps)}`);
  for (const r of rows) {
    console.log(
      `| ${r.scenario} | ${r.requests} | ${r.http429} | ${(r.wallMs / 1000).toFixed(2)} s | ${r.peakRssMb.toFixed(0)} MB | ${r.entities} | ${r.relationships} |`,
    );
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
