import { z, type ZodType } from 'zod';
import { type HttpClient } from '../http/client';
import { ApiCallError, isApiCallError } from '../http/errors';
import { sleep as realSleep, type Sleep } from '../http/sleep';
import { type CompletenessTracker } from './completeness';
import { paginateByOffset, type OffsetPage } from './offset-pages';
import { type PageQuery, type PageRequest, type PageStrategy, envelopeError } from './types';
import { type ValidationReport } from '../schema/report';

/** A page as the count-based pager needs it: the list's total and this page's raw records. */
export interface CountedPage {
  count: number;
  results: unknown[];
}

/** Django REST framework limit/offset envelopes `{count, next, previous, results}` (Esper v1...). */
export const drfCountEnvelope: ZodType<CountedPage> = z.object({
  count: z.number().int().nonnegative(),
  next: z.string().nullish(),
  previous: z.string().nullish(),
  results: z.array(z.unknown()),
});

/**
 * A `{count, results}` envelope nested under `within` (e.g. Esper v2 `{content: {...}}`),
 * where an empty list may come as `results: null`.
 */
export function nestedCountEnvelope(within: string): ZodType<CountedPage> {
  return z
    .object({
      [within]: z.object({
        count: z.number().int().nonnegative(),
        results: z.array(z.unknown()).nullable(),
      }),
    })
    .transform((b) => {
      const inner = b[within] as { count: number; results: unknown[] | null };
      return { count: inner.count, results: inner.results ?? [] };
    });
}

export interface PageRetry {
  /** Extra attempts for one page after the client's own retries gave up on a retryable error. */
  attempts: number;
  /** Pause before extra attempt n (1-based). */
  delayMs: (attempt: number) => number;
  /** Injected sleep (tests: a fake clock). */
  sleep?: Sleep;
  onRetry?: (info: { offset: number; attempt: number; error: unknown }) => void;
}

export interface ByCountOptions<T> {
  path: string;
  pageSize: number;
  /** Pages in flight at once (under the client's rate limiter and in-flight limit). */
  concurrency: number;
  resource: string;
  schema: ZodType<T>;
  report?: ValidationReport;
  idOf?: (raw: unknown) => string | undefined;
  /** The `{count, results}` of a page body. Default: drfCountEnvelope. */
  envelope?: ZodType<CountedPage>;
  /** Where the envelope's total sits, for the completeness message (default "`count`"). */
  countSource?: string;
  /** Filters sent with every page (limit/offset are ours). */
  query?: PageQuery;
  /** Query parameter names (default limit / offset). */
  limitParam?: string;
  offsetParam?: string;
  /** Per-request timeouts for a route known to be slow. */
  timeouts?: { headersMs?: number; bodyMs?: number };
  pageRetry?: PageRetry;
  /** Where `count` is compared with what was received; without one, the listing fails after its last record. */
  completeness?: CompletenessTracker;
  /** Hard stop (default 100,000 pages). */
  maxPages?: number;
  signal?: AbortSignal;
}

/**
 * The sequential strategy of a count-based offset listing: offsets one after another, stepping
 * by what each page returned, ending on an empty page or at `count`. A `count` that keeps
 * growing stops at twice the first one plus ten pages with a pagination error (kind
 * 'pagination') instead of paging forever.
 */
export function countedOffsetPages(opts: {
  path: string;
  pageSize: number;
  resource: string;
  envelope?: ZodType<CountedPage>;
  query?: PageQuery;
  limitParam?: string;
  offsetParam?: string;
  /** Where the envelope's total sits, for the completeness message (default "`count`"). */
  countSource?: string;
}): PageStrategy {
  const envelope = opts.envelope ?? drfCountEnvelope;
  const limitParam = opts.limitParam ?? 'limit';
  const offsetParam = opts.offsetParam ?? 'offset';
  const request = (offset: number, limit: number): PageRequest => ({
    pathOrUrl: opts.path,
    query: { ...opts.query, [limitParam]: limit, [offsetParam]: offset },
  });
  let ceiling: number | undefined;
  return {
    first: () => {
      ceiling = undefined;
      return request(0, opts.pageSize);
    },
    parse(body, req, client) {
      const page = envelope.safeParse(body);
      if (!page.success) throw envelopeError(client, req, '{ count: number, results: [...] }');
      const { results: items, count: total } = page.data;
      const offset = Number(req.query?.[offsetParam] ?? 0);
      const next = offset + items.length;
      ceiling ??= 2 * total + 10 * opts.pageSize;
      if (next > ceiling) {
        const url = client.redactor.redactUrl(client.resolve(req.pathOrUrl, req.query));
        throw new ApiCallError({
          message: `Pagination of ${opts.resource} stopped at offset ${next}: the list's count keeps growing (now ${total})`,
          url,
          method: 'GET',
          kind: 'pagination',
        });
      }
      return {
        items,
        next:
          items.length > 0 && next < total
            ? request(next, Number(req.query?.[limitParam] ?? opts.pageSize))
            : undefined,
        total: { count: total, source: opts.countSource ?? '`count`' },
      };
    },
  };
}

/**
 * Count-based offset paging (`{count, results}` envelopes): reads page 1 (offset 0), then
 * computes every other offset from `count` (stepping by the page size the server actually
 * honoured) and fetches those pages side by side (at most `concurrency` at once), yielding
 * records in list order. Offsets are built here, so a hostile `next` URL is never followed.
 *
 * The read is checked (paginateByOffset): pages must not repeat page one, must not be short
 * before the end, must all report page one's `count`, and the records must add up to it.
 * When the list changed during the read, or the server did not honour `offset`, the list is
 * read again one page after another (countedOffsetPages, with its growing-count guard) with
 * one log line; records already yielded (same id) are not yielded twice.
 */
export async function* paginateByCount<T>(
  client: HttpClient,
  o: ByCountOptions<T>,
): AsyncIterable<T> {
  const envelope = o.envelope ?? drfCountEnvelope;
  const limitParam = o.limitParam ?? 'limit';
  const offsetParam = o.offsetParam ?? 'offset';
  const request = (offset: number, limit: number): PageRequest => ({
    pathOrUrl: o.path,
    query: { ...o.query, [limitParam]: limit, [offsetParam]: offset },
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
        const offset = Number(req.query?.[offsetParam] ?? 0);
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
  yield* paginateByOffset(client, {
    resource: o.resource,
    schema: o.schema,
    report: o.report,
    idOf: o.idOf,
    maxPages: o.maxPages,
    signal: o.signal,
    sequential: countedOffsetPages({
      path: o.path,
      pageSize: o.pageSize,
      resource: o.resource,
      envelope,
      query: o.query,
      limitParam,
      offsetParam,
      countSource: o.countSource,
    }),
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
