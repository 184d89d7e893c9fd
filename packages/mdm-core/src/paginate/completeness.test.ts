import { IntegrationError } from '@jupiterone/integration-sdk-core';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { bearerAuth } from '../http/auth';
import { HttpClient } from '../http/client';
import { json, startLoopback, type Handler, type Loopback } from '../http/__tests__/loopback';
import { ValidationReport } from '../schema/report';
import {
  CompletenessTracker,
  defaultTolerance,
  isListIncompleteError,
  ListIncompleteError,
} from './completeness';
import { paginate } from './paginate';
import { cursorPage, nextUrlEnvelope, offsetLimitArray, pageNumber } from './strategies';

const Item = z.object({ id: z.string() });
const items = (from: number, n: number) =>
  Array.from({ length: n }, (_, i) => ({ id: `d${from + i}` }));
const query = (url: string) => new URL(url, 'http://x').searchParams;

let server: Loopback | undefined;
let client: HttpClient | undefined;
afterEach(async () => {
  await client?.close();
  await server?.close();
  client = server = undefined;
});

async function api(handler: Handler): Promise<HttpClient> {
  server = await startLoopback(handler);
  client = new HttpClient({ baseUrl: `${server.url}/api/v1`, auth: bearerAuth('tok-compl-1') });
  return client;
}

/** Reads the whole list; returns what the caller received before any error, and the error. */
async function drain(it: AsyncIterable<{ id: string }>) {
  const got: string[] = [];
  try {
    for await (const r of it) got.push(r.id);
    return { got, err: undefined };
  } catch (err) {
    return { got, err };
  }
}

/** A DRF list whose `count` says `count` but which stops after `stopAt` records. */
function drf(count: number, stopAt: number, pageSize = 100): Handler {
  return (r, res) => {
    const offset = Number(query(r.url).get('offset') ?? 0);
    const n = Math.max(0, Math.min(pageSize, stopAt - offset));
    const next =
      offset + n < stopAt ? `/api/v1/things/?limit=${pageSize}&offset=${offset + n}` : null;
    json(res, 200, { count, next, previous: null, results: items(offset, n) });
  };
}

