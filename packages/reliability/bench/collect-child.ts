/** One collection in this process (config from env); prints a JSON line with peak RSS. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCollection } from '@mdm-graph/j1-runner';
import { matrixIntegration } from '../src/sims';

async function main(): Promise<void> {
  const integration = matrixIntegration(process.argv[2] ?? '');
  const projectDir = mkdtempSync(join(tmpdir(), `scale-${integration.id}-`));
  const result = await runCollection({
    invocationConfig: integration.invocationConfig(),
    integration: integration.id,
    projectDir,
    env: process.env,
  });
  const report = {
    ok: result.ok,
    steps: result.steps.map((s) => `${s.id}=${s.status}`).join(' '),
    entities: result.graph.totalEntities,
    relationships: result.graph.totalRelationships,
    durationMs: Math.round(result.durationMs),
    // process.resourceUsage().maxRSS is in kilobytes.
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  rmSync(projectDir, { recursive: true, force: true });
  process.stdout.write(`\n${JSON.stringify(report)}\n`);
}

void main();
