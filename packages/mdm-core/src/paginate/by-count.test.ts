import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { bearerAuth } from '../http/auth';
import { HttpClient } from '../http/client';
import { isListIncompleteError } from './completeness';
import { MockAgent } from 'undici';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { paginate } from './paginate';
import { countedOffsetPages, nestedCountEnvelope, paginateByCount } from './by-count';

/** Esper v2 lists: `{content: {count, next, prev | previous, results}}`. */
const V2Envelope = nestedCountEnvelope('content');

const Item = z.object({ id: z.string() });
let agent: MockAgent | undefined;
afterEach(async () => {
  await agent?.close();
  agent = undefined;
});

function setup() {
  agent = new MockAgent();
  agent.disableNetConnect();
  const pool = agent.get('https://acme-api.esper.cloud');
  const client = new HttpClient({
    baseUrl: 'https://acme-api.esper.cloud/api',
    auth: bearerAuth('test-key-123456'),
    dispatcher: agent,
    retry: { maxRetries: 0 },
  });
  return { pool, client };
}

const v2Page = (count: number, ids: string[], key: 'prev' | 'previous' = 'prev') => ({
  content: {
    count,
    next: null,
    [key]: null,
    results: ids.map((id) => ({ id, fcm_id: 'SECRET' })),
  },
});

