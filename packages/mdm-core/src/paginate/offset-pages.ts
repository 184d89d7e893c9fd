import { type HttpClient } from '../http/client';
import { ApiCallError } from '../http/errors';
import { type MdmLogger } from '../log';
import { parseRecords } from '../schema/parse-records';
import { CompletenessTracker } from './completeness';
import { type PaginateOptions } from './paginate';
import { rowMemory } from './row-memory';
import { type PageRequest, type PageStrategy } from './types';

/** What the pager reads from one page body. */
export interface OffsetPage {
  items: unknown[];
  /** Rows in the whole listing, when the page says (`total`, DRF `count`); null/undefined: unknown. */
  total?: number | null;
  /** The offset the server says it served, when it echoes one. */
  offset?: number | null;
}

export type OffsetPagingMode = 'parallel' | 'sequential';

export interface ParallelOffsetOptions<T> extends PaginateOptions<T> {
  /**
   * The listing read one page after another (cursor, next URL). Its first request is page
   * one of the parallel read too, and it is what the pager falls back to.
   */
  sequential: PageStrategy;
  /** Items, total and echoed offset of a page body; throws (envelopeError) on a wrong shape. */
  readPage(body: unknown, req: PageRequest, client: HttpClient): OffsetPage;
  /** The request for rows [offset, offset + limit) of the same listing. */
  offsetRequest(offset: number, limit: number): PageRequest;
  /** The page size asked for (the server may honour less; the pager steps by what it got). */
  pageSize: number;
  /** Offset pages in flight at once (the client's limiter and rate limiter still apply). */
  concurrency: number;
  /** The total when page one does not carry it (a count endpoint); undefined: unknown. */
  count?: () => Promise<number | undefined>;
  /**
   * A raw row's identity, to drop a row seen twice (offsets shifted by a changing listing, the
   * sequential re-read after a fallback). Default: a 64-bit fingerprint of the row (fingerprint()), kept
   * in a compact table (16 bytes a row); a row whose identity is undefined is never dropped.
   */
  identity?: (raw: unknown) => string | undefined;
  /** Per-request headers/body timeouts (a listing known to be slow). Default: the client's. */
  timeouts?: { headersMs?: number; bodyMs?: number };
  /**
   * Wraps each page request after the pager's guards (e.g. extra attempts for one page once the
   * client's own retries gave up). Default: the request as is.
   */
  retryPage?: <R>(req: PageRequest, request: () => Promise<R>) => Promise<R>;
  /** Where the total comes from, for a completeness error (e.g. "total", "prism/count"). */
  totalSource?: string;
  /** Gets the fallback line. Default: the client's logger. */
  logger?: MdmLogger;
  /** How the listing was read, and why it fell back (tests, diagnostics). */
  onMode?: (mode: OffsetPagingMode, reason?: string) => void;
}

function guardError(client: HttpClient, url: string, message: string): ApiCallError {
  return new ApiCallError({
    message: client.redactor.redact(message),
    url,
    method: 'GET',
    kind: 'pagination',
  });
}

const validTotal = (n: unknown): number | undefined =>
  typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : undefined;

interface Fetched {
  offset: number;
  req: PageRequest;
  page: OffsetPage;
}

/**
 * Reads a count/offset listing with its pages side by side, in order.
 *
 * Page one is the sequential listing's first request. With the total known (from page one, or
 * from `count`), every other offset is known: up to `concurrency` offset pages are fetched at
 * once under the client's shared limiters, and rows are yielded in listing order as pages
 * complete (at most `concurrency` pages are held, never a whole listing). Each page is checked:
 * - the echoed offset (when the server echoes one) is the one asked for;
 * - its rows are not page one's rows again (a server that ignores `offset`);
 * - it is not empty before the total is reached and its total is page one's (a listing that
 *   changed during the read shifts offsets, which can skip rows);
 * - at the end, the rows received add up to the total.
 * When a check fails, the listing is read again sequentially from page one with one log line
 * (rows already yielded are recognised by identity and not yielded twice, so no row is lost or
 * doubled; rows after the failed page may then come later than listing order); when the total
 * is unknown, it is read sequentially from page one's next request. The sequential read keeps paginate()'s guards
 * (a repeated request or more than maxPages pages stops with a 'pagination' error), so a count
 * that keeps growing cannot page forever.
 */
