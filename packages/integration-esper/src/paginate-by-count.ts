import {
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
}

/**
 * Reads page 1, then computes every other offset from `count` and fetches those
 * pages concurrently (the client's rate limiter and concurrency cap still apply).
 * Offsets are built by us, so a hostile `next` URL is never followed. If the list
 * grows while we read it, later pages report a larger `count`, and the extra
 * offsets are fetched too; a shrinking list just ends with a short page.
 * Records repeated by shifting offsets are the caller's to de-duplicate.
 */
export async function* paginateByCount<T>(client: HttpClient, o: ByCountOptions<T>): AsyncIterable<T> {
  const fetchPage = async (offset: number) => {
    const res = await client.getJson(o.path, {
      query: { limit: o.pageSize, offset },
      schema: DrfEnvelope,
    });
    return { offset, page: res.data };
  };
  const parse = (_offset: number, results: unknown[]): T[] =>
    parseRecords(o.schema, results, { resource: o.resource, report: o.report, idOf: o.idOf });

  const first = await fetchPage(0);
  yield* parse(0, first.page.results);

  let known = first.page.count;
  let nextOffset = o.pageSize;
  while (nextOffset < known) {
    const offsets: number[] = [];
    for (let off = nextOffset; off < known; off += o.pageSize) offsets.push(off);
    nextOffset = (offsets.at(-1) ?? nextOffset) + o.pageSize;
    for await (const { offset, page } of mapConcurrent(offsets, o.concurrency, fetchPage)) {
      known = Math.max(known, page.count);
      yield* parse(offset, page.results);
    }
  }
}
