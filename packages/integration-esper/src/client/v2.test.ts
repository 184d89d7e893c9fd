import { isListIncompleteError, silentLogger } from '@mdm-graph/mdm-core';
import { MockAgent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { testConfig } from '../../test/config';
import { createEsperClient } from './api';
import { listDeviceAppsV2, listDevicesV2 } from './v2';

// Esper's v2 envelope as the client reads it (mdm-core's count-based pager does the paging):
// `{content: {count, next, prev | previous, results}}`, `results: null` for an empty list.
const config = testConfig({
  domain: 'acme',
  enterpriseId: '3f2a7d9e-1b4c-4e8f-9a6b-0c1d2e3f4a5b',
  accessToken: 'test-key-123456',
});

let agent: MockAgent | undefined;
afterEach(async () => {
  await agent?.close();
  agent = undefined;
});

function setup() {
  agent = new MockAgent();
  agent.disableNetConnect();
  const pool = agent.get('https://acme-api.esper.cloud');
  const client = createEsperClient(config, silentLogger, {
    dispatcher: agent,
    retry: { maxRetries: 0 },
  });
  return { pool, client };
}

const page = (count: number, ids: string[], key: 'prev' | 'previous' = 'prev') => ({
  content: { count, next: null, [key]: null, results: ids.map((id) => ({ id, fcm_id: 'SECRET' })) },
});

async function drain<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('Esper v2 lists', () => {
  it('device-apps: `results: null` is an empty list', async () => {
    const { pool, client } = setup();
    pool
      .intercept({ path: '/api/v2/devices/d1/device-apps/?limit=250&offset=0', method: 'GET' })
      .reply(200, { content: { count: 0, next: null, prev: null, results: null } });
    expect(await drain(listDeviceAppsV2(client, 'd1'))).toEqual([]);
    await client.close();
  });

  it('devices: pages with `prev` or `previous`, records whitelisted by the schema', async () => {
    const { pool, client } = setup();
    const ids = Array.from({ length: 300 }, (_, i) => `dev-${i}`);
    pool
      .intercept({ path: '/api/v2/devices/?limit=250&offset=0', method: 'GET' })
      .reply(200, page(300, ids.slice(0, 250)));
    pool
      .intercept({ path: '/api/v2/devices/?limit=250&offset=250', method: 'GET' })
      .reply(200, page(300, ids.slice(250), 'previous'));
    const devices = await drain(listDevicesV2(client));
    expect(devices.map((d) => d.id)).toEqual(ids);
    expect(JSON.stringify(devices)).not.toContain('SECRET');
    await client.close();
  });

  it('devices: a list ending short of `content.count` yields what it read, then names both figures', async () => {
    const { pool, client } = setup();
    pool
      .intercept({ path: '/api/v2/devices/?limit=250&offset=0', method: 'GET' })
      .reply(200, page(3, ['a', 'b']))
      .persist();
    // The short page makes the pager re-read one page after another, stepping by what the
    // server honoured (2 per page), until the empty page.
    for (const path of ['/api/v2/devices/?limit=250&offset=2', '/api/v2/devices/?limit=2&offset=2'])
      pool.intercept({ path, method: 'GET' }).reply(200, page(3, [])).persist();
    const read: string[] = [];
    const err = await (async () => {
      for await (const d of listDevicesV2(client)) read.push(d.id);
    })().catch((e: unknown) => e);
    expect(read).toEqual(['a', 'b']);
    expect(isListIncompleteError(err)).toBe(true);
    expect((err as Error).message).toContain(
      'GET v2/devices/ announced 3 v2 device record(s) (`content.count`) but 2 were received',
    );
    await client.close();
  });
});
