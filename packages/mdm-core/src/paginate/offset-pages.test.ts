import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { bearerAuth } from '../http/auth';
import { HttpClient } from '../http/client';
import { type ApiCallError } from '../http/errors';
import { createMemoryLogger } from '../log';
import { json, startLoopback, type Loopback, type Seen } from '../http/__tests__/loopback';
import {
  paginateByOffset,
  type OffsetPagingMode,
  type ParallelOffsetOptions,
} from './offset-pages';
import { CompletenessTracker, isListIncompleteError } from './completeness';
import { fingerprint, rowIdentity, rowMemory } from './row-memory';
import { cursorPage, nextUrlEnvelope } from './strategies';
import { isRecord } from './types';

const Row = z.object({ id: z.string() });
type Row = z.output<typeof Row>;

let servers: Loopback[] = [];
let client: HttpClient;
afterEach(async () => {
  await client?.close();
  client = undefined as never; // tests without a client must not close the last one again
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

const q = (url: string) => new URL(url, 'http://x').searchParams;

interface PrismLike {
  /** The listing as the server sees it at request n. */
  rows: (n: number) => string[];
  /** Server cap on limit. */
  cap?: number;
  ignoreOffset?: boolean;
  echo?: (asked: number) => number;
  totalNull?: boolean;
  /** Delay per request (ms), to see pages side by side. */
  delayMs?: number;
}

/** A Prism-like listing: {offset, limit, total, cursor, data}; cursor = next offset. */
async function prismLike(o: PrismLike) {
  const handler = async (r: Seen, res: ServerResponse, n: number) => {
    if (o.delayMs) await new Promise((resolve) => setTimeout(resolve, o.delayMs));
    const p = q(r.url);
    if (r.url.startsWith('/api/count')) {
      json(res, 200, { count: o.rows(n).length, approximate: false });
      return;
    }
    const all = o.rows(n);
    const limit = Math.min(Number(p.get('limit') ?? 300), o.cap ?? 300);
    const cursor = p.get('cursor');
    const asked = cursor ? Number(cursor) : o.ignoreOffset ? 0 : Number(p.get('offset') ?? 0);
    const data = all.slice(asked, asked + limit).map((id) => ({ id }));
    const next = asked + data.length;
    json(res, 200, {
      offset: o.echo ? o.echo(asked) : asked,
      limit,
      total: o.totalNull ? null : all.length,
      cursor: data.length > 0 && next < all.length ? String(next) : null,
      data,
    });
  };
  const s = await startLoopback(handler);
  servers.push(s);
  const logger = createMemoryLogger();
  client = new HttpClient({ baseUrl: `${s.url}/api`, auth: bearerAuth('tok-offset-1'), logger });
  return { s, logger };
}

const ids = (n: number, prefix = 'r') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

function prismOptions(
  extra: Partial<ParallelOffsetOptions<Row>> = {},
): ParallelOffsetOptions<Row> & { modes: [OffsetPagingMode, string | undefined][] } {
  const modes: [OffsetPagingMode, string | undefined][] = [];
  return {
    resource: 'rows',
    schema: Row,
    pageSize: 10,
    concurrency: 4,
    sequential: cursorPage({
      path: 'rows',
      query: { limit: 10 },
      itemsKey: 'data',
      cursorOf: (b) => b.cursor,
    }),
    offsetRequest: (offset, limit) => ({ pathOrUrl: 'rows', query: { limit, offset } }),
    readPage: (body) => {
      if (!isRecord(body) || !Array.isArray(body.data)) throw new Error('bad page');
      return {
        items: body.data,
        total: body.total as number | null,
        offset: body.offset as number | null,
      };
    },
    onMode: (m, why) => modes.push([m, why]),
    modes,
    ...extra,
  };
}

async function all(it: AsyncIterable<Row>): Promise<string[]> {
  const out: string[] = [];
  for await (const r of it) out.push(r.id);
  return out;
}

describe('paginateByOffset', () => {
  it('fetches offset pages side by side and yields every row once, in listing order', async () => {
    const { s, logger } = await prismLike({ rows: () => ids(95), delayMs: 20 });
    const o = prismOptions();
    expect(await all(paginateByOffset(client, o))).toEqual(ids(95));
    // Page one without offset (the cursor query), then offsets 10..90: ceil(95/10) requests.
    expect(s.seen[0]?.url).toBe('/api/rows?limit=10');
    // Side by side: arrival order among the offset pages is the network's.
    expect(s.seen.map((r) => r.url).sort()).toEqual(
      [
        '/api/rows?limit=10',
        ...Array.from({ length: 9 }, (_, i) => `/api/rows?limit=10&offset=${(i + 1) * 10}`),
      ].sort(),
    );
    expect(s.inFlightMax).toBeGreaterThan(1);
    expect(s.inFlightMax).toBeLessThanOrEqual(4);
    expect(o.modes).toEqual([['parallel', undefined]]);
    expect(logger.lines.filter((l) => l.level === 'warn')).toHaveLength(0);
  });

  it('never has more than `concurrency` pages in flight', async () => {
    const { s } = await prismLike({ rows: () => ids(200), delayMs: 10 });
    expect(await all(paginateByOffset(client, prismOptions({ concurrency: 2 })))).toHaveLength(200);
    expect(s.inFlightMax).toBe(2);
  });

  it('takes the total from the count endpoint when the page has none', async () => {
    const { s } = await prismLike({ rows: () => ids(35), totalNull: true });
    const o = prismOptions({
      count: async () => ((await client.getJson('count')).data as { count: number }).count,
    });
    expect(await all(paginateByOffset(client, o))).toEqual(ids(35));
    expect(o.modes).toEqual([['parallel', undefined]]);
    expect(s.seen.filter((r) => r.url.includes('offset='))).toHaveLength(3);
  });

  it('reads the cursor one page after another, with one info line, when no total is known', async () => {
    const { s, logger } = await prismLike({ rows: () => ids(25), totalNull: true });
    const o = prismOptions();
    expect(await all(paginateByOffset(client, o))).toEqual(ids(25));
    expect(s.seen.map((r) => r.url)).toEqual([
      '/api/rows?limit=10',
      '/api/rows?limit=10&cursor=10',
      '/api/rows?limit=10&cursor=20',
    ]);
    expect(o.modes).toEqual([['sequential', 'the server gave no total']]);
    expect(logger.lines.filter((l) => l.level === 'info')).toHaveLength(1);
  });

  it('falls back to the cursor with one warning when the server ignores offset, without doubling a row', async () => {
    const { s, logger } = await prismLike({ rows: () => ids(45), ignoreOffset: true });
    const o = prismOptions({
      // No echoed offset: only the repeated rows give it away.
      readPage: (body) => ({ items: (body as { data: unknown[] }).data, total: 45 }),
    });
    expect(await all(paginateByOffset(client, o))).toEqual(ids(45));
    expect(o.modes).toHaveLength(1);
    // The re-read starts at page one (one request more; its rows are not yielded again).
    expect(o.modes[0]?.[0]).toBe('sequential');
    expect(o.modes[0]?.[1]).toContain("page one's rows again");
    const warns = logger.lines.filter((l) => l.level === 'warn');
    expect(warns).toHaveLength(1);
    expect(s.seen.filter((r) => r.url.includes('cursor='))).toHaveLength(4);
    expect(s.seen.filter((r) => r.url === '/api/rows?limit=10')).toHaveLength(2);
  });

  it('falls back when the echoed offset is not the one asked for', async () => {
    const { logger } = await prismLike({ rows: () => ids(30), echo: () => 0 });
    const o = prismOptions();
    expect(await all(paginateByOffset(client, o))).toEqual(ids(30));
    expect(o.modes[0]?.[1]).toContain('answered offset 10 with offset 0');
    expect(logger.lines.filter((l) => l.level === 'warn')).toHaveLength(1);
  });

  it('steps by the page size the server honours when it caps the limit', async () => {
    const { s } = await prismLike({ rows: () => ids(23), cap: 5 });
    const o = prismOptions();
    expect(await all(paginateByOffset(client, o))).toEqual(ids(23));
    expect(o.modes).toEqual([['parallel', undefined]]);
    expect(s.seen.map((r) => q(r.url).get('offset')).slice(1)).toEqual(['5', '10', '15', '20']);
    expect(s.seen.slice(1).every((r) => q(r.url).get('limit') === '5')).toBe(true);
  });

  it('a listing that changes during the read is re-read by cursor: no row lost, none doubled', async () => {
    // A row is inserted at the front after page one: offset pages shift by one.
    const { logger } = await prismLike({
      rows: (n) => (n <= 1 ? ids(30) : ['new', ...ids(30)]),
      delayMs: 5,
    });
    const o = prismOptions({ concurrency: 1 });
    const got = await all(paginateByOffset(client, o));
    expect(new Set(got).size).toBe(got.length);
    expect([...got].sort()).toEqual(['new', ...ids(30)].sort());
    expect(o.modes[0]?.[1]).toContain('total changed during the read (30 -> 31)');
    expect(logger.lines.filter((l) => l.level === 'warn')).toHaveLength(1);
  });

  it('a page shorter than the step before the end is caught by the row count', async () => {
    // The server loses rows 10..12 on offset reads only (a mid-listing cap): received < total.
    const { s } = await prismLike({ rows: () => ids(30) });
    const o = prismOptions({
      readPage: (body, req) => {
        const b = body as { data: { id: string }[]; total: number; offset: number };
        const data = req.query?.offset === 10 ? b.data.slice(3) : b.data;
        return { items: data, total: b.total, offset: b.offset };
      },
    });
    expect(await all(paginateByOffset(client, o))).toEqual(ids(30));
    expect(o.modes[0]?.[1]).toContain('offset 10 held 7 rows, fewer than 10, before the end');
    expect(s.seen.some((r) => r.url.includes('cursor='))).toBe(true);
  });

  it('a total that keeps growing cannot page forever: the sequential read keeps its guards', async () => {
    // Every answer grows the listing and the cursor never ends.
    let grown = 20;
    const { s } = await prismLike({ rows: () => ids((grown += 10)) });
    const o = prismOptions({ maxPages: 8 });
    await expect(all(paginateByOffset(client, o))).rejects.toMatchObject({
      kind: 'pagination',
    } satisfies Partial<ApiCallError>);
    expect(s.seen.length).toBeLessThanOrEqual(8);
  });

  it('refuses a total that would take more than maxPages pages before sending them', async () => {
    const { s } = await prismLike({ rows: () => ids(1000) });
    await expect(all(paginateByOffset(client, prismOptions({ maxPages: 50 })))).rejects.toThrow(
      /needs more than maxPages=50 pages/,
    );
    expect(s.seen).toHaveLength(1);
  });

  it('an error on an offset page is thrown, rows before it were yielded in order', async () => {
    const s = await startLoopback((r, res) => {
      const off = Number(q(r.url).get('offset') ?? 0);
      if (off === 20) return json(res, 404, { detail: 'gone' });
      json(res, 200, {
        offset: off,
        total: 40,
        cursor: null,
        data: ids(40)
          .slice(off, off + 10)
          .map((id) => ({ id })),
      });
    });
    servers.push(s);
    client = new HttpClient({ baseUrl: `${s.url}/api`, auth: bearerAuth('tok-offset-1') });
    const got: string[] = [];
    await expect(
      (async () => {
        for await (const r of paginateByOffset(client, prismOptions({ concurrency: 1 })))
          got.push(r.id);
      })(),
    ).rejects.toMatchObject({ status: 404 });
    expect(got).toEqual(ids(20));
  });

  it('reads DRF count envelopes (no echoed offset) and drops a row seen twice', async () => {
    // Offset 10 repeats the last row of page one once (a shifted boundary); the count is honest.
    const all30 = ids(30);
    let base = '';
    let shifted = false;
    const s = await startLoopback((r, res) => {
      const off = Number(q(r.url).get('offset') ?? 0);
      const shift = off === 10 && !shifted;
      if (shift) shifted = true;
      const page = shift ? all30.slice(9, 19) : all30.slice(off, off + 10);
      json(res, 200, {
        count: 30,
        next: off + 10 < 30 ? `${base}/api/devices/?limit=10&offset=${off + 10}` : null,
        previous: null,
        results: page.map((id) => ({ id })),
      });
    });
    servers.push(s);
    base = s.url;
    client = new HttpClient({ baseUrl: `${s.url}/api`, auth: bearerAuth('tok-offset-1') });
    const modes: string[] = [];
    const got = await all(
      paginateByOffset(client, {
        resource: 'devices',
        schema: Row,
        pageSize: 10,
        concurrency: 3,
        sequential: nextUrlEnvelope({ path: 'devices/', limit: 10 }),
        offsetRequest: (offset, limit) => ({ pathOrUrl: 'devices/', query: { limit, offset } }),
        readPage: (body) => {
          const b = body as { count: number; results: unknown[] };
          return { items: b.results, total: b.count };
        },
        identity: (raw) => (raw as Row).id,
        onMode: (m) => modes.push(m),
      }),
    );
    expect(new Set(got).size).toBe(got.length);
    // Row r19 is lost by the shifted boundary: the row count catches it and the listing is re-read.
    expect(got.sort()).toEqual([...all30].sort());
    expect(modes).toEqual(['sequential']);
  });

  it('a single page without a total and without a cursor is complete: no count asked', async () => {
    const { s } = await prismLike({ rows: () => ids(7), totalNull: true });
    let counted = 0;
    const o = prismOptions({
      count: async () => {
        counted += 1;
        return 7;
      },
    });
    expect(await all(paginateByOffset(client, o))).toEqual(ids(7));
    expect(counted).toBe(0);
    expect(s.seen).toHaveLength(1);
    expect(o.modes).toEqual([['parallel', undefined]]);
  });

  it('retryPage wraps every page request (after the guards) and can retry one that failed', async () => {
    let failed = false;
    const s = await startLoopback((r, res) => {
      const off = Number(q(r.url).get('offset') ?? 0);
      if (off === 20 && !failed) {
        failed = true;
        return json(res, 404, { detail: 'once' });
      }
      json(res, 200, {
        offset: off,
        total: 40,
        cursor: null,
        data: ids(40)
          .slice(off, off + 10)
          .map((id) => ({ id })),
      });
    });
    servers.push(s);
    client = new HttpClient({ baseUrl: `${s.url}/api`, auth: bearerAuth('tok-offset-1') });
    const wrapped: string[] = [];
    const o = prismOptions({
      concurrency: 2,
      timeouts: { headersMs: 5_000, bodyMs: 5_000 },
      retryPage: async (req, send) => {
        wrapped.push(String(req.query?.offset ?? 0));
        try {
          return await send();
        } catch {
          return send();
        }
      },
    });
    expect(await all(paginateByOffset(client, o))).toEqual(ids(40));
    expect(wrapped.sort()).toEqual(['0', '10', '20', '30']);
    // Offset 20 twice (the failure and its retry): the repeat guard does not see the retry.
    expect(s.seen.filter((r) => r.url.includes('offset=20'))).toHaveLength(2);
    expect(o.modes).toEqual([['parallel', undefined]]);
  });

  it('an empty listing costs one request', async () => {
    const { s } = await prismLike({ rows: () => [] });
    expect(await all(paginateByOffset(client, prismOptions()))).toEqual([]);
    expect(s.seen).toHaveLength(1);
  });
});

describe('rowMemory', () => {
  it('remembers rows by fingerprint across table growth; equal rows are one row', () => {
    const m = rowMemory();
    for (let d = 0; d < 3_000; d++)
      for (let a = 0; a < 40; a++)
        expect(m.add({ device_id: `dev-${d}`, name: `app ${a}` })).toBe(true);
    expect(m.add({ device_id: 'dev-7', name: 'app 3' })).toBe(false);
    expect(m.has({ device_id: 'dev-2999', name: 'app 39' })).toBe(true);
    expect(m.has({ device_id: 'dev-3000', name: 'app 0' })).toBe(false);
    expect(m.add(undefined)).toBe(true); // no identity: never a duplicate
    expect(m.add(undefined)).toBe(true);
  });

  it('with a caller identity, rows are equal when their ids are', () => {
    const m = rowMemory((raw) => (raw as { id?: string }).id);
    expect(m.add({ id: 'a', v: 1 })).toBe(true);
    expect(m.add({ id: 'a', v: 2 })).toBe(false);
    expect(m.add({ v: 3 })).toBe(true);
    expect(m.has({ v: 3 })).toBe(false);
  });
});

describe('fingerprint', () => {
  it('tells apart values that differ in one place, type or nesting, and not equal ones', () => {
    const row = { device_id: 'a1', name: 'Safari', version: '17.1', tags: ['x'], n: 1, ok: true };
    const same = fingerprint(JSON.parse(JSON.stringify(row)));
    expect(fingerprint(row)).toEqual(same);
    const variants = [
      { ...row, version: '17.2' },
      { ...row, n: '1' },
      { ...row, ok: false },
      { ...row, tags: [] },
      { ...row, tags: ['x', ''] },
      { ...row, name: 'Safar', version: 'i17.1' },
      { ...row, extra: null },
    ];
    for (const v of variants) expect(fingerprint(v)).not.toEqual(same);
  });
});

describe('rowIdentity', () => {
  it('is equal for equal rows and differs for rows that differ in one value', () => {
    const row = { device_id: 'a1', name: 'Safari', version: '17.1', path: '/Applications' };
    expect(rowIdentity({ ...row })).toBe(rowIdentity(row));
    expect(rowIdentity({ ...row, version: '17.2' })).not.toBe(rowIdentity(row));
    expect(rowIdentity(undefined)).toBeUndefined();
    // No collisions across a large listing of near-identical rows.
    const ids = new Set<string | undefined>();
    for (let d = 0; d < 2_000; d++)
      for (let a = 0; a < 50; a++)
        ids.add(rowIdentity({ device_id: `dev-${d}`, name: `app ${a}` }));
    expect(ids.size).toBe(100_000);
  });

  it('feeds the completeness guard: rows short of the announced total fail after the last row', async () => {
    // Page one announces 30 rows; by the next request the listing holds 12 (a backend that
    // served a truncated answer): the pager falls back, reads what there is, then fails.
    await prismLike({ rows: (n) => (n === 1 ? ids(30) : ids(12)) });
    const read: string[] = [];
    const err = await (async () => {
      for await (const r of paginateByOffset(client, prismOptions({ endpoint: 'GET rows' })))
        read.push(r.id);
    })().catch((e: unknown) => e);
    expect(read).toEqual(ids(12));
    expect(isListIncompleteError(err)).toBe(true);
    expect(String((err as Error).message)).toMatch(/GET rows announced 30 .* but 12 were received/);
  });

  it('with a caller tracker, records the shortfall instead of throwing', async () => {
    await prismLike({ rows: (n) => (n === 1 ? ids(30) : ids(12)) });
    const tracker = new CompletenessTracker();
    const rows = await all(paginateByOffset(client, prismOptions({ completeness: tracker })));
    expect(rows).toEqual(ids(12));
    expect(tracker.check()?.message).toMatch(/announced 30/);
  });
});