export async function* paginateByOffset<T>(
  client: HttpClient,
  opts: ParallelOffsetOptions<T>,
): AsyncIterable<T> {
  // The completeness guard: the total the vendor announced against the rows received (invalid
  // rows included: they are reported, not missing). Checked at the end, after every row was
  // yielded, unless the caller's tracker defers it to the end of its step.
  const tracker = opts.completeness ?? new CompletenessTracker();
  const endpoint = opts.endpoint ?? `GET ${opts.sequential.first().pathOrUrl}`;
  const state = { total: undefined as number | undefined, received: 0 };
  yield* readByOffset(client, opts, state);
  if (state.total !== undefined) {
    tracker.announce(opts.resource, endpoint, {
      count: state.total,
      source: opts.totalSource ?? 'total',
    });
  }
  tracker.receive(opts.resource, endpoint, state.received);
  if (!opts.completeness) tracker.throwIfIncomplete();
}

async function* readByOffset<T>(
  client: HttpClient,
  opts: ParallelOffsetOptions<T>,
  state: { total: number | undefined; received: number },
): AsyncIterable<T> {
  if (!Number.isInteger(opts.pageSize) || opts.pageSize < 1)
    throw new RangeError('paginateByOffset: pageSize must be a positive integer');
  if (!Number.isInteger(opts.concurrency) || opts.concurrency < 1)
    throw new RangeError('paginateByOffset: concurrency must be a positive integer');
  const maxPages = opts.maxPages ?? 100_000;
  const logger = opts.logger ?? client.logger;
  const seen = rowMemory(opts.identity);
  const requested = new Set<string>();
  let pages = 0;
  let index = 0;

  const get = async (req: PageRequest): Promise<unknown> => {
    const resolved = client.resolve(req.pathOrUrl, req.query);
    const url = client.redactor.redactUrl(resolved);
    if (pages >= maxPages)
      throw guardError(
        client,
        url,
        `Pagination of ${opts.resource} stopped after maxPages=${maxPages} pages; next would be ${url}`,
      );
    if (requested.has(resolved.href))
      throw guardError(
        client,
        url,
        `Pagination of ${opts.resource} stopped: the server sent a page request already fetched (${url}); a repeated next URL or cursor would loop forever`,
      );
    requested.add(resolved.href);
    pages += 1;
    const request = () =>
      client.getJson(resolved.href, { signal: opts.signal, timeouts: opts.timeouts });
    return (await (opts.retryPage ? opts.retryPage(req, request) : request())).data;
  };

  /** Drops rows already yielded, validates the rest. */
  const fresh = (items: unknown[]): T[] => {
    const kept: unknown[] = [];
    for (const raw of items) if (seen.add(raw)) kept.push(raw);
    const records = parseRecords(opts.schema, kept, {
      resource: opts.resource,
      report: opts.report,
      idOf: opts.idOf,
      indexOffset: index,
    });
    index += kept.length;
    state.received = index;
    return records;
  };

  async function* sequentialFrom(
    next: PageRequest | undefined,
    at: { index: number; received: number },
  ): AsyncIterable<T> {
    // A re-read may ask for an offset page again: repeats count from here.
    requested.clear();
    let req = next;
    let pageIndex = at.index;
    let received = at.received;
    while (req) {
      const body = await get(req);
      const page = opts.sequential.parse(body, req, client, undefined, {
        index: pageIndex,
        received,
      });
      pageIndex += 1;
      received += page.items.length;
      yield* fresh(page.items);
      req = page.next;
    }
  }

  let mode: OffsetPagingMode = 'parallel';
  const fallBack = (reason: string, level: 'info' | 'warn' = 'warn'): void => {
    mode = 'sequential';
    opts.onMode?.('sequential', reason);
    logger[level](
      { resource: opts.resource, reason },
      `${opts.resource}: ${reason}; reading the listing sequentially (rows already read are not repeated)`,
    );
  };

  // Page one.
  const firstReq = opts.sequential.first();
  const firstBody = await get(firstReq);
  const first = opts.readPage(firstBody, firstReq, client);
  const firstNext = opts.sequential.parse(firstBody, firstReq, client, undefined, {
    index: 0,
    received: 0,
  }).next;
  const afterFirst = { index: 1, received: first.items.length };
  const pageOne = rowMemory(opts.identity);
  for (const raw of first.items) pageOne.add(raw);
  yield* fresh(first.items);
  if (first.items.length === 0) {
    opts.onMode?.(mode);
    return;
  }

  let total = validTotal(first.total);
  if (total === undefined && !firstNext) {
    // No total, and the sequential listing ends with page one: nothing more to read or count.
    opts.onMode?.(mode);
    return;
  }
  if (total === undefined && opts.count) total = validTotal(await opts.count());
  state.total = total;
  if (total === undefined) {
    fallBack('the server gave no total', 'info');
    yield* sequentialFrom(firstNext, afterFirst);
    return;
  }
  if (total <= first.items.length) {
    // One page: whatever the sequential listing still points to is read too.
    if (firstNext) fallBack(`page one holds the total (${total}) but the listing continues`);
    else opts.onMode?.(mode);
    yield* sequentialFrom(firstNext, afterFirst);
    return;
  }
  // A server that caps the page size below what we asked: step by what it served.
  const step = Math.min(first.items.length, opts.pageSize);
  if (Math.ceil(total / step) > maxPages)
    throw guardError(
      client,
      client.redactor.redactUrl(client.resolve(firstReq.pathOrUrl, firstReq.query)),
      `Pagination of ${opts.resource} stopped: total ${total} needs more than maxPages=${maxPages} pages of ${step}`,
    );

  const fetchPage = async (offset: number): Promise<Fetched> => {
    const req = opts.offsetRequest(offset, step);
    const body = await get(req);
    return { offset, req, page: opts.readPage(body, req, client) };
  };
  const window: Promise<Fetched>[] = [];
  let nextOffset = step;
  const fill = (): void => {
    while (window.length < opts.concurrency && nextOffset < total) {
      const p = fetchPage(nextOffset);
      // Settled later in order; a failure is rethrown when its turn comes.
      p.catch(() => undefined);
      window.push(p);
      nextOffset += step;
    }
  };

  let problem: string | undefined;
  fill();
  while (window.length > 0) {
    const { offset, page } = await (window.shift() as Promise<Fetched>);
    const echoed = validTotal(page.offset);
    const pageTotal = validTotal(page.total);
    if (page.offset !== undefined && page.offset !== null && echoed !== offset)
      problem = `the server answered offset ${offset} with offset ${String(page.offset)}`;
    else if (page.items.length === 0)
      problem = `offset ${offset} came back empty before the total (${total})`;
    else if (page.items.length < step && offset + step < total)
      problem = `offset ${offset} held ${page.items.length} rows, fewer than ${step}, before the end`;
    else if (page.items.every((raw) => pageOne.has(raw)))
      problem = `offset ${offset} returned page one's rows again (offset ignored)`;
    else if (pageTotal !== undefined && pageTotal !== total)
      problem = `the total changed during the read (${total} -> ${pageTotal})`;
    if (problem) break;
    yield* fresh(page.items);
    fill();
  }
  // Distinct rows: a row repeated by a shifted boundary stands for one that was skipped.
  if (!problem && index < total) problem = `offset pages held ${index} distinct rows of ${total}`;
  if (!problem) {
    opts.onMode?.(mode);
    return;
  }
  window.length = 0;
  fallBack(`parallel offset paging not usable: ${problem}`);
  // From page one again: a listing that changed may have moved rows in front of offset 0's page.
  yield* sequentialFrom(firstReq, { index: 0, received: 0 });
}
