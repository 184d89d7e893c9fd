import {
  paginateByOffset,
  type CompletenessTracker,
  type ValidationReport,
} from '@mdm-graph/mdm-core';
import type { ZodType } from 'zod';
import type { KandjiApi } from '../client';
import { kandji, prismCount, prismOffsetPage, prismPages, readPrismPage } from '../client';
import { KandjiLimits, Permissions } from './constants';
import { hasStatus, readAhead } from '@mdm-graph/mdm-core/steps';
import type { KandjiStepContext } from '../config';

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
 * Streams a Prism category (fleet-wide: ~rows/300 requests) into onRow. With the total known
 * (page one's `total`, else `prism/count`), offset pages are fetched side by side under the
 * tenant's shared rate limiter and connection pool, checked (echoed offset, rows unlike page
 * one's, row count) and read by cursor instead, with one log line, when the server did not
 * honour them; rows arrive in order, deduplicated, never a whole category in memory. When the
 * token may not read Prism (403) or the tenant lacks it (404) before any row arrived, logs one
 * line and returns false so the step falls back to per-device calls.
 */
export async function streamPrism<T>(
  api: KandjiApi,
  context: KandjiStepContext,
  opts: PrismStreamOptions<T>,
  onRow: (row: T) => Promise<void> | void,
): Promise<boolean> {
  let rows = 0;
  try {
    const pages = paginateByOffset(api.http, {
      resource: opts.resource,
      schema: opts.schema,
      report: opts.report,
      completeness: opts.completeness,
      endpoint: `GET ${opts.category}`,
      totalSource: 'Prism total (or prism/count)',
      sequential: prismPages(opts.category, api.pageSize),
      readPage: readPrismPage,
      offsetRequest: (offset, limit) => prismOffsetPage(opts.category, offset, limit),
      count: () => prismCount(api.http, opts.category),
      pageSize: api.pageSize,
      // As many as the tenant may have in flight (its pool still bounds all steps together):
      // a category read alone, as Prism apps mostly is, then runs at the rate limit rather
      // than at round-trip latency.
      concurrency: Math.max(api.concurrency, KandjiLimits.PRISM_PAGE_CONCURRENCY),
      logger: context.logger,
    });
    // Pages come in order; keep the next one coming while this one is ingested (the offset
    // window already keeps several in flight; one page of rows ahead is enough for the cursor
    // fallback, and rows that wait less are collected young instead of promoted).
    for await (const row of readAhead(pages, api.pageSize)) {
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
    throw kandji.toJupiterOneError(err, {
      endpoint: `GET ${opts.category}`,
      permission: Permissions.PRISM,
    });
  }
}
