/**
 * The mdm-core step layer (`@mdm-graph/mdm-core/steps`) bound to Kandji's vendor descriptor,
 * under the names the Kandji steps used before the layer existed, and the one Kandji-specific
 * composition (readOptionalList). No policy of its own: partial data, the fan-out, skipped
 * records and the error mapping are mdm-core's.
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
  loadConfig,
  type KandjiIntegrationConfig,
  type KandjiStepContext,
  type ParsedKandjiConfig,
} from '../config';

export { hasStatus, newReport } from '@mdm-graph/mdm-core/steps';
export type { KandjiStepContext } from '../config';

/** An optional endpoint: permission, what is skipped without it, its ingestion source. */
export type EndpointInfo = OptionalEndpoint;

/** The partial-data recorder of a Kandji step (mdm-core PartialData). */
export type DeniedPermissions = PartialData<KandjiIntegrationConfig>;

/** The step's parsed config; an invalid one throws IntegrationValidationError naming the field(s). */
export function stepConfig(context: KandjiStepContext): ParsedKandjiConfig {
  return loadConfig(context.instance.config);
}

/** The one mapping to J1 errors for Kandji calls: names the permission (403) and the setting to fix (401). */
export function kandjiError(
  err: unknown,
  info: Pick<EndpointInfo, 'endpoint' | 'permission'>,
): Error {
  return kandji.toJupiterOneError(err, info);
}

/** mdm-core partialDataStep for Kandji: the step fails after the rest when an optional endpoint was refused. */
export function permissionAwareStep(
  handler: (context: KandjiStepContext, denied: DeniedPermissions) => Promise<void>,
): (context: KandjiStepContext) => Promise<void> {
  return partialDataStep(kandji, handler);
}

/** Logs and publishes how many Kandji records failed their schema and were skipped. */
export function publishSkipped(context: KandjiStepContext, report: ValidationReport): void {
  publishSkippedRecords({ vendor: kandji, context }, report);
}

/**
 * Reads every record of an optional list endpoint (users, blueprints, custom profiles):
 * one step client, records validated at the boundary (bad ones skipped and reported), a
 * 403 recorded in `partial` (a 404 is an error: these endpoints exist on every tenant).
 * Returns false when refused.
 */
export async function readOptionalList<T>(
  context: KandjiStepContext,
  partial: DeniedPermissions,
  endpoint: EndpointInfo,
  list: (api: KandjiApi, opts: { report: ValidationReport }) => AsyncIterable<T>,
  onRecord: (record: T) => Promise<void>,
): Promise<boolean> {
  const report = newReport(context);
  const read = await withKandjiApi(stepConfig(context), context.logger, (api) =>
    optionalResource(
      partial,
      endpoint,
      async () => {
        for await (const record of list(api, { report })) await onRecord(record);
      },
      { statuses: [403] },
    ),
  );
  publishSkipped(context, report);
  return read;
}
