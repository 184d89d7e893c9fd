import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { bearerAuth, HttpClient } from '@mdm-graph/mdm-core';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { paginateByCount } from './paginate-by-count';

const Row = z.object({ id: z.string() });
let server: Server | undefined;
let client: HttpClient | undefined;
afterEach(async () => {
  await client?.close();
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

describe('paginateByCount', () => {
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
    expect(await read({ unwrap: (b) => (b as { content: unknown }).content })).toEqual(
      rows(0, 8).map((r) => r.id),
    );
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
