import type { IntegrationInstanceConfig } from '@jupiterone/integration-sdk-core';
import { hasStatus, type OptionalEndpoint, type PartialData } from '@mdm-graph/mdm-core/steps';

/**
 * How a findings listing ended: read, absent (404: the tenant lacks the product, an ordinary
 * answer for Vulnerability Management and EDR) or denied (403: recorded in `partial`, one
 * warning naming the permission; the step fails once it ingested the rest).
 */
export type ListingOutcome = 'read' | 'absent' | 'denied';

/** Reads every record of a findings listing into onRecord; other failures become the J1 error. */
export async function readFindingsListing<T, TConfig extends IntegrationInstanceConfig>(
  partial: PartialData<TConfig>,
  info: OptionalEndpoint,
  records: AsyncIterable<T>,
  onRecord: (record: T) => Promise<void> | void,
): Promise<ListingOutcome> {
  try {
    for await (const record of records) await onRecord(record);
    return 'read';
  } catch (err) {
    if (hasStatus(err, 404)) return 'absent';
    if (hasStatus(err, 403)) {
      partial.record(info, err);
      return 'denied';
    }
    throw partial.vendor.toJupiterOneError(err, info);
  }
}
