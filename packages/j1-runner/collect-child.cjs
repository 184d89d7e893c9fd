/**
 * One collection as `pnpm run collect` performs it, for the integrations' benchmarks:
 * `node collect-child.cjs <integration package dir> <integration name>` loads the built
 * integration (package.json "main", as the J1 CLI loads it) and runs it through runCollection,
 * entity validation on, the graph written to a temporary directory. Config from the environment
 * (the integration's own variables). Runs in its own process (plain JavaScript, no loader) so its
 * peak RSS is the collection's. Prints one JSON line.
 */
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS, loaded without a TS loader */
const { mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { performance } = require('node:perf_hooks');
const { runCollection, tuneHeapForCollection } = require('./dist');

async function main() {
  // The same heap growth as `pnpm run collect` (dist/cli.js), so the figures are a user's.
  tuneHeapForCollection();
  const [packageDir, integration] = process.argv.slice(2);
  if (!packageDir || !integration) {
    throw new Error('usage: node collect-child.cjs <integration package dir> <integration name>');
  }
  const { invocationConfig } = require(packageDir);
  const projectDir = mkdtempSync(join(tmpdir(), `${integration}-bench-`));
  const started = performance.now();
  const cpuAtStart = process.cpuUsage();
  const result = await runCollection({
    invocationConfig,
    integration,
    projectDir,
    env: process.env,
  });
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuAtStart);
  // The graph directory is the parent's to delete once this process has exited: a user's
  // collect keeps its graph, so deleting a few thousand files is no part of the measurement.
  process.stdout.write(
    `\n${JSON.stringify({
      ok: result.ok,
      failedSteps: result.failedSteps,
      validationError: result.validationError,
      entities: result.graph.totalEntities,
      relationships: result.graph.totalRelationships,
      partial: result.partialDatasets?.types ?? [],
      wallSeconds: wallMs / 1000,
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      // CPU the collection used (user + system): less sensitive to a busy machine than wall time.
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      steps: Object.fromEntries(result.steps.map((s) => [s.id, Math.round(s.durationMs ?? 0)])),
      projectDir,
    })}\n`,
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
