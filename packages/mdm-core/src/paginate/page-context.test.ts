import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { bearerAuth } from '../http/auth';
import { HttpClient } from '../http/client';
import { json, startLoopback, type Loopback } from '../http/__tests__/loopback';
import { paginate } from './paginate';
import { paginateByOffset } from './offset-pages';
import { type PageContext, type PageStrategy, queryNumber } from './types';

let server: Loopback | undefined;
let client: HttpClient | undefined;
afterEach(async () => {
  await client?.close();
  await server?.close();
  client = undefined;
  server = undefined;
});

const Row = z.object({ id: z.string() });
const rows = (from: number, n: number) =>
  Array.from({ length: n }, (_, i) => ({ id: `r${from + i}` }));

/** Pages of `size` rows by `?page=N` (1-based); records the PageContext each parse saw. */
function pagesBy(size: number, seen: PageContext[], stopAfter?: number): PageStrategy {
  return {
    first: () => ({ pathOrUrl: '/list', query: { page: 1 } }),
    parse(body, req, _client, _headers, page) {
      if (page) seen.push(page);
      const items = body as unknown[];
      const n = queryNumber(req, 'page', 1);
      // A strategy that decides by the page's position: stop after `stopAfter` pages.
      const more =
        items.length === size && (stopAfter === undefined || (page?.index ?? 0) + 1 < stopAfter);
      return { items, next: more ? { pathOrUrl: '/list', query: { page: n + 1 } } : undefined };
    },
  };
}

describe('page strategies see the page index', () => {
  it('paginate passes the 0-based index and the rows received before each page', async () => {
    server = await startLoopback((req, res) => {
      const page = Number(new URL(req.url, 'http://x').searchParams.get('page'));
      json(res, 200, page <= 3 ? rows((page - 1) * 2, page === 3 ? 1 : 2) : []);
    });
    client = new HttpClient({ baseUrl: server.url, auth: bearerAuth('tok-ctx-1') });
    const seen: PageContext[] = [];
    const out: string[] = [];
    for await (const r of paginate(client, pagesBy(2, seen), { resource: 'row', schema: Row }))
      out.push(r.id);
    expect(out).toEqual(['r0', 'r1', 'r2', 'r3', 'r4']);
    expect(seen).toEqual([
      { index: 0, received: 0 },
      { index: 1, received: 2 },
      { index: 2, received: 4 },
    ]);
  });

  it('a strategy can stop by position', async () => {
    server = await startLoopback((req, res) => {
      const page = Number(new URL(req.url, 'http://x').searchParams.get('page'));
      json(res, 200, rows((page - 1) * 2, 2));
    });
    client = new HttpClient({ baseUrl: server.url, auth: bearerAuth('tok-ctx-2') });
    const seen: PageContext[] = [];
    const out: string[] = [];
    for await (const r of paginate(client, pagesBy(2, seen, 2), { resource: 'row', schema: Row }))
      out.push(r.id);
    expect(out).toEqual(['r0', 'r1', 'r2', 'r3']);
    expect(server.seen).toHaveLength(2);
  });

  it('the offset pager passes it to its sequential strategy (no total: read one page after another)', async () => {
    server = await startLoopback((req, res) => {
      const page = Number(new URL(req.url, 'http://x').searchParams.get('page'));
      json(res, 200, page <= 2 ? rows((page - 1) * 2, 2) : []);
    });
    client = new HttpClient({ baseUrl: server.url, auth: bearerAuth('tok-ctx-3') });
    const seen: PageContext[] = [];
    const strategy = pagesBy(2, seen);
    const out: string[] = [];
    for await (const r of paginateByOffset(client, {
      resource: 'row',
      schema: Row,
      sequential: strategy,
      readPage: (body) => ({ items: body as unknown[] }),
      offsetRequest: (offset, limit) => ({ pathOrUrl: '/list', query: { offset, limit } }),
      pageSize: 2,
      concurrency: 2,
    }))
      out.push(r.id);
    expect(out).toEqual(['r0', 'r1', 'r2', 'r3']);
    expect(seen).toEqual([
      { index: 0, received: 0 },
      { index: 1, received: 2 },
      { index: 2, received: 4 },
    ]);
  });
});