describe('paginate() completeness guard', () => {
  it('yields everything received, then fails naming both figures and the endpoint', async () => {
    const c = await api(drf(1000, 300));
    const { got, err } = await drain(
      paginate(c, nextUrlEnvelope({ path: 'things/', limit: 100 }), {
        resource: 'thing',
        schema: Item,
      }),
    );
    expect(got).toHaveLength(300);
    expect(isListIncompleteError(err)).toBe(true);
    expect(err).toBeInstanceOf(IntegrationError);
    expect((err as IntegrationError).fatal).toBe(false);
    expect((err as Error).message).toContain(
      'GET things/ announced 1000 thing record(s) (`count`) but 300 were received',
    );
    expect((err as ListIncompleteError).shortfalls).toEqual([
      {
        resource: 'thing',
        endpoint: 'GET things/',
        announced: 1000,
        source: '`count`',
        received: 300,
        tolerance: 5,
      },
    ]);
  });

  it('an empty first page while the count says 1000 is not an empty tenant', async () => {
    const c = await api(drf(1000, 0));
    const { got, err } = await drain(
      paginate(c, nextUrlEnvelope({ path: 'things/' }), { resource: 'thing', schema: Item }),
    );
    expect(got).toEqual([]);
    expect((err as Error).message).toMatch(/announced 1000 .* but 0 were received/);
  });

  it('records that fail validation were received: they do not count as missing', async () => {
    const c = await api((_r, res) =>
      json(res, 200, {
        count: 3,
        next: null,
        results: [{ id: 'a' }, { id: 7 }, { id: 'c' }],
      }),
    );
    const report = new ValidationReport();
    const { got, err } = await drain(
      paginate(c, nextUrlEnvelope({ path: 'things/' }), {
        resource: 'thing',
        schema: Item,
        report,
      }),
    );
    expect(err).toBeUndefined();
    expect(got).toEqual(['a', 'c']);
    expect(report.skipped()).toBe(1);
  });

  it('more than announced (added while reading) and a shortfall within tolerance pass', async () => {
    let c = await api(drf(200, 250));
    expect(
      (
        await drain(
          paginate(c, nextUrlEnvelope({ path: 'things/' }), { resource: 't', schema: Item }),
        )
      ).err,
    ).toBeUndefined();
    await client?.close();
    await server?.close();
    c = await api(drf(1000, 995));
    expect(
      (
        await drain(
          paginate(c, nextUrlEnvelope({ path: 'things/' }), { resource: 't', schema: Item }),
        )
      ).err,
    ).toBeUndefined();
    await client?.close();
    await server?.close();
    c = await api(drf(1000, 994));
    expect(
      (
        await drain(
          paginate(c, nextUrlEnvelope({ path: 'things/' }), { resource: 't', schema: Item }),
        )
      ).err,
    ).toBeDefined();
  });

  it('reads a total header on bare-array lists (x-total-count) only when the vendor sends it', async () => {
    let withHeader = true;
    const c = await api((r, res) => {
      const offset = Number(query(r.url).get('offset'));
      const page = offset < 300 ? items(offset, Math.min(100, 300 - offset)) : [];
      if (withHeader) res.setHeader('x-total-count', '1000');
      json(res, 200, page);
    });
    const strategy = () =>
      offsetLimitArray({ path: 'devices', limit: 100, totalHeader: 'x-total-count' });
    const first = await drain(paginate(c, strategy(), { resource: 'device', schema: Item }));
    expect(first.got).toHaveLength(300);
    expect((first.err as Error).message).toContain(
      'GET devices announced 1000 device record(s) (x-total-count header) but 300 were received',
    );
    withHeader = false;
    expect(
      (await drain(paginate(c, strategy(), { resource: 'device', schema: Item }))).err,
    ).toBeUndefined();
  });

  it('reads page-number DRF counts and cursor envelopes with a total (null total ignored)', async () => {
    let total: number | null = 50;
    const c = await api((r, res) => {
      const url = new URL(r.url, 'http://x');
      if (url.pathname.endsWith('/profiles')) {
        const page = Number(url.searchParams.get('page'));
        json(res, 200, {
          count: 30,
          next: page < 2 ? 'more' : null,
          results: items(page * 10, 10),
        });
        return;
      }
      const cursor = url.searchParams.get('cursor');
      json(res, 200, { total, cursor: cursor ? null : 'c1', data: items(cursor ? 10 : 0, 10) });
    });
    const profiles = await drain(
      paginate(c, pageNumber({ path: 'profiles' }), { resource: 'profile', schema: Item }),
    );
    expect((profiles.err as Error).message).toContain(
      'announced 30 profile record(s) (`count`) but 20',
    );
    const prism = () =>
      cursorPage({
        path: 'prism/apps',
        itemsKey: 'data',
        totalKey: 'total',
        cursorOf: (b) => b.cursor,
      });
    const short = await drain(paginate(c, prism(), { resource: 'app', schema: Item }));
    expect(short.got).toHaveLength(20);
    expect((short.err as Error).message).toContain('(`total`) but 20 were received');
    total = null;
    expect(
      (await drain(paginate(c, prism(), { resource: 'app', schema: Item }))).err,
    ).toBeUndefined();
  });

  it('with a tracker, paginate only records and the step decides when to fail', async () => {
    const c = await api(drf(500, 100));
    const tracker = new CompletenessTracker();
    const { got, err } = await drain(
      paginate(c, nextUrlEnvelope({ path: 'things/' }), {
        resource: 'thing',
        schema: Item,
        completeness: tracker,
        endpoint: 'GET enterprise/{eid}/thing/',
      }),
    );
    expect(err).toBeUndefined();
    expect(got).toHaveLength(100);
    expect(() => tracker.throwIfIncomplete()).toThrow(
      /GET enterprise\/\{eid\}\/thing\/ announced 500 thing record\(s\) \(`count`\) but 100/,
    );
  });
});

describe('CompletenessTracker', () => {
  it('keeps the smallest announcement and compares other figures with a list read elsewhere', () => {
    const t = new CompletenessTracker();
    t.announce('device', 'GET devices', { count: 1000, source: 'a' });
    t.announce('device', 'GET devices', { count: 990, source: 'b' });
    t.receive('device', 'GET devices', 988);
    expect(t.check()).toBeUndefined(); // 990 - 988 = 2 <= tolerance 4
    t.expect('device', 'GET settings/licensing', { count: 1000, source: 'licensing counts' }, 300);
    expect(t.shortfalls()).toEqual([
      expect.objectContaining({
        endpoint: 'GET settings/licensing',
        announced: 1000,
        received: 300,
      }),
    ]);
    t.announce('x', 'GET x', { count: -1, source: 'bogus' });
    t.announce('x', 'GET x', { count: 1.5, source: 'bogus' });
    expect(t.shortfalls()).toHaveLength(1);
  });

  it('tolerates 0.5% (none below 200 records)', () => {
    expect([0, 3, 199, 200, 1000, 20_000].map(defaultTolerance)).toEqual([0, 0, 0, 1, 5, 100]);
    const strict = new CompletenessTracker({ tolerance: () => 0 });
    strict.expect('d', 'GET d', { count: 10, source: 's' }, 9);
    expect(strict.check()).toBeInstanceOf(ListIncompleteError);
  });
});
