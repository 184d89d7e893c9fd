import { IntegrationWarnEventName } from '@jupiterone/integration-sdk-core';
import { MockAgent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { bearerAuth } from '../http/auth';
import { HttpClient } from '../http/client';
import { preflightMessage, runPreflight } from './preflight';
import { sourcePermissions } from './sources';
import { defineVendor } from './vendor';
import { fakeContext } from './__tests__/context';

const kandji = defineVendor({
  name: 'Kandji',
  credential: 'API token',
  grantWhere: 'Kandji Settings > Access',
  credentialField: 'accessToken (ACCESS_TOKEN)',
});

const SOURCES = sourcePermissions([
  { source: 'users', permission: 'Users', probe: { path: 'users' }, data: 'the user directory' },
  {
    source: 'blueprints',
    permission: 'Blueprints',
    probe: { path: 'blueprints' },
    data: 'blueprints',
  },
  // the same request as users: never sent twice
  { source: 'user-groups', permission: 'Users', probe: { path: 'users' }, data: 'user groups' },
  {
    source: 'vulnerabilities',
    permission: 'Vulnerability Management',
    probe: { path: 'vulnerability-management/detections', query: { size: 1 } },
    data: 'vulnerability findings',
  },
  { source: 'threats', permission: 'Threats', probe: { path: 'threat-details' }, data: 'threats' },
  { source: 'device-details', permission: 'Device details', data: 'details' },
  {
    source: 'installed-apps',
    permission: 'Application list',
    probe: async (client) => {
      const res = await client.getJson<{ id: string }[]>('devices', { query: { limit: 1 } });
      const id = res.data[0]?.id;
      return id ? { path: `devices/${id}/apps` } : undefined;
    },
    data: 'installed apps',
  },
]);

let agent: MockAgent | undefined;
afterEach(async () => {
  await agent?.close();
  agent = undefined;
});

function setup() {
  agent = new MockAgent();
  agent.disableNetConnect();
  const pool = agent.get('https://acme.api.kandji.io');
  const client = new HttpClient({
    baseUrl: 'https://acme.api.kandji.io/api/v1',
    auth: bearerAuth('test-token-123456'),
    dispatcher: agent,
    retry: { maxRetries: 0 },
  });
  return { pool, client };
}

describe('runPreflight', () => {
  it('probes each enabled source once and warns once, at the start, naming every unreadable source with both fixes', async () => {
    const { pool, client } = setup();
    const reply = (path: string, status: number, body: object = []) =>
      pool.intercept({ path, method: 'GET' }).reply(status, body, {
        headers: { 'content-type': 'application/json' },
      });
    reply('/api/v1/users?limit=1', 403, { detail: 'nope' });
    reply('/api/v1/vulnerability-management/detections?size=1', 403, {});
    reply('/api/v1/threat-details?limit=1', 503, {});
    reply('/api/v1/devices?limit=1', 200, [{ id: 'dev-1' }]);
    reply('/api/v1/devices/dev-1/apps?limit=1', 200, { apps: [] });
    const context = fakeContext({}, ['blueprints']);
    const findings = await runPreflight({ vendor: kandji, context }, client, SOURCES);
    expect(findings.map((f) => [f.source, f.endpoint, f.status])).toEqual([
      ['users', 'GET users', 403],
      ['vulnerabilities', 'GET vulnerability-management/detections', 403],
    ]);
    expect(context.events).toHaveLength(1);
    expect(context.events[0]?.name).toBe(IntegrationWarnEventName.MissingPermission);
    expect(context.events[0]?.description).toBe(
      'Permission preflight: 2 enabled ingestion source(s) will be partial. "users": the API token lacks the "Users" permission (GET users returned 403), so the user directory will be partial (kept from earlier runs, not refreshed); to fix, grant "Users" to the API token (Kandji Settings > Access), or switch off the "users" ingestion source. "vulnerabilities": the API token lacks the "Vulnerability Management" permission (GET vulnerability-management/detections returned 403), so vulnerability findings will be partial (kept from earlier runs, not refreshed); to fix, grant "Vulnerability Management" to the API token (Kandji Settings > Access), or switch off the "vulnerabilities" ingestion source.',
    );
    expect(context.infos()).toEqual(['Permission preflight: probe inconclusive']);
    agent?.assertNoPendingInterceptors();
    await client.close();
  });

  it('says nothing when every source is readable; names endpoints as the integration does', async () => {
    const { pool, client } = setup();
    pool.intercept({ path: '/api/v1/users?limit=1', method: 'GET' }).reply(200, []);
    const context = fakeContext();
    const findings = await runPreflight(
      { vendor: kandji, context },
      client,
      SOURCES.filter((s) => s.source === 'users'),
      { endpointOf: (p) => `GET https://acme.api.kandji.io/api/v1/${p}` },
    );
    expect(findings).toEqual([]);
    expect(context.events).toEqual([]);
    await client.close();
  });

  it('a probe function that fails or finds nothing skips the source', async () => {
    const { pool, client } = setup();
    pool.intercept({ path: '/api/v1/devices?limit=1', method: 'GET' }).reply(500, {});
    const context = fakeContext();
    const findings = await runPreflight(
      { vendor: kandji, context },
      client,
      SOURCES.filter((s) => s.source === 'installed-apps'),
    );
    expect(findings).toEqual([]);
    await client.close();
  });

  it('preflightMessage speaks in the vendor words (Esper: "may not")', () => {
    const esper = defineVendor({
      name: 'Esper',
      credential: 'API key',
      grantWhere: 'create the key as a user whose role allows it',
      credentialField: 'accessToken (ACCESS_TOKEN)',
      lacksPermission: (p) => `may not ${p}`,
    });
    expect(
      preflightMessage(esper, [
        {
          source: 'users',
          permission: 'read users',
          data: 'the user directory',
          endpoint: 'GET https://x/api/v0/users/',
          status: 403,
        },
      ]),
    ).toBe(
      'Permission preflight: 1 enabled ingestion source(s) will be partial. "users": the API key may not read users (GET https://x/api/v0/users/ returned 403), so the user directory will be partial (kept from earlier runs, not refreshed); to fix, grant "read users" to the API key (create the key as a user whose role allows it), or switch off the "users" ingestion source.',
    );
  });
});
