import {
  type IntegrationExecutionContext,
  type IntegrationIngestionConfigFieldMap,
  type IntegrationStep,
} from '@jupiterone/integration-sdk-core';
import { type Query } from '../http/url';
import { type HttpClient } from '../http/client';

/** A request the preflight sends to learn whether the credential may read a source. */
export interface ProbeRequest {
  /** Relative to the client's base URL (or absolute on it). */
  path: string;
  /** Default `{ limit: 1 }`: one record is enough. */
  query?: Query;
}

/**
 * An optional ingestion source and the permission it needs: the preflight warning, the step
 * errors and docs/jupiterone.md say the same thing.
 */
export interface SourcePermission<S extends string = string> {
  /** The ingestion source id, e.g. "users". */
  source: S;
  /** The vendor permission, as the vendor's console names it. */
  permission: string;
  /** What is partial (kept from earlier runs, not refreshed) without it. */
  data: string;
  /**
   * How the preflight checks it: a one-record request, or a function finding one (e.g. the
   * apps of the first listed device; undefined: nothing to probe). None: not probed.
   */
  probe?: ProbeRequest | ((client: HttpClient) => Promise<ProbeRequest | undefined>);
}

/** Declares the sources with their permissions (typed ids, checked for duplicates). */
export function sourcePermissions<S extends string>(
  list: readonly SourcePermission<S>[],
): readonly SourcePermission<S>[] {
  const seen = new Set<string>();
  for (const p of list) {
    if (seen.has(p.source)) throw new Error(`sourcePermissions: "${p.source}" is declared twice`);
    seen.add(p.source);
  }
  return Object.freeze([...list]);
}

/** True unless the instance switched the source off (J1 UI, or DISABLED_INGESTION_SOURCES). */
export function isSourceEnabled(
  context: Pick<IntegrationExecutionContext, 'instance'>,
  source: string,
): boolean {
  return !context.instance.disabledSources?.some((s) => s.ingestionSourceId === source);
}

/**
 * Checks an integration's ingestion sources against its steps; [] when consistent. Each
 * problem is one sentence. The checks every integration's sources.test.ts made:
 * - the `core` source exists and cannot be disabled;
 * - every step names a declared source and declares its authorization (permissions, endpoints);
 * - no step depends (transitively) on a step of another optional source (a disabled source
 *   would otherwise fail its dependents) - except the steps in `exempt` (e.g. a collection
 *   health step that depends on every step and prunes disabled ones itself);
 * - every declared source has a step, except the `switches` (sources read inside other steps,
 *   e.g. "device-details" switching a per-device request of the devices step off).
 */
export function ingestionSourceProblems(
  config: {
    integrationSteps: readonly Pick<
      IntegrationStep,
      'id' | 'dependsOn' | 'ingestionSourceId' | 'authorization'
    >[];
    ingestionConfig?: IntegrationIngestionConfigFieldMap;
  },
  opts: { core: string; exempt?: readonly string[]; switches?: readonly string[] },
): string[] {
  const problems: string[] = [];
  const sources = config.ingestionConfig ?? {};
  const byId = new Map(config.integrationSteps.map((s) => [s.id, s]));
  const exempt = new Set(opts.exempt ?? []);
  if (!sources[opts.core]) problems.push(`the core source "${opts.core}" is not declared`);
  else if (sources[opts.core]?.cannotBeDisabled !== true)
    problems.push(`the core source "${opts.core}" can be disabled (set cannotBeDisabled)`);
  const ancestors = (id: string, seen = new Set<string>()): Set<string> => {
    for (const dep of byId.get(id)?.dependsOn ?? []) {
      if (seen.has(dep)) continue;
      seen.add(dep);
      ancestors(dep, seen);
    }
    return seen;
  };
  const used = new Set<string>();
  for (const step of config.integrationSteps) {
    const source = step.ingestionSourceId;
    if (!source || !sources[source]) {
      problems.push(`step ${step.id} has no declared ingestion source (${source ?? 'none'})`);
      continue;
    }
    used.add(source);
    if (!step.authorization?.permissions?.length)
      problems.push(`step ${step.id} declares no authorization.permissions`);
    if (!step.authorization?.endpoints?.length)
      problems.push(`step ${step.id} declares no authorization.endpoints`);
    if (exempt.has(step.id)) continue;
    for (const dep of ancestors(step.id)) {
      const depSource = byId.get(dep)?.ingestionSourceId;
      if (depSource === opts.core || depSource === source) continue;
      problems.push(
        `step ${step.id} (source "${source}") depends on ${dep} of another optional source ("${depSource ?? 'none'}")`,
      );
    }
  }
  const switches = new Set(opts.switches ?? []);
  for (const source of Object.keys(sources))
    if (!used.has(source) && !switches.has(source))
      problems.push(
        `ingestion source "${source}" has no step (list it in switches if a step reads it as a switch)`,
      );
  for (const source of switches)
    if (!sources[source])
      problems.push(`the switch "${source}" is not a declared ingestion source`);
  return problems;
}
