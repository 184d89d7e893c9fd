/**
 * Kandji's own composition over the mdm-core step layer (`@mdm-graph/mdm-core/steps`), the
 * counterpart of Esper's steps/shared.ts (`collect`): how a Kandji step reads an optional list
 * endpoint. Everything else (partial data, the fan-out, skipped records, the error mapping,
 * config) the steps take from the layer, the vendor descriptor (`kandji`) and config.ts directly.
 */
import type { ValidationReport } from '@mdm-graph/mdm-core';
import {
  newReport,
  optionalResource,
  partialDataStep,
  publishSkipped as publishSkippedRecords,
  type OptionalEndpoint,
  type PartialData,
} from '@mdm-graph/mdm-core/steps';
import { kandji, withKandjiApi, type KandjiApi } from '../client';
import {
  requireConfig,
  type KandjiIntegrationConfig,
  type KandjiStepContext,
  type ParsedKandjiConfig,
} from '../config';

/**
 * Reads every record of an optional list endpoint (users, blueprints, custom profiles):
 * one step client, records validated at the boundary (bad ones skipped and reported), a
 * 403 recorded in `partial` (a 404 is an error: these endpoints exist on every tenant).
 * Returns false when refused.
 */
export async function readOptionalList<T>(
  context: KandjiStepContext,
  partial: PartialData<KandjiIntegrationConfig>,
  endpoint: OptionalEndpoint,
  list: (api: KandjiApi, opts: { report: ValidationReport }) => AsyncIterable<T>,
  onRecord: (record: T) => Promise<void>,
): Promise<boolean> {
  const report = newReport(context);
  const read = await withKandjiApi(requireConfig(context.instance.config), context.logger, (api) =>
    optionalResource(
      partial,
      endpoint,
      async () => {
        for await (const record of list(api, { report })) await onRecord(record);
      },
      { statuses: [403] },
    ),
  );
  publishSkippedRecords(partial, report);
  return read;
}

// ---------------------------------------------------------------------------------------------
// Transitional: the old Kandji names of the step layer, still used by steps/prism.ts and
// steps/vulnerabilities/index.ts (H5's perf branch edits them). Remove once they use the layer
// directly (partialDataStep(kandji, …), publishSkipped(partial, report),
// requireConfig(context.instance.config), kandji.toJupiterOneError, OptionalEndpoint).
// ---------------------------------------------------------------------------------------------
export { hasStatus, newReport } from '@mdm-graph/mdm-core/steps';
export type { KandjiStepContext } from '../config';
/** @deprecated OptionalEndpoint (mdm-core). */
export type EndpointInfo = OptionalEndpoint;
/** @deprecated PartialData<KandjiIntegrationConfig> (mdm-core). */
export type DeniedPermissions = PartialData<KandjiIntegrationConfig>;
/** @deprecated requireConfig(context.instance.config). */
export function stepConfig(context: KandjiStepContext): ParsedKandjiConfig {
  return requireConfig(context.instance.config);
}
/** @deprecated kandji.toJupiterOneError(err, info). */
export function kandjiError(
  err: unknown,
  info: Pick<OptionalEndpoint, 'endpoint' | 'permission'>,
): Error {
  return kandji.toJupiterOneError(err, info);
}
/** @deprecated partialDataStep(kandji, handler). */
export function permissionAwareStep(
  handler: (context: KandjiStepContext, denied: DeniedPermissions) => Promise<void>,
): (context: KandjiStepContext) => Promise<void> {
  return partialDataStep(kandji, handler);
}
/** @deprecated publishSkipped({ vendor: kandji, context }, report) or publishSkipped(partial, report). */
export function publishSkipped(context: KandjiStepContext, report: ValidationReport): void {
  publishSkippedRecords({ vendor: kandji, context }, report);
}
