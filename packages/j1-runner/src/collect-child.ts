import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';

/** What collect-child.cjs prints: one collection, measured in its own process. */
export interface ChildCollectionReport {
  ok: boolean;
  failedSteps: string[];
  validationError?: string;
  entities: number;
  relationships: number;
  partial: string[];
  wallSeconds: number;
  peakRssMb: number;
  cpuSeconds: number;
  steps: Record<string, number>;
  /** The child's temporary project directory (graph files), deleted here after the child exits. */
  projectDir?: string;
}

/**
 * Runs one collection of the built integration in `packageDir` in a child process (as
 * `pnpm run collect` does; its peak RSS is the collection's), with `env` as its configuration.
 * BENCH_CHILD_ARGS adds node flags to the child only, e.g. "--cpu-prof --cpu-prof-dir=/tmp/p".
 * Resolves with the child's report and the wall time including process start-up (spawn to
 * exit; the graph files the child wrote are deleted afterwards, outside the measurement).
 */
export function collectInChild(
  packageDir: string,
  integration: string,
  env: Record<string, string>,
): Promise<{ report: ChildCollectionReport; wallMs: number }> {
  const started = performance.now();
  const flags = (process.env.BENCH_CHILD_ARGS ?? '').split(' ').filter(Boolean);
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [...flags, join(__dirname, '..', 'collect-child.cjs'), packageDir, integration],
      {
        env: { ...process.env, ...env, LOG_LEVEL: 'warn' },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code) => {
      const wallMs = performance.now() - started;
      const line = out.trim().split('\n').pop() ?? '';
      let report: ChildCollectionReport;
      try {
        report = JSON.parse(line) as ChildCollectionReport;
      } catch {
        reject(new Error(`collection exited ${code}: ${out.slice(-2000)}`));
        return;
      }
      // Only the child's own mkdtemp directory (`<tmpdir>/<integration>-bench-XXXXXX`).
      const dir = report.projectDir;
      if (dir && dirname(dir) === tmpdir() && basename(dir).startsWith(`${integration}-bench-`))
        rmSync(dir, { recursive: true, force: true });
      resolve({ report, wallMs });
    });
  });
}

/**
 * What a benchmark's figures rest on, checked on every run (the CI smoke run too): every step
 * succeeded, no type is partial, something was ingested, and the connections open at once stayed
 * within the tenant's concurrency plus a few (one pool per tenant; more may be opened over a long
 * run, because the simulator, like node:http, closes a connection idle for 5 s and the pool opens
 * a new one when it needs it again). Throws naming the scenario and every problem.
 */
export function assertBenchRun(
  scenario: string,
  report: ChildCollectionReport,
  connections: { maxOpen: number; concurrency: number },
): void {
  const problems = [
    !report.ok && `failed: ${report.failedSteps.join(',')} ${report.validationError ?? ''}`,
    report.partial.length > 0 && `partial types: ${report.partial.join(',')}`,
    report.entities === 0 && 'no entities',
    connections.maxOpen > connections.concurrency + 2 &&
      `${connections.maxOpen} connections open at once (concurrency ${connections.concurrency})`,
  ].filter(Boolean);
  if (problems.length > 0) throw new Error(`${scenario}: ${problems.join('; ')}`);
}
