import {
  IntegrationProviderAPIError,
  IntegrationProviderAuthenticationError,
  IntegrationProviderAuthorizationError,
} from '@jupiterone/integration-sdk-core';
import { describe, expect, it } from 'vitest';
import { PartialData } from './partial-data';
import { defineVendor, hasStatus, type Unavailable, type Vendor } from './vendor';
import { fakeContext, httpError } from './__tests__/context';

const kandji = defineVendor({
  name: 'Kandji',
  credential: 'API token',
  grantWhere: 'Kandji Settings > Access',
  credentialField: 'accessToken (ACCESS_TOKEN)',
});

const esper = defineVendor<{ clientId?: string }>({
  name: 'Esper',
  credential: 'API key',
  grantWhere: 'create the key as a user whose role allows it',
  credentialField: (c) =>
    c.clientId ? 'clientId/clientSecret (CLIENT_ID/CLIENT_SECRET)' : 'accessToken (ACCESS_TOKEN)',
  lacksPermission: (p) => `may not ${p}`,
});

describe('defineVendor', () => {
  it('words both fixes as Kandji did (grant the permission, or switch the source off)', () => {
    expect(kandji.fixes({ permission: 'Users', source: 'users' })).toBe(
      'grant "Users" to the API token (Kandji Settings > Access), or switch off the "users" ingestion source',
    );
    expect(kandji.fixes({ permission: 'Device list' })).toBe(
      'grant "Device list" to the API token (Kandji Settings > Access)',
    );
  });

  it('words both fixes as Esper did', () => {
    expect(esper.fixes({ permission: 'read users', source: 'users' })).toBe(
      'grant "read users" to the API key (create the key as a user whose role allows it), or switch off the "users" ingestion source',
    );
  });

  it('default refusal warning is the Kandji sentence word for word', () => {
    expect(
      kandji.messages.refused(
        {
          endpoint: 'GET users',
          permission: 'Users',
          skipped: 'the user directory',
          source: 'users',
          status: 403,
        },
        kandji,
      ),
    ).toBe(
      'Kandji API token lacks the "Users" permission (GET users returned 403): the user directory skipped. To fix: grant "Users" to the API token (Kandji Settings > Access), or switch off the "users" ingestion source.',
    );
  });

  it('names the credential setting on a 401, from the instance config when it depends on it', () => {
    const a = kandji.toJupiterOneError(httpError(401), { endpoint: 'GET devices' });
    expect(a).toBeInstanceOf(IntegrationProviderAuthenticationError);
    expect(a.message).toContain('check accessToken (ACCESS_TOKEN)');
    expect(a.message).toContain('GET devices');
    const b = esper.toJupiterOneError(httpError(401), undefined, { clientId: 'c' });
    expect(b.message).toContain('check clientId/clientSecret (CLIENT_ID/CLIENT_SECRET)');
    expect(esper.credentialFieldFor()).toBeUndefined();
  });

  it('names the permission on a 403 and keeps other failures provider API errors', () => {
    const denied = kandji.toJupiterOneError(httpError(403), {
      endpoint: 'GET devices',
      permission: 'Device list',
    });
    expect(denied).toBeInstanceOf(IntegrationProviderAuthorizationError);
    expect(denied.message).toContain('requires permission: Device list');
    const other = kandji.toJupiterOneError(httpError(502), { endpoint: 'GET devices' });
    expect(other).toBeInstanceOf(IntegrationProviderAPIError);
  });

  it('lets a vendor override single sentences', () => {
    const v = defineVendor({
      name: 'Acme',
      credential: 'API token',
      grantWhere: 'Acme Admin > Tokens',
      credentialField: 'apiToken (API_TOKEN)',
      messages: { refused: (u) => `no ${u.permission}` },
    });
    expect(v.messages.refused({ ...u403, permission: 'Apps' }, v)).toBe('no Apps');
    expect(v.messages.absent({ ...u403, status: 404 }, v)).toContain('Acme API answered HTTP 404');
  });

  it('hasStatus matches API statuses only', () => {
    expect(hasStatus(httpError(404), 403, 404)).toBe(true);
    expect(hasStatus(httpError(500), 403, 404)).toBe(false);
    expect(hasStatus(new Error('404'), 404)).toBe(false);
  });
});

const u403 = {
  endpoint: 'GET apps',
  permission: 'Apps',
  skipped: 'apps',
  status: 403 as const,
};

describe('a vendor keeping its own sentences (Esper, word for word)', () => {
  const describeEsper = (u: Unavailable, v: Vendor): string =>
    u.status === 403
      ? `${u.skipped} were not ingested: the Esper API key ${v.lacksPermission(u.permission)} (HTTP 403). The rest of the graph is ingested; ${u.source ? `to fix, ${v.fixes(u)}` : 'grant the permission and run again'}.`
      : `${u.skipped} were not ingested: the Esper API answered HTTP 404 (not available on this tenant). The rest of the graph is ingested.`;
  const esperWords = defineVendor({
    name: 'Esper',
    credential: 'API key',
    grantWhere: 'create the key as a user whose role allows it',
    credentialField: 'accessToken (ACCESS_TOKEN)',
    lacksPermission: (p) => `may not ${p}`,
    messages: {
      refused: describeEsper,
      absent: describeEsper,
      refusedStatusText: (r, v) =>
        `Forbidden (requires permission: ${r[0]?.permission ?? ''}): ${r.map((u) => describeEsper(u, v)).join(' ')}`,
      absentStatusText: (a, v) => `Not Found: ${a.map((u) => describeEsper(u, v)).join(' ')}`,
    },
  });
  const apps: Unavailable = {
    endpoint: 'https://acme-api.esper.cloud/api/enterprise/e1/device/{device_id}/app/',
    permission: 'read installed apps on devices',
    skipped: 'Installed apps of 60 of 60 devices',
    source: 'installed-apps',
    status: 403,
  };

  it('reproduces the warning and the step error', () => {
    const context = fakeContext();
    const partial = new PartialData(esperWords, context);
    partial.refused(apps);
    expect(context.events[0]?.description).toBe(
      'Installed apps of 60 of 60 devices were not ingested: the Esper API key may not read installed apps on devices (HTTP 403). The rest of the graph is ingested; to fix, grant "read installed apps on devices" to the API key (create the key as a user whose role allows it), or switch off the "installed-apps" ingestion source.',
    );
    expect(partial.error()?.message).toMatch(
      /403 Forbidden \(requires permission: read installed apps on devices\).*Installed apps of 60 of 60 devices were not ingested/,
    );
  });

  it('reproduces the 404 sentence', () => {
    const partial = new PartialData(esperWords, fakeContext());
    partial.absent({ ...apps, skipped: 'Esper users' });
    expect(partial.error()?.message).toContain(
      'Not Found: Esper users were not ingested: the Esper API answered HTTP 404 (not available on this tenant). The rest of the graph is ingested.',
    );
  });
});
