import {
  type IntegrationInstanceConfig,
  IntegrationWarnEventName,
} from '@jupiterone/integration-sdk-core';
import { type HttpClient } from '../http/client';
import { isApiCallError } from '../http/errors';
import { type StepScope } from './partial-data';
import { isSourceEnabled, type ProbeRequest, type SourcePermission } from './sources';
import { type Vendor } from './vendor';

export interface PreflightFinding<S extends string = string> extends SourcePermission<S> {
  /** e.g. "GET users" (see PreflightOptions.endpointOf). */
  endpoint: string;
  status: number;
}

export interface PreflightOptions {
  /** How a probe path is named in the warning. Default `GET <path>`. */
  endpointOf?: (path: string) => string;
}

/**
 * The permission preflight (from validateInvocation or a first step): one one-record request
 * per enabled optional source (the same request never twice), before any step runs. Every
 * source the credential cannot read (403) is listed in ONE warning at the start of the run
 * (logged and published as MissingPermission), with what will be partial and both fixes
 * (grant the permission, or switch the source off). Other errors are left to the steps (a
 * 5xx now says nothing about permissions): one info line, no finding. Returns the findings.
 */
export async function runPreflight<S extends string, TConfig extends IntegrationInstanceConfig>(
  scope: StepScope<TConfig>,
  client: HttpClient,
  sources: readonly SourcePermission<S>[],
  opts: PreflightOptions = {},
): Promise<PreflightFinding<S>[]> {
  const { context, vendor } = scope;
  const endpointOf = opts.endpointOf ?? ((path: string) => `GET ${path}`);
  const findings: PreflightFinding<S>[] = [];
  const probed = new Set<string>();
  for (const p of sources) {
    if (!p.probe || !isSourceEnabled(context, p.source)) continue;
    let req: ProbeRequest | undefined;
    try {
      req = typeof p.probe === 'function' ? await p.probe(client) : p.probe;
    } catch {
      req = undefined; // the step reports it
    }
    if (!req) continue;
    const query = req.query ?? { limit: 1 };
    const key = `${req.path}?${JSON.stringify(query)}`;
    if (probed.has(key)) continue;
    probed.add(key);
    try {
      await client.getJson(req.path, { query });
    } catch (err) {
      if (isApiCallError(err) && err.status === 403)
        findings.push({ ...p, endpoint: endpointOf(req.path), status: 403 });
      else
        context.logger.info(
          { endpoint: endpointOf(req.path) },
          'Permission preflight: probe inconclusive',
        );
    }
  }
  if (findings.length > 0) {
    const description = preflightMessage(vendor, findings);
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

/** The one preflight warning (also repeated by the runner's end summary). */
export function preflightMessage(vendor: Vendor, findings: readonly PreflightFinding[]): string {
  const items = findings.map(
    (f) =>
      `"${f.source}": the ${vendor.credential} ${vendor.lacksPermission(f.permission)} (${f.endpoint} returned ${f.status}), so ${f.data} will be partial (kept from earlier runs, not refreshed); to fix, ${vendor.fixes(f)}`,
  );
  return `Permission preflight: ${findings.length} enabled ingestion source(s) will be partial. ${items.join('. ')}.`;
}
