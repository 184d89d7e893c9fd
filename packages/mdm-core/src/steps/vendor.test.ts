import {
  IntegrationProviderAPIError,
  IntegrationProviderAuthenticationError,
  IntegrationProviderAuthorizationError,
} from '@jupiterone/integration-sdk-core';
import { describe, expect, it } from 'vitest';
import { defineVendor, hasStatus } from './vendor';
import { httpError } from './__tests__/context';

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
