import { bearerAuth, createHttpClient, isListIncompleteError } from '@mdm-graph/mdm-core';
import { MockAgent } from 'undici';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { paginateByCount, V2Envelope } from './paginate-by-count';

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
  const client = createHttpClient({
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
    pool
      .intercept({ path: '/api/v2/devices/?limit=2&offset=0', method: 'GET' })
      .reply(200, v2Page(6, ['a', 'b']));
    pool
      .intercept({ path: '/api/v2/devices/?limit=2&offset=2', method: 'GET' })
      .reply(200, v2Page(6, ['c']));
    pool
      .intercept({ path: '/api/v2/devices/?limit=2&offset=4', method: 'GET' })
      .reply(200, v2Page(6, []));
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
