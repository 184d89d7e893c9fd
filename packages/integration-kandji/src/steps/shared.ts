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
  publishSkipped,
  type OptionalEndpoint,
  type PartialData,
} from '@mdm-graph/mdm-core/steps';
import { withKandjiApi, type KandjiApi } from '../client';
import { requireConfig, type KandjiIntegrationConfig, type KandjiStepContext } from '../config';

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
  publishSkipped(partial, report);
  return read;
}
