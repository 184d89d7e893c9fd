import { IntegrationWarnEventName } from '@jupiterone/integration-sdk-core';
import type { KandjiApi } from './client';
import type { KandjiExecutionContext } from './config';
import { isSourceEnabled, SOURCE_PERMISSIONS, type SourcePermission } from './sources';
import { fixesFor, hasStatus } from './steps/shared';

export interface PreflightFinding extends SourcePermission {
  endpoint: string;
  status: number;
}

/**
 * The permission preflight: one one-record request (`limit=1`) per enabled optional source
 * (never one twice), before any step runs. Every source the token cannot read is listed in one
 * warning at the start of the run, with what will be partial and both fixes (grant the
 * permission, or switch the source off); the runner's end summary repeats it. Errors other
 * than 403 are left to the steps (a 5xx now says nothing about permissions).
 */
export async function runPreflight(
  api: KandjiApi,
  context: KandjiExecutionContext,
): Promise<PreflightFinding[]> {
  const findings: PreflightFinding[] = [];
  const probed = new Set<string>();
  for (const p of SOURCE_PERMISSIONS) {
    if (!p.probe || probed.has(p.probe) || !isSourceEnabled(context, p.source)) continue;
    probed.add(p.probe);
    try {
      await api.http.getJson(p.probe, { query: p.probeQuery ?? { limit: 1 } });
    } catch (err) {
      if (hasStatus(err, 403)) findings.push({ ...p, endpoint: `GET ${p.probe}`, status: 403 });
      else context.logger.info({ endpoint: p.probe }, 'Permission preflight: probe inconclusive');
    }
  }
  if (findings.length > 0) {
    const description = preflightMessage(findings);
    context.logger.warn(
      { preflight: true, partialSources: findings.map((f) => f.source) },
      description,
    );
    context.logger.publishWarnEvent({
      name: IntegrationWarnEventName.MissingPermission,
      description,
    });
  }
  return findings;
}

export function preflightMessage(findings: readonly PreflightFinding[]): string {
  const items = findings.map(
    (f) =>
      `"${f.source}": the API token lacks the "${f.permission}" permission (${f.endpoint} returned ${f.status}), so ${f.data} will be partial (kept from earlier runs, not refreshed); to fix, ${fixesFor(f)}`,
  );
  return `Permission preflight: ${findings.length} enabled ingestion source(s) will be partial. ${items.join('. ')}.`;
}
