import {
  ApiCallError,
  envelopeError,
  type HttpClient,
  isRecord,
  type OffsetPage,
  type PageRequest,
  type PageStrategy,
  paginateByOffset,
  type ValidationReport,
} from '@mdm-graph/mdm-core';
import { type ZodType } from 'zod';

export interface ByCountOptions<T> {
  path: string;
  pageSize: number;
  concurrency: number;
  resource: string;
  schema: ZodType<T>;
  report?: ValidationReport;
  idOf?: (raw: unknown) => string | undefined;
  /**
   * The `{count, results}` part of a page body. Default: the body itself (v1 DRF envelope
   * `{count, next, previous, results}`); v2 lists wrap it: `(body) => body.content`.
   */
  unwrap?: (body: unknown) => unknown;
}

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
  const unwrap = o.unwrap ?? ((body: unknown) => body);
  const request = (offset: number, limit: number): PageRequest => ({
    pathOrUrl: o.path,
    query: { limit, offset },
  });
  const readPage = (body: unknown, req: PageRequest, c: HttpClient): OffsetPage => {
    const page = unwrap(body);
    const count = isRecord(page) ? page.count : undefined;
    if (!isRecord(page) || !Array.isArray(page.results) || typeof count !== 'number')
      throw envelopeError(c, req, '{ count: number, results: [...] }');
    return { items: page.results, total: count };
  };
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
  });
}
