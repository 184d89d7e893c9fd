/**
 * Where the memory of a large collection goes (not a test):
 *   tsx bench/memory.ts [devices=20000] [appsPerDevice=12]
 * Starts the simulator in this process (Kandji's 50/s and 10,000/h limits, no latency, users =
 * devices / 2, like the reliability scale bench) and runs one `collect` (j1-runner
 * runCollection, entity validation on, no heap cap) in a child process, which samples
 * process.memoryUsage() every 100 ms and reports the peak RSS and heap per step phase.
 * BENCH_HEAP_SNAPSHOT=<step id> writes a heap snapshot when that step ends (for DevTools).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
import type { IntegrationInvocationConfig } from '@jupiterone/integration-sdk-core';
import { runCollection } from '@mdm-graph/j1-runner';
import { startKandjiSimulator } from '../simulator';

const MB = 1024 * 1024;

async function child(): Promise<void> {
  const { invocationConfig } = await import('../src');
  const projectDir = mkdtempSync(join(tmpdir(), 'kandji-memory-'));
  const running = new Set<string>();
  const phases: Record<string, { rssMb: number; heapMb: number }> = {};
  let peakRss = 0;
  const sample = (): void => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    const phase = running.size > 0 ? [...running].sort().join('+') : 'idle';
    const p = (phases[phase] ??= { rssMb: 0, heapMb: 0 });
    p.rssMb = Math.max(p.rssMb, Math.round(m.rss / MB));
    p.heapMb = Math.max(p.heapMb, Math.round(m.heapUsed / MB));
  };
  const timer = setInterval(sample, 100);
  const profiling = process.env.BENCH_ALLOC_PROFILE ? await startAllocationProfile() : undefined;
  const snapshotAt = process.env.BENCH_HEAP_SNAPSHOT;
  const started = Date.now();
  const result = await runCollection({
    invocationConfig: invocationConfig as unknown as IntegrationInvocationConfig,
    integration: 'kandji',
    projectDir,
    env: process.env,
    reporter: {
      emit(event) {
        if (event.kind === 'step-start') running.add(event.stepId);
        if (event.kind === 'step-end') {
          sample();
          running.delete(event.stepId);
          if (event.stepId === snapshotAt)
            process.stderr.write(`heap snapshot: ${writeHeapSnapshot()}\n`);
        }
        if (event.kind === 'done') {
          sample();
          running.add('(summary)');
        }
      },
      close() {},
    },
  });
  clearInterval(timer);
  sample();
  if (profiling) process.stderr.write(`allocation profile: ${await profiling()}\n`);
  rmSync(projectDir, { recursive: true, force: true });
  process.stdout.write(
    `\n${JSON.stringify({
      ok: result.ok,
      failedSteps: result.failedSteps,
      entities: result.graph.totalEntities,
      relationships: result.graph.totalRelationships,
      wallSeconds: (Date.now() - started) / 1000,
      sampledPeakRssMb: Math.round(peakRss / MB),
      maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      phases,
    })}\n`,
  );
}

/**
 * Samples every allocation, including objects already collected (total allocation per
 * function: what drives GC and heap growth), written as a .heapprofile for DevTools.
 */
async function startAllocationProfile(): Promise<() => Promise<string>> {
  const { Session } = await import('node:inspector');
  const { writeFileSync } = await import('node:fs');
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<unknown>((resolve, reject) =>
      session.post(method, params ?? {}, (err, res) => (err ? reject(err) : resolve(res))),
    );
  await post('HeapProfiler.enable');
  await post('HeapProfiler.startSampling', {
    samplingInterval: 64 * 1024,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  return async () => {
    const { profile } = (await post('HeapProfiler.stopSampling')) as { profile: unknown };
    const file = join(tmpdir(), `kandji-${process.pid}.heapprofile`);
    writeFileSync(file, JSON.stringify(profile));
    return file;
  };
}

async function parent(): Promise<void> {
  const devices = Number(process.argv[2] ?? 20_000);
  const appsPerDevice = Number(process.argv[3] ?? 12);
  const sim = await startKandjiSimulator({
    seed: 'scale',
    devices,
    appsPerDevice,
    users: Math.ceil(devices / 2),
  });
  const out = await new Promise<string>((resolve, reject) => {
    const c = spawn(process.execPath, [...process.execArgv, __filename, '--child'], {
      env: { ...process.env, API_URL: sim.url, ACCESS_TOKEN: sim.token, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let text = '';
    c.stdout.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    c.on('error', reject);
    c.on('exit', () => resolve(text));
  });
  const stats = sim.server.stats();
  await sim.close();
  const line = out.trim().split('\n').pop() ?? '';
  const report = JSON.parse(line) as Record<string, unknown>;
  process.stdout.write(
    `${JSON.stringify({ devices, appsPerDevice, requests: stats.total, rateLimited: stats.rateLimited, ...report }, null, 1)}\n`,
  );
}

if (process.argv.includes('--child')) void child();
else void parent();
