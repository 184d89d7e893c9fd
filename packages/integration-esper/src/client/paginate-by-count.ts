import {
  ApiCallError,
  type CompletenessTracker,
  envelopeError,
  type HttpClient,
  isApiCallError,
  type OffsetPage,
  type PageQuery,
  type PageRequest,
  type PageStrategy,
  paginateByOffset,
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
  /** The `{count, results}` of a page body. Default: the v1 DRF envelope; v2 lists: V2Envelope. */
  envelope?: ZodType<CountedPage>;
  /** Where the envelope's total sits, for the completeness message (default "`count`"). */
  countSource?: string;
  /** Filters sent with every page (limit/offset are ours). */
  query?: PageQuery;
  /** Per-request timeouts for a route known to be slow. */
  timeouts?: { headersMs?: number; bodyMs?: number };
  pageRetry?: PageRetry;
  /** Where `count` is compared with what was received; without one, the listing fails after its last record. */
  completeness?: CompletenessTracker;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Reads page 1 (offset 0), then computes every other offset from `count` (stepping by the
 * page size the server actually honoured) and fetches those pages side by side (at most
 * `concurrency` at once, under the client's shared rate limiter and in-flight limit), yielding
 * records in list order (what Esper's own client does, instead of one `next` at a time).
 * Offsets are built by us, so a hostile `next` URL is never followed.
 *
 * The read is checked (mdm-core paginateByOffset): pages must not repeat page one, must not be
 * short before the end, and must all report page one's `count`, and the records must add up to
 * it. When the list changed during the read, or the server did not honour `offset`, the list is
 * read again one page after another with one log line; records already yielded (same id) are
 * not yielded twice, so no record is lost or doubled.
 */
export async function* paginateByCount<T>(
  client: HttpClient,
  o: ByCountOptions<T>,
): AsyncIterable<T> {
  const envelope = o.envelope ?? DrfEnvelope;
  const request = (offset: number, limit: number): PageRequest => ({
    pathOrUrl: o.path,
    query: { ...o.query, limit, offset },
  });
  const readPage = (body: unknown, req: PageRequest, c: HttpClient): OffsetPage => {
    const page = envelope.safeParse(body);
    if (!page.success) throw envelopeError(c, req, '{ count: number, results: [...] }');
    return { items: page.data.results, total: page.data.count };
  };
  // A page whose request failed with a retryable error after the client's own retries gets
  // `pageRetry.attempts` more tries (one slow page should not fail the whole listing).
  const retry = o.pageRetry;
  const retryPage = retry
    ? async <R>(req: PageRequest, send: () => Promise<R>): Promise<R> => {
        const offset = Number(req.query?.offset ?? 0);
        for (let attempt = 1; ; attempt++) {
          try {
            return await send();
          } catch (error) {
            const retryable = isApiCallError(error) && error.isRetryable;
            if (!retryable || attempt > retry.attempts) throw error;
            retry.onRetry?.({ offset, attempt, error });
            await (retry.sleep ?? realSleep)(retry.delayMs(attempt));
          }
        }
      }
    : undefined;
  // The fallback: offsets one after another, stepping by what each page returned, ending on an
  // empty page or at `count`. A count that keeps growing stops at twice the first one (plus
  // ten pages) with a pagination error instead of paging forever.
  let ceiling: number | undefined;
  const sequential: PageStrategy = {
    first: () => request(0, o.pageSize),
    parse(body, req, c) {
      const { items, total } = readPage(body, req, c);
      const offset = Number(req.query?.offset ?? 0);
      const next = offset + items.length;
      ceiling ??= 2 * (total ?? 0) + 10 * o.pageSize;
      if (next > ceiling) {
        const url = c.redactor.redactUrl(c.resolve(req.pathOrUrl, req.query));
        throw new ApiCallError({
          message: `Pagination of ${o.resource} stopped at offset ${next}: the list's count keeps growing (now ${total})`,
          url,
          method: 'GET',
          kind: 'pagination',
        });
      }
      return {
        items,
        next:
          items.length > 0 && next < (total ?? 0)
            ? request(next, Number(req.query?.limit ?? o.pageSize))
            : undefined,
      };
    },
  };
  yield* paginateByOffset(client, {
    resource: o.resource,
    schema: o.schema,
    report: o.report,
    idOf: o.idOf,
    sequential,
    readPage,
    offsetRequest: request,
    pageSize: o.pageSize,
    concurrency: o.concurrency,
    identity: o.idOf,
    timeouts: o.timeouts,
    retryPage,
    // Completeness: rows received against the list's own `count` (checked after the last row,
    // or by the caller's tracker at the end of its step).
    completeness: o.completeness,
    endpoint: `GET ${o.path}`,
    totalSource: o.countSource ?? '`count`',
  });
}
