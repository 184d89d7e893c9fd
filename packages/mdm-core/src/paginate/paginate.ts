import { type ZodType } from 'zod';
import { type HttpClient } from '../http/client';
import { ApiCallError } from '../http/errors';
import { parseRecords } from '../schema/parse-records';
import { type ValidationReport } from '../schema/report';
import { CompletenessTracker } from './completeness';
import { type PageRequest, type PageStrategy } from './types';

export interface PaginateOptions<T> {
  /** Names the listing in reports, logs and errors. */
  resource: string;
  schema: ZodType<T>;
  report?: ValidationReport;
  idOf?: (raw: unknown) => string | undefined;
  /** Hard stop against a server that never ends. Default 100,000. */
  maxPages?: number;
  signal?: AbortSignal;
  /**
   * Where the vendor's announced total (DRF `count`, a total header, Prism `total`)
   * is compared with what was received. Without one, paginate() checks itself and
   * throws ListIncompleteError after the last record was yielded (so the caller
   * ingested everything first); with one, the step decides when to check.
   */
  completeness?: CompletenessTracker;
  /** Names the list in completeness errors, e.g. "GET devices". Default: GET + first path. */
  endpoint?: string;
}

function guardError(client: HttpClient, url: string, message: string): ApiCallError {
  return new ApiCallError({
    message: client.redactor.redact(message),
    url,
    method: 'GET',
    kind: 'pagination',
  });
}

/**
 * Async iterator over the validated records of a paginated listing. A repeated
 * page request (same next URL or cursor) or more than maxPages pages ends the
 * loop with ApiCallError kind 'pagination' instead of spinning.
 */
export async function* paginate<T>(
  client: HttpClient,
  strategy: PageStrategy,
  opts: PaginateOptions<T>,
): AsyncIterable<T> {
  const maxPages = opts.maxPages ?? 100_000;
  const seen = new Set<string>();
  let req: PageRequest | undefined = strategy.first();
  const tracker = opts.completeness ?? new CompletenessTracker();
  const endpoint = opts.endpoint ?? `GET ${req.pathOrUrl}`;
  let pages = 0;
  let index = 0;
  while (req) {
    const resolved = client.resolve(req.pathOrUrl, req.query);
    const url = client.redactor.redactUrl(resolved);
    if (pages >= maxPages) {
      throw guardError(
        client,
        url,
        `Pagination of ${opts.resource} stopped after maxPages=${maxPages} pages; next would be ${url}`,
      );
    }
    const key = resolved.href;
    if (seen.has(key)) {
      throw guardError(
        client,
        url,
        `Pagination of ${opts.resource} stopped: the server sent a page request already fetched (${url}); a repeated next URL or cursor would loop forever`,
      );
    }
    seen.add(key);
    pages += 1;
    const res = await client.getJson(resolved.href, { signal: opts.signal });
    const page = strategy.parse(res.data, req, client, res.headers, {
      index: pages - 1,
      received: index,
    });
    tracker.announce(opts.resource, endpoint, page.total);
    tracker.receive(opts.resource, endpoint, page.items.length);
    const records = parseRecords(opts.schema, page.items, {
      resource: opts.resource,
      report: opts.report,
      idOf: opts.idOf,
      indexOffset: index,
    });
    index += page.items.length;
    for (const r of records) yield r;
    req = page.next;
  }
  if (!opts.completeness) tracker.throwIfIncomplete();
}

/** Collects a listing into an array; `limit` is required so nothing unbounded is buffered by accident. */
export async function collect<T>(iterable: AsyncIterable<T>, limit: number): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) {
    if (out.length >= limit)
      throw new RangeError(
        `collect: more than ${limit} items; raise the limit or stream with for await`,
      );
    out.push(item);
  }
  return out;
}
