/**
 * Scale benchmark (not a test): every integration of the registry (integrations.json) collected
 * from a large simulated tenant (the simulator's `scale` preset and its device count: Kandji
 * 20,000 devices in Prism mode, Esper 10,000 with installed apps), each collection by
 * `runCollection` in its own child process so its peak RSS is the collection's alone (the
 * simulator runs in this parent process). Target: < 400 MB each.
 *   pnpm --filter @mdm-graph/reliability bench [-- <integration id>] [--devices N]
 *   pnpm --filter @mdm-graph/reliability bench:smoke   (100 devices each: proves it works, CI)
 * Fails (exit 1) when a collection is not ok.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { matrixIntegrations } from '../src/sims';

interface ChildReport {
  ok: boolean;
  steps: string;
  entities: number;
  relationships: number;
  durationMs: number;
  maxRssMb: number;
}

function runChild(integration: string, env: Record<string, string>): Promise<ChildReport> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(__dirname, 'collect-child.ts'), integration],
      {
        // Every ingestion source on (some default to off), as the published scale numbers were measured.
        env: { ...process.env, ENABLED_INGESTION_SOURCES: 'all', ...env, LOG_LEVEL: 'warn' },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      try {
        resolve(JSON.parse(line) as ChildReport);
      } catch {
        reject(new Error(`child exited ${code}: ${out.slice(-2000)}`));
      }
    });
  });
}

async function main(): Promise<void> {
  const all = matrixIntegrations();
  const only = process.argv.slice(2).find((a) => all.some((i) => i.id === a));
  const devicesArg = process.argv.indexOf('--devices');
  const devices = devicesArg > 0 ? Number(process.argv[devicesArg + 1]) : undefined;
  const results: Record<string, unknown>[] = [];
  for (const integration of all) {
    if (only && integration.id !== only) continue;
    // The vendor's scale preset says how many devices its published figure has.
    const preset = integration.simulator.profiles.scale;
    const n = devices ?? preset?.devices ?? 10_000;
    // The vendor's own limits are enforced by the simulator (Kandji's 50/s, 10,000/h as by Kong).
    const sim = await integration.simulator.start({ profile: 'scale', devices: n });
    try {
      const r = await runChild(integration.id, sim.env);
      const stats = sim.stats();
      results.push({
        integration: integration.id,
        devices: n,
        mode: preset?.note ?? 'every source on',
        ...r,
        requests: stats.total,
        rateLimited: stats.rateLimited,
        connectionsOpened: stats.connectionsOpened,
      });
    } finally {
      await sim.close();
    }
  }
  console.table(results);
  console.log(JSON.stringify(results));
  const failed = results.filter((r) => r.ok !== true);
  if (failed.length > 0) {
    console.error(`not ok: ${failed.map((r) => `${r.integration} (${r.steps})`).join('; ')}`);
    process.exitCode = 1;
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