async function drain<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('paginateByCount with the v2 envelope', () => {
  it('reads content{count, results}, with prev or previous, offsets from count', async () => {
    const { pool, client } = setup();
    pool
      .intercept({ path: '/api/v2/devices/?limit=2&offset=0', method: 'GET' })
      .reply(200, v2Page(5, ['a', 'b']));
    pool
      .intercept({ path: '/api/v2/devices/?limit=2&offset=2', method: 'GET' })
      .reply(200, v2Page(5, ['c', 'd'], 'previous'));
    pool
      .intercept({ path: '/api/v2/devices/?limit=2&offset=4', method: 'GET' })
      .reply(200, v2Page(5, ['e']));
    const items = await drain(
      paginateByCount(client, {
        path: 'v2/devices/',
        pageSize: 2,
        concurrency: 2,
        envelope: V2Envelope,
        resource: 'v2 device',
        schema: Item,
      }),
    );
    expect(items.map((i) => i.id).sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
    // The schema whitelists: nothing else of the record comes through.
    expect(items[0]).toEqual({ id: 'a' });
  });

  it('a v2 list ending short of `content.count` yields what it read, then fails naming both figures', async () => {
    const { pool, client } = setup();
    // The short page makes the parallel pager fall back to a sequential re-read from page one,
    // which then ends on the empty page at offset 3: every page answers as often as asked.
    pool
      .intercept({ path: '/api/v2/devices/?limit=2&offset=0', method: 'GET' })
      .reply(200, v2Page(6, ['a', 'b']))
      .persist();
    pool
      .intercept({ path: '/api/v2/devices/?limit=2&offset=2', method: 'GET' })
      .reply(200, v2Page(6, ['c']))
      .persist();
    for (const offset of [3, 4])
      pool
        .intercept({ path: `/api/v2/devices/?limit=2&offset=${offset}`, method: 'GET' })
        .reply(200, v2Page(6, []))
        .persist();
    const read: string[] = [];
    const listing = paginateByCount(client, {
      path: 'v2/devices/',
      pageSize: 2,
      concurrency: 1,
      envelope: V2Envelope,
      countSource: '`content.count`',
      resource: 'v2 device',
      schema: Item,
    });
    const err = await (async () => {
      for await (const item of listing) read.push(item.id);
    })().catch((e: unknown) => e);
    expect(read).toEqual(['a', 'b', 'c']);
    expect(isListIncompleteError(err)).toBe(true);
    expect((err as Error).message).toContain(
      'GET v2/devices/ announced 6 v2 device record(s) (`content.count`) but 3 were received',
    );
  });

  it('reads `results: null` as an empty page', async () => {
    const { pool, client } = setup();
    pool
      .intercept({ path: '/api/v2/devices/x/device-apps/?limit=250&offset=0', method: 'GET' })
      .reply(200, { content: { count: 0, next: null, prev: null, results: null } });
    const items = await drain(
      paginateByCount(client, {
        path: 'v2/devices/x/device-apps/',
        pageSize: 250,
        concurrency: 1,
        envelope: V2Envelope,
        resource: 'v2 installed app',
        schema: Item,
      }),
    );
    expect(items).toEqual([]);
  });

  it('does not retry a page on a non-retryable answer', async () => {
    const { pool, client } = setup();
    pool.intercept({ path: '/api/v2/devices/?limit=2&offset=0', method: 'GET' }).reply(404, {});
    const sleep = vi.fn(async () => {});
    const err = await drain(
      paginateByCount(client, {
        path: 'v2/devices/',
        pageSize: 2,
        concurrency: 1,
        envelope: V2Envelope,
        resource: 'v2 device',
        schema: Item,
        pageRetry: { attempts: 3, delayMs: () => 1000, sleep },
      }),
    ).catch((e: unknown) => e);
    expect((err as { status: number }).status).toBe(404);
    expect(sleep).not.toHaveBeenCalled();
  });
});

const Row = z.object({ id: z.string() });
let server: Server | undefined;
let client: HttpClient | undefined;
afterEach(async () => {
  await client?.close();
  client = undefined;
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
});

/** A list answering with body(offset, limit, n) for the n-th request; records the URLs. */
async function list(body: (offset: number, limit: number, n: number) => unknown) {
  const urls: string[] = [];
  server = createServer((req, res) => {
    urls.push(req.url ?? '');
    const q = new URL(req.url ?? '', 'http://x').searchParams;
    const out = body(Number(q.get('offset') ?? 0), Number(q.get('limit') ?? 0), urls.length);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(out));
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  client = new HttpClient({ baseUrl: `http://127.0.0.1:${port}/api`, auth: bearerAuth('tok-1') });
  return urls;
}

const rows = (from: number, to: number) =>
  Array.from({ length: Math.max(0, to - from) }, (_, i) => ({ id: `d${from + i}` }));

async function read(o: Partial<Parameters<typeof paginateByCount>[1]> = {}) {
  const out: string[] = [];
  if (!client) throw new Error('no client');
  for await (const r of paginateByCount(client, {
    path: 'v2/devices/',
    pageSize: 3,
    concurrency: 2,
    resource: 'device',
    schema: Row,
    idOf: (raw) => (raw as { id?: string }).id,
    ...o,
  }))
    out.push((r as z.output<typeof Row>).id);
  return out;
}

describe('paginateByCount on the verified offset pager', () => {
  it('reads v2 envelopes (content) with every offset computed from count, in order', async () => {
    const urls = await list((offset, limit) => ({
      code: 200,
      message: 'ok',
      content: {
        count: 8,
        next: null,
        prev: null,
        results: rows(offset, Math.min(8, offset + limit)),
      },
    }));
    expect(await read({ envelope: V2Envelope })).toEqual(rows(0, 8).map((r) => r.id));
    expect(urls.sort()).toEqual([
      '/api/v2/devices/?limit=3&offset=0',
      '/api/v2/devices/?limit=3&offset=3',
      '/api/v2/devices/?limit=3&offset=6',
    ]);
  });

  it('a count that keeps growing ends with a pagination error, not an endless read', async () => {
    const urls = await list((offset, limit, n) => ({
      count: 6 + n * 3,
      next: null,
      previous: null,
      results: rows(offset, offset + limit),
    }));
    await expect(read()).rejects.toMatchObject({ kind: 'pagination' });
    expect(urls.length).toBeLessThan(40);
  });
});

describe('paginateByCount options and guards', () => {
  it('sends the filters and its own parameter names; a DRF body by default', async () => {
    const urls = await list((offset, limit) => ({
      count: 4,
      next: null,
      previous: null,
      results: rows(offset, Math.min(4, offset + limit)),
    }));
    expect(await read({ query: { state: 'active' }, pageSize: 2, concurrency: 1 })).toEqual(
      rows(0, 4).map((r) => r.id),
    );
    expect(urls.sort()).toEqual([
      '/api/v2/devices/?state=active&limit=2&offset=0',
      '/api/v2/devices/?state=active&limit=2&offset=2',
    ]);
  });

  it('a body that is not a counted envelope is an invalid_response error', async () => {
    await list(() => ({ items: [] }));
    await expect(read()).rejects.toMatchObject({ kind: 'invalid_response' });
  });

  it('retries a page after a retryable failure on the injected (fake) sleep', async () => {
    const { pool, client: c } = setup();
    pool.intercept({ path: '/api/v1/devices/?limit=2&offset=0', method: 'GET' }).reply(503, {});
    pool
      .intercept({ path: '/api/v1/devices/?limit=2&offset=0', method: 'GET' })
      .reply(200, { count: 1, next: null, previous: null, results: [{ id: 'a' }] });
    const sleep = vi.fn(async () => {});
    const onRetry = vi.fn();
    const items = await drain(
      paginateByCount(c, {
        path: 'v1/devices/',
        pageSize: 2,
        concurrency: 1,
        resource: 'device',
        schema: Item,
        pageRetry: { attempts: 2, delayMs: (n) => n * 1000, sleep, onRetry },
      }),
    );
    expect(items).toEqual([{ id: 'a' }]);
    expect(sleep).toHaveBeenCalledWith(1000);
    expect(onRetry).toHaveBeenCalledWith(expect.objectContaining({ offset: 0, attempt: 1 }));
  });
});

describe('countedOffsetPages (with paginate)', () => {
  it('pages one after another to `count` and announces the total for completeness', async () => {
    const urls = await list((offset, limit) => ({
      count: 5,
      next: null,
      previous: null,
      results: rows(offset, Math.min(5, offset + limit)),
    }));
    if (!client) throw new Error('no client');
    const out: string[] = [];
    for await (const r of paginate(
      client,
      countedOffsetPages({ path: 'v1/users/', pageSize: 2, resource: 'user' }),
      { resource: 'user', schema: Row },
    ))
      out.push(r.id);
    expect(out).toEqual(rows(0, 5).map((r) => r.id));
    expect(urls).toEqual([
      '/api/v1/users/?limit=2&offset=0',
      '/api/v1/users/?limit=2&offset=2',
      '/api/v1/users/?limit=2&offset=4',
    ]);
  });

  it('a growing count stops with a pagination error', async () => {
    const urls = await list((offset, limit, n) => ({
      count: 4 + n * 2,
      results: rows(offset, offset + limit),
    }));
    if (!client) throw new Error('no client');
    const listing = paginate(
      client,
      countedOffsetPages({ path: 'v1/users/', pageSize: 2, resource: 'user' }),
      { resource: 'user', schema: Row },
    );
    await expect(drain(listing)).rejects.toMatchObject({ kind: 'pagination' });
    // Stops past twice the first count plus ten pages: offset 2 * 6 + 10 * 2 = 32, 16 pages of 2.
    expect(urls).toHaveLength(17);
  });
});
