import { fork } from 'node:child_process';
import { dirname, join } from 'node:path';
import type { ProgressEvent, Reporter, RunResult } from '@mdm-graph/j1-runner';

export interface CollectJob {
  /** The integration package directory (what `pnpm collect` runs in). */
  packageDir: string;
  name: string;
  outDir: string;
  env: Record<string, string>;
}

const runnerCli = join(
  dirname(require.resolve('@mdm-graph/j1-runner/package.json')),
  'dist',
  'cli.js',
);

/**
 * Runs one integration's `collect` in its own process, the same code path a
 * user runs against a real tenant, with progress streamed back over IPC.
 */
export function collectInChild(job: CollectJob, reporter: Reporter): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = fork(
      runnerCli,
      ['--project', job.packageDir, '--out', job.outDir, '--name', job.name, '--ipc'],
      {
        cwd: job.packageDir,
        // Only what the collection needs: config comes from env, as in production.
        env: {
          PATH: process.env.PATH ?? '',
          NODE_OPTIONS: process.env.NODE_OPTIONS ?? '',
          LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
          ...job.env,
        },
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      },
    );
    let result: RunResult | undefined;
    child.on('message', (m: { mdmProgress?: ProgressEvent; mdmResult?: RunResult }) => {
      if (m.mdmProgress) reporter.emit(m.mdmProgress);
      if (m.mdmResult) result = m.mdmResult;
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (result) resolve(result);
      else
        reject(
          new Error(`${job.name} collect exited with ${signal ?? code} before reporting a result`),
        );
    });
  });
}
