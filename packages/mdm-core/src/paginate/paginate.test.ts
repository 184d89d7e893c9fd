import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { bearerAuth } from '../http/auth';
import { HttpClient } from '../http/client';
import { type ApiCallError } from '../http/errors';
import { createMemoryLogger } from '../log';
import { ValidationReport } from '../schema/report';
import { json, startLoopback, type Handler, type Loopback } from '../http/__tests__/loopback';
import { collect, paginate } from './paginate';
import {
  cursorFromNextUrl,
  cursorPage,
  nextUrlEnvelope,
  offsetLimitArray,
  pageNumber,
} from './strategies';

const Item = z.object({ id: z.string() });
const items = (from: number, n: number) =>
  Array.from({ length: n }, (_, i) => ({ id: `d${from + i}` }));

let servers: Loopback[] = [];
let client: HttpClient;
afterEach(async () => {
  await client?.close();
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

async function api(handler: Handler, basePath = '/api/v1') {
  const s = await startLoopback(handler);
  servers.push(s);
  const logger = createMemoryLogger();
  client = new HttpClient({
    baseUrl: `${s.url}${basePath}`,
    auth: bearerAuth('tok-pages-1'),
    logger,
  });
  return { s, logger };
}

const query = (url: string) => new URL(url, 'http://x').searchParams;

describe('nextUrlEnvelope (DRF)', () => {
  it('follows next pinned to the configured host; the foreign host never gets a request', async () => {
    const evil = await startLoopback((_r, res) =>
      json(res, 200, { count: 0, next: null, results: [] }),
    );
    servers.push(evil);
    const { s, logger } = await api((r, res) => {
      const offset = Number(query(r.url).get('offset') ?? 0);
      const next =
        offset < 4 ? `${evil.url}/api/enterprise/e1/device/?limit=2&offset=${offset + 2}` : null;
      json(res, 200, { count: 6, next, previous: null, results: items(offset, 2) });
    }, '/api');
    const report = new ValidationReport();
    const got = await collect(
      paginate(client, nextUrlEnvelope({ path: 'enterprise/e1/device/', limit: 2 }), {
        resource: 'esper_device',
        schema: Item,
        report,
      }),
      100,
    );
    expect(got.map((d) => d.id)).toEqual(['d0', 'd1', 'd2', 'd3', 'd4', 'd5']);
    expect(s.seen.map((r) => r.url)).toEqual([
      '/api/enterprise/e1/device/?limit=2',
      '/api/enterprise/e1/device/?limit=2&offset=2',
      '/api/enterprise/e1/device/?limit=2&offset=4',
    ]);
    expect(evil.seen).toHaveLength(0);
    expect(
      logger.lines.filter((l) => l.level === 'warn' && String(l.msg).includes('pinned')),
    ).toHaveLength(2);
  });

  it('skips and reports invalid records, continuing with the rest', async () => {
    await api((_r, res) =>
      json(res, 200, { count: 3, next: null, results: [{ id: 'a' }, { id: 5 }, { id: 'c' }] }),
    );
    const report = new ValidationReport();
    const got = await collect(
      paginate(client, nextUrlEnvelope({ path: 'blueprints' }), {
        resource: 'kandji_blueprint',
        schema: Item,
        report,
      }),
      10,
    );
    expect(got.map((d) => d.id)).toEqual(['a', 'c']);
    expect(report.entries()).toEqual([
      {
        resource: 'kandji_blueprint',
        index: 1,
        id: '5',
        issues: [{ path: 'id', message: expect.any(String) }],
      },
    ]);
  });

  it('rejects a wrong envelope with kind invalid_response', async () => {
    await api((_r, res) => json(res, 200, [{ id: 'a' }]));
    const err = (await collect(
      paginate(client, nextUrlEnvelope({ path: 'blueprints' }), { resource: 'b', schema: Item }),
      10,
    ).catch((e: unknown) => e)) as ApiCallError;
    expect(err.kind).toBe('invalid_response');
    expect(err.message).toContain('results');
  });

  it('stops with kind pagination on a repeated next URL', async () => {
    const { s } = await api((r, res) =>
      json(res, 200, {
        next: `http://elsewhere.example/api/v1/blueprints?offset=5`,
        results: items(0, 1),
      }),
    );
    const err = (await collect(
      paginate(client, nextUrlEnvelope({ path: 'blueprints' }), { resource: 'b', schema: Item }),
      10,
    ).catch((e: unknown) => e)) as ApiCallError;
    expect(err.kind).toBe('pagination');
    expect(err.message).toContain('already fetched');
    expect(s.seen).toHaveLength(2);
  });
});

describe('offsetLimitArray', () => {
  it('stops on a short page without an extra empty request', async () => {
    const { s } = await api((r, res) => {
      const q = query(r.url);
      const offset = Number(q.get('offset'));
      json(res, 200, items(offset, Math.max(0, Math.min(300, 650 - offset))));
    });
    let n = 0;
    for await (const _ of paginate(
      client,
      offsetLimitArray({ path: 'devices', limit: 300, query: { platform: 'Mac' } }),
      { resource: 'kandji_device', schema: Item },
    ))
      n++;
    expect(n).toBe(650);
    expect(s.seen.map((r) => r.url)).toEqual([
      '/api/v1/devices?platform=Mac&limit=300&offset=0',
      '/api/v1/devices?platform=Mac&limit=300&offset=300',
      '/api/v1/devices?platform=Mac&limit=300&offset=600',
    ]);
  });

  /** A bare-array listing of `total` items whose server returns at most `cap` per page. */
  async function capped(total: number, cap: number, confirm = true) {
    const { s } = await api((r, res) => {
      const q = query(r.url);
      const offset = Number(q.get('offset'));
      const limit = Math.min(Number(q.get('limit')), cap);
      json(res, 200, items(offset, Math.max(0, Math.min(limit, total - offset))));
    });
    const got = await collect(
      paginate(
        client,
        offsetLimitArray({ path: 'devices', limit: 300, confirmShortFirstPage: confirm }),
        { resource: 'kandji_device', schema: Item },
      ),
      10_000,
    );
    const asked = s.seen.map((r) => `${query(r.url).get('limit')}@${query(r.url).get('offset')}`);
    return { ids: got.map((d) => d.id), asked };
  }

  it('reads everything when the server caps the page below the limit (steps by the honoured size)', async () => {
    const { ids, asked } = await capped(30, 7);
    expect(ids).toEqual(items(0, 30).map((d) => d.id));
    // ceil(30/7) requests: the cap is learnt from the first page, the short last page ends it.
    expect(asked).toEqual(['300@0', '7@7', '7@14', '7@21', '7@28']);
  });

  it('a capped listing that is a multiple of the cap ends on one empty page', async () => {
    const { ids, asked } = await capped(21, 7);
    expect(ids).toHaveLength(21);
    expect(asked).toEqual(['300@0', '7@7', '7@14', '7@21']);
  });

  it('a listing shorter than one page costs exactly one confirming request', async () => {
    const short = await capped(5, 300);
    expect(short.ids).toHaveLength(5);
    expect(short.asked).toEqual(['300@0', '5@5']);
    await client.close();
    const empty = await capped(0, 300);
    expect(empty.ids).toEqual([]);
    expect(empty.asked).toEqual(['300@0']);
  });

  it('by default a short first page is the end: one request, and a server cap truncates', async () => {
    const short = await capped(5, 300, false);
    expect(short.ids).toHaveLength(5);
    expect(short.asked).toEqual(['300@0']);
    await client.close();
    // Why confirmShortFirstPage exists: without it, a cap below the limit loses data.
    const truncated = await capped(30, 7, false);
    expect(truncated.ids).toHaveLength(7);
    expect(truncated.asked).toEqual(['300@0']);
  });

  it('a full first page followed by a short one needs no confirmation', async () => {
    const { ids, asked } = await capped(305, 300);
    expect(ids).toHaveLength(305);
    expect(asked).toEqual(['300@0', '300@300']);
  });

  it('rejects an envelope where an array was expected', async () => {
    await api((_r, res) => json(res, 200, { results: [] }));
    await expect(
      collect(
        paginate(client, offsetLimitArray({ path: 'devices', limit: 5 }), {
          resource: 'd',
          schema: Item,
        }),
        10,
      ),
    ).rejects.toMatchObject({ kind: 'invalid_response' });
  });

  it('ends with kind pagination when maxPages is reached', async () => {
    await api((_r, res) => json(res, 200, items(0, 2)));
    const err = (await collect(
      paginate(client, offsetLimitArray({ path: 'devices', limit: 2 }), {
        resource: 'd',
        schema: Item,
        maxPages: 3,
      }),
      100,
    ).catch((e: unknown) => e)) as ApiCallError;
    expect(err.kind).toBe('pagination');
    expect(err.message).toContain('maxPages=3');
  });
});

describe('pageNumber', () => {
  it('increments page while next is set', async () => {
    const { s } = await api((r, res) => {
      const page = Number(query(r.url).get('page'));
      json(res, 200, {
        count: 5,
        next: page < 3 ? `https://x/?page=${page + 1}` : null,
        results: items(page * 10, page === 3 ? 1 : 2),
      });
    });
    const got = await collect(
      paginate(client, pageNumber({ path: 'library/custom-profiles' }), {
        resource: 'kandji_profile',
        schema: Item,
      }),
      10,
    );
    expect(got).toHaveLength(5);
    expect(s.seen.map((r) => query(r.url).get('page'))).toEqual(['1', '2', '3']);
  });
});

describe('cursorPage', () => {
  it('follows prism-style cursors until an empty cursor', async () => {
    const { s } = await api((r, res) => {
      const c = query(r.url).get('cursor');
      const page = c ? Number(c.slice(1)) : 0;
      json(res, 200, {
        offset: null,
        limit: 300,
        total: null,
        cursor: page < 2 ? `c${page + 1}` : null,
        data: items(page * 3, 3),
      });
    });
    const got = await collect(
      paginate(
        client,
        cursorPage({
          path: 'prism/apps',
          query: { limit: 300 },
          itemsKey: 'data',
          cursorOf: (b) => b.cursor,
        }),
        { resource: 'kandji_app', schema: Item },
      ),
      100,
    );
    expect(got).toHaveLength(9);
    expect(s.seen.map((r) => r.url)).toEqual([
      '/api/v1/prism/apps?limit=300',
      '/api/v1/prism/apps?limit=300&cursor=c1',
      '/api/v1/prism/apps?limit=300&cursor=c2',
    ]);
  });

  it('rebuilds users pages from the cursor of an absolute next URL on another host', async () => {
    const { s } = await api((r, res) => {
      const c = query(r.url).get('cursor');
      json(res, 200, {
        next: c ? null : 'https://accuhive.kandji.io/api/v1/users?cursor=abc%3D',
        previous: null,
        results: items(c ? 1 : 0, 1),
      });
    });
    const got = await collect(
      paginate(
        client,
        cursorPage({ path: 'users', itemsKey: 'results', cursorOf: cursorFromNextUrl() }),
        { resource: 'kandji_user', schema: Item },
      ),
      10,
    );
    expect(got.map((u) => u.id)).toEqual(['d0', 'd1']);
    expect(s.seen[1]!.url).toBe('/api/v1/users?cursor=abc%3D');
  });

  it('stops with kind pagination on a repeated cursor', async () => {
    await api((_r, res) => json(res, 200, { cursor: 'same', data: items(0, 1) }));
    await expect(
      collect(
        paginate(
          client,
          cursorPage({ path: 'prism/apps', itemsKey: 'data', cursorOf: (b) => b.cursor }),
          { resource: 'a', schema: Item },
        ),
        100,
      ),
    ).rejects.toMatchObject({ kind: 'pagination' });
  });
});

describe('collect', () => {
  it('refuses to buffer more than its limit', async () => {
    await api((_r, res) => json(res, 200, items(0, 3)));
    await expect(
      collect(
        paginate(client, offsetLimitArray({ path: 'd', limit: 5 }), {
          resource: 'd',
          schema: Item,
        }),
        2,
      ),
    ).rejects.toThrow(RangeError);
  });
});
