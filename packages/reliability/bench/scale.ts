/**
 * Scale benchmark (not a test): a 20,000-device Kandji fleet collected in Prism
 * mode and a 10,000-device Esper fleet with installed apps, each collected by
 * `runCollection` in its own child process so its peak RSS is the collection's
 * alone (the simulator runs in this parent process). Target: < 400 MB each.
 *   pnpm --filter @mdm-graph/reliability bench [-- kandji|esper] [--devices N]
 *   pnpm --filter @mdm-graph/reliability bench:smoke   (300 devices each: proves it works, CI)
 * Fails (exit 1) when a collection is not ok.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { esperEnv, kandjiEnv, startEsper, startKandji } from '../src/sims';

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
  const only = process.argv.slice(2).find((a) => a === 'kandji' || a === 'esper');
  const devicesArg = process.argv.indexOf('--devices');
  const devices = devicesArg > 0 ? Number(process.argv[devicesArg + 1]) : undefined;
  const results: Record<string, unknown>[] = [];
  if (!only || only === 'kandji') {
    const n = devices ?? 20_000;
    // Kandji's own limits (50/s, 10,000/h) are enforced by the simulator as by Kong.
    const sim = await startKandji({
      seed: 'scale',
      devices: n,
      appsPerDevice: 12,
      users: Math.ceil(n / 2),
    });
    const r = await runChild('kandji', kandjiEnv(sim.url, sim.token));
    const stats = sim.server.stats();
    results.push({
      integration: 'kandji',
      devices: n,
      mode: 'Prism',
      ...r,
      requests: stats.total,
      rateLimited: stats.rateLimited,
      connectionsOpened: stats.connectionsOpened,
    });
    await sim.close();
  }
  if (!only || only === 'esper') {
    const n = devices ?? 10_000;
    const sim = await startEsper({
      seed: 'scale',
      devices: n,
      appsPerDevice: 12,
      users: 200,
      groups: 50,
      catalogApps: 60,
    });
    const r = await runChild('esper', esperEnv(sim, sim.url));
    const stats = sim.server.stats();
    results.push({
      integration: 'esper',
      devices: n,
      mode: 'installed apps',
      ...r,
      requests: stats.total,
      rateLimited: stats.rateLimited,
      connectionsOpened: stats.connectionsOpened,
    });
    await sim.close();
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
