import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IntegrationInvocationConfig } from '@jupiterone/integration-sdk-core';
import { runCollection, type ProgressEvent, type RunResult } from '@mdm-graph/j1-runner';
import { readGraph, type CollectedGraph } from './graph';

export interface CollectOptions {
  invocationConfig: IntegrationInvocationConfig;
  /** Integration id (integrations.json), e.g. "kandji". */
  integration: string;
  /** The integration's configuration as environment variables (API_URL, ACCESS_TOKEN, ...). */
  env: Record<string, string | undefined>;
  /** Case name, used in the temp dir name. */
  label?: string;
  /** Replacements applied to graph keys (see readGraph). */
  keyAliases?: Record<string, string>;
}

export interface Collected {
  result: RunResult;
  graph: CollectedGraph;
  /** Full `.j1-integration.log`. */
  log: string;
  /** Warning and error lines the runner would print on the console. */
  console: { level: 'warn' | 'error'; msg: string }[];
  /** Anything written to stdout/stderr while the collection ran (direct console use included). */
  stdio: string;
  /** `.j1-integration/summary.json`, parsed. */
  summary: Summary | undefined;
  projectDir: string;
  dispose(): void;
}

export interface Summary {
  integrationStepResults: {
    id: string;
    name: string;
    status: string;
    partialTypes?: string[];
    encounteredTypes?: string[];
  }[];
  metadata: { partialDatasets: { types: string[] } };
}

async function settledLog(file: string): Promise<string> {
  // The run logger writes through a stream; wait until the file stops growing.
  let last = -1;
  for (let i = 0; i < 20; i++) {
    const size = existsSync(file) ? statSync(file).size : 0;
    if (size === last) break;
    last = size;
    await new Promise((r) => setTimeout(r, 15));
  }
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}

/** Tees process.stdout/stderr into `sink` (the output still reaches the terminal). */
function captureStdio(sink: string[]): () => void {
  const streams = [process.stdout, process.stderr];
  const originals = streams.map((s) => s.write.bind(s));
  streams.forEach((stream, i) => {
    const original = originals[i] as typeof stream.write;
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      sink.push(
        typeof chunk === 'string'
          ? chunk
          : Buffer.isBuffer(chunk)
            ? chunk.toString('utf8')
            : String(chunk),
      );
      return (original as (...a: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof stream.write;
  });
  return () => {
    streams.forEach((stream, i) => {
      stream.write = originals[i] as typeof stream.write;
    });
  };
}

/**
 * One `collect`, exactly as `npm run collect` performs it (j1-runner's
 * runCollection over the integration's invocationConfig, config from env),
 * into a fresh project directory, then reads back what it wrote.
 */
export async function collect(o: CollectOptions): Promise<Collected> {
  const projectDir = mkdtempSync(
    join(
      tmpdir(),
      `reliability-${o.integration}-${(o.label ?? 'run').replace(/[^a-z0-9]+/gi, '-')}-`,
    ),
  );
  const consoleLines: Collected['console'] = [];
  const stdio: string[] = [];
  const restore = captureStdio(stdio);
  const result = await runCollection({
    invocationConfig: o.invocationConfig,
    integration: o.integration,
    projectDir,
    // Only the case's variables: nothing from the developer's shell leaks in.
    env: Object.fromEntries(Object.entries(o.env).filter(([, v]) => v !== undefined)),
    reporter: {
      emit(e: ProgressEvent) {
        if (e.kind === 'log') consoleLines.push({ level: e.level, msg: e.msg });
      },
      close() {},
    },
  }).finally(restore);
  const summaryFile = join(result.storageDir, 'summary.json');
  return {
    result,
    graph: await readGraph(result.storageDir, o.keyAliases),
    log: await settledLog(result.logFile),
    console: consoleLines,
    stdio: stdio.join(''),
    summary: existsSync(summaryFile)
      ? (JSON.parse(readFileSync(summaryFile, 'utf8')) as Summary)
      : undefined,
    projectDir,
    dispose: () => rmSync(projectDir, { recursive: true, force: true }),
  };
}

/** One line per step: id, status and error, for assertion messages. */
export function describeSteps(r: RunResult): string {
  return (
    r.steps.map((s) => `${s.id}=${s.status}${s.error ? ` (${s.error})` : ''}`).join(', ') +
    (r.validationError ? ` validation: ${r.validationError}` : '')
  );
}
