import {
  CompletenessTracker,
  type HttpClient,
  isApiCallError,
  mapConcurrent,
  parseRecords,
  type Query,
  type ValidationReport,
} from '@mdm-graph/mdm-core';
import { z, type ZodType } from 'zod';

/** A page as the pager needs it: the total and this page's raw records. */
export interface CountedPage {
  count: number;
  results: unknown[];
}

/** Esper v1 lists are Django REST Framework limit/offset envelopes. */
export const DrfEnvelope: ZodType<CountedPage> = z.object({
  count: z.number().int().nonnegative(),
  next: z.string().nullish(),
  previous: z.string().nullish(),
  results: z.array(z.unknown()),
});

/**
 * Esper v2 lists: `{content: {count, next, prev | previous, results}}` (some v2 endpoints
 * say `previous`; live device answers say `prev` and carry no top-level code/message).
 * An empty collection may come as `results: null` (seen live on device-apps).
 */
export const V2Envelope: ZodType<CountedPage> = z
  .object({
    content: z.object({
      count: z.number().int().nonnegative(),
      next: z.string().nullish(),
      prev: z.string().nullish(),
      previous: z.string().nullish(),
      results: z.array(z.unknown()).nullable(),
    }),
  })
  .transform((b) => ({ count: b.content.count, results: b.content.results ?? [] }));

export interface PageRetry {
  /** Extra attempts for one page after the client's own retries gave up on a retryable error. */
  attempts: number;
  /** Pause before extra attempt n (1-based). */
  delayMs: (attempt: number) => number;
  sleep?: (ms: number) => Promise<void>;
  onRetry?: (info: { offset: number; attempt: number; error: unknown }) => void;
}

export interface ByCountOptions<T> {
  path: string;
  pageSize: number;
  concurrency: number;
  resource: string;
  schema: ZodType<T>;
  report?: ValidationReport;
  idOf?: (raw: unknown) => string | undefined;
  /** Default: the v1 DRF envelope. */
  envelope?: ZodType<CountedPage>;
  /** Where the envelope's total sits, for the completeness message (default "`count`"). */
  countSource?: string;
  /** Filters sent with every page (limit/offset are ours). */
  query?: Query;
  /** Per-request timeouts for a route known to be slow. */
  timeouts?: { headersMs?: number; bodyMs?: number };
  pageRetry?: PageRetry;
  /** Where `count` is compared with what was received; without one, the listing fails after its last record. */
  completeness?: CompletenessTracker;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Reads page 1, then computes every other offset from `count` (stepping by the
 * page size the server actually honoured) and fetches those
 * pages concurrently (the client's rate limiter and concurrency cap still apply).
 * Offsets are built by us, so a hostile `next` URL is never followed. If the list
 * grows while we read it, later pages report a larger `count`, and the extra
 * offsets are fetched too; a shrinking list just ends with a short page.
 * Records repeated by shifting offsets are the caller's to de-duplicate.
 */
export async function* paginateByCount<T>(
  client: HttpClient,
  o: ByCountOptions<T>,
): AsyncIterable<T> {
  let limit = o.pageSize;
  const envelope = o.envelope ?? DrfEnvelope;
  const countSource = o.countSource ?? '`count`';
  const tracker = o.completeness ?? new CompletenessTracker();
  const endpoint = `GET ${o.path}`;
  const getPage = async (offset: number) => {
    const res = await client.getJson(o.path, {
      query: { ...o.query, limit, offset },
      schema: envelope,
      timeouts: o.timeouts,
    });
    return { offset, page: res.data };
  };
  const fetchPage = async (offset: number) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await getPage(offset);
      } catch (error) {
        const retry = o.pageRetry;
        const retryable = isApiCallError(error) && error.isRetryable;
        if (!retry || !retryable || attempt > retry.attempts) throw error;
        retry.onRetry?.({ offset, attempt, error });
        await (retry.sleep ?? realSleep)(retry.delayMs(attempt));
      }
    }
  };
  const parse = (offset: number, page: CountedPage): T[] => {
    tracker.announce(o.resource, endpoint, { count: page.count, source: countSource });
    tracker.receive(o.resource, endpoint, page.results.length);
    return parseRecords(o.schema, page.results, {
      resource: o.resource,
      report: o.report,
      idOf: o.idOf,
      indexOffset: offset,
    });
  };

  const first = await fetchPage(0);
  yield* parse(0, first.page);

  let known = first.page.count;
  const returned = first.page.results.length;
  // The maximum page size is undocumented: a server that capped our limit returns a
  // shorter first page while `count` says there is more. Step by what it returned.
  if (returned < limit && known > returned) {
    if (returned === 0) {
      // An empty first page while `count` says there is more: not an empty list.
      if (!o.completeness) tracker.throwIfIncomplete();
      return;
    }
    limit = returned;
  }
  let nextOffset = limit;
  while (nextOffset < known) {
    const offsets: number[] = [];
    for (let off = nextOffset; off < known; off += limit) offsets.push(off);
    nextOffset = (offsets.at(-1) ?? nextOffset) + limit;
    for await (const { offset, page } of mapConcurrent(offsets, o.concurrency, fetchPage)) {
      known = Math.max(known, page.count);
      yield* parse(offset, page);
    }
  }
  if (!o.completeness) tracker.throwIfIncomplete();
}
