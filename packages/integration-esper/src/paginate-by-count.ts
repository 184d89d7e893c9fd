import {
  CompletenessTracker,
  type HttpClient,
  mapConcurrent,
  parseRecords,
  type ValidationReport,
} from '@mdm-graph/mdm-core';
import { z, type ZodType } from 'zod';

/** Esper v1 lists are Django REST Framework limit/offset envelopes. */
const DrfEnvelope = z.object({
  count: z.number().int().nonnegative(),
  next: z.string().nullish(),
  previous: z.string().nullish(),
  results: z.array(z.unknown()),
});

export interface ByCountOptions<T> {
  path: string;
  pageSize: number;
  concurrency: number;
  resource: string;
  schema: ZodType<T>;
  report?: ValidationReport;
  idOf?: (raw: unknown) => string | undefined;
  /** Where `count` is compared with what was received; without one, the listing fails after its last record. */
  completeness?: CompletenessTracker;
}

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
  const tracker = o.completeness ?? new CompletenessTracker();
  const endpoint = `GET ${o.path}`;
  const fetchPage = async (offset: number) => {
    const res = await client.getJson(o.path, {
      query: { limit, offset },
      schema: DrfEnvelope,
    });
    return { offset, page: res.data };
  };
  const parse = (offset: number, page: { count: number; results: unknown[] }): T[] => {
    tracker.announce(o.resource, endpoint, { count: page.count, source: '`count`' });
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
