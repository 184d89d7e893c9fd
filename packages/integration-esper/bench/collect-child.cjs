/**
 * One collection as `pnpm run collect` performs it: the built integration (package.json
 * "main", as the J1 CLI loads it) through j1-runner's runCollection, entity validation on, the
 * graph written to a temporary directory. Config from the environment (DOMAIN, ENTERPRISE_ID, ACCESS_TOKEN, API_BASE_URL).
 * Runs in its own process (plain JavaScript, no loader) so its peak RSS is the collection's.
 * Prints one JSON line.
 */
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS, loaded without a TS loader */
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { performance } = require('node:perf_hooks');
const { runCollection } = require('@mdm-graph/j1-runner');

async function main() {
  const { invocationConfig } = require(join(__dirname, '..'));
  const projectDir = mkdtempSync(join(tmpdir(), 'esper-bench-'));
  const started = performance.now();
  const cpuAtStart = process.cpuUsage();
  const result = await runCollection({
    invocationConfig,
    integration: 'esper',
    projectDir,
    env: process.env,
  });
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuAtStart);
  rmSync(projectDir, { recursive: true, force: true });
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
    })}\n`,
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
