import { paginate, type CompletenessTracker, type ValidationReport } from '@mdm-graph/mdm-core';
import type { ZodType } from 'zod';
import type { KandjiApi } from '../api';
import { prismPages } from '../client';
import { Permissions } from './constants';
import { readAhead } from './read-ahead';
import { hasStatus, kandjiError, type KandjiStepContext } from './shared';

export interface PrismStreamOptions<T> {
  category: string;
  resource: string;
  schema: ZodType<T>;
  report: ValidationReport;
  /** What the step uses instead, for the log line. */
  fallback: string;
  /**
   * Where Prism's `total` is compared with the rows received; the step checks it once it
   * ingested everything. Without one the stream itself fails after its last row.
   */
  completeness?: CompletenessTracker;
}

/**
 * Streams a Prism category (fleet-wide: ~rows/300 requests) into onRow. When the token may
 * not read Prism (403) or the tenant lacks it (404) before any row arrived, logs one line
 * and returns false so the step falls back to per-device calls.
 */
export async function streamPrism<T>(
  api: KandjiApi,
  context: KandjiStepContext,
  opts: PrismStreamOptions<T>,
  onRow: (row: T) => Promise<void> | void,
): Promise<boolean> {
  let rows = 0;
  try {
    const pages = paginate(api.http, prismPages(opts.category, api.pageSize), {
      resource: opts.resource,
      schema: opts.schema,
      report: opts.report,
      completeness: opts.completeness,
      endpoint: `GET ${opts.category}`,
    });
    // Cursor pages are sequential: fetch the next one while this one is ingested.
    for await (const row of readAhead(pages, 2 * api.pageSize)) {
      rows += 1;
      await onRow(row);
    }
    return true;
  } catch (err) {
    if (rows === 0 && hasStatus(err, 403, 404)) {
      const why = hasStatus(err, 403)
        ? `the API token lacks the "${Permissions.PRISM}" permission (403)`
        : 'the tenant has no Prism (404)';
      context.logger.info(
        { category: opts.category },
        `Prism ${opts.category} unavailable: ${why}; falling back to ${opts.fallback}`,
      );
      return false;
    }
    throw kandjiError(err, { endpoint: `GET ${opts.category}`, permission: Permissions.PRISM });
  }
}
