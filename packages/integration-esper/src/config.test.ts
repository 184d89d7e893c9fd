import { IntegrationValidationError } from '@jupiterone/integration-sdk-core';
import { describe, expect, it } from 'vitest';
import { testConfig } from '../test/config';
import {
  describeConfigFields,
  envNameOf,
  instanceConfigFields,
  normalizeDomain,
  normalizeHttpsUrl,
  parseConfig,
  requireConfig,
} from './config';

const EID = '3f2a7d9e-1b4c-4e8f-9a6b-0c1d2e3f4a5b';
const bearer = { domain: 'acme', enterpriseId: EID, accessToken: 'key-123' };

function failure(raw: unknown): string {
  const r = parseConfig(raw);
  if (r.ok) throw new Error('expected a validation failure');
  return r.errors.join('; ');
}

describe('normalizeDomain', () => {
  it.each([
    ['acme', 'acme'],
    ['ACME', 'acme'],
    [' acme ', 'acme'],
    ['acme.esper.cloud', 'acme'],
    ['acme-api.esper.cloud', 'acme'],
    ['https://acme.esper.cloud/devices/123', 'acme'],
    ['https://acme-api.esper.cloud/api/enterprise/x/', 'acme'],
    ['acme-api.esper.cloud:443/api', 'acme'],
    // A bare tenant name that ends in -api is a tenant name, not an API host.
    ['foo-api', 'foo-api'],
  ])('%s -> %s', (input, expected) => {
    expect(normalizeDomain(input)).toBe(expected);
  });

  it.each(['', 'acme.example.com', 'https://evil.com/acme', 'ac me', '-acme', 'a_b'])(
    'rejects %j',
    (input) => {
      expect(normalizeDomain(input)).toBeUndefined();
    },
  );
});

describe('normalizeHttpsUrl', () => {
  it('accepts https and loopback http, strips trailing slashes', () => {
    expect(normalizeHttpsUrl('https://proxy.example/esper/api/')).toBe(
      'https://proxy.example/esper/api',
    );
    expect(normalizeHttpsUrl('http://127.0.0.1:8080/api')).toBe('http://127.0.0.1:8080/api');
    expect(normalizeHttpsUrl('http://localhost:1/api')).toBe('http://localhost:1/api');
  });
  it.each([
    'http://proxy.example/api',
    'ftp://proxy.example/api',
    'https://user:pw@proxy.example/api',
    'https://proxy.example/api?x=1',
    'not a url',
  ])('rejects %s', (input) => {
    expect(normalizeHttpsUrl(input)).toBeUndefined();
  });
});

describe('config schema', () => {
  it('normalizes a bearer configuration', () => {
    expect(
      testConfig({
        ...bearer,
        domain: 'https://ACME.esper.cloud/',
        enterpriseId: EID.toUpperCase(),
      }),
    ).toEqual({
      domain: 'acme',
      enterpriseId: EID,
      apiBaseUrl: 'https://acme-api.esper.cloud/api',
      consoleUrl: 'https://acme.esper.cloud',
      auth: { kind: 'bearer', accessToken: 'key-123' },
      tuning: {},
    });
  });

  it('uses apiBaseUrl when given', () => {
    expect(testConfig({ ...bearer, apiBaseUrl: 'https://gw.example/esper/api/' }).apiBaseUrl).toBe(
      'https://gw.example/esper/api',
    );
  });

  it('normalizes an OAuth2 client-credentials configuration', () => {
    const c = testConfig({
      domain: 'acme',
      enterpriseId: EID,
      clientId: 'id',
      clientSecret: 'secret',
      tokenUrl: 'https://auth.example/oauth/token/',
      accessToken: '   ', // blank env values count as unset
    });
    expect(c.auth).toEqual({
      kind: 'oauth2',
      clientId: 'id',
      clientSecret: 'secret',
      tokenUrl: 'https://auth.example/oauth/token/',
    });
  });

  it('names missing and malformed fields', () => {
    expect(failure({})).toMatch(
      /domain \(DOMAIN\) .*enterpriseId \(ENTERPRISE_ID\) .*accessToken \(ACCESS_TOKEN\) is required/s,
    );
    expect(failure({ ...bearer, enterpriseId: '1234' })).toMatch(
      /^enterpriseId \(ENTERPRISE_ID\) must be the enterprise UUID/,
    );
    expect(failure({ ...bearer, domain: 'acme.example.com' })).toMatch(
      /^domain \(DOMAIN\) must be the Esper tenant name/,
    );
    expect(failure({ ...bearer, apiBaseUrl: 'http://proxy.example/api' })).toMatch(
      /^apiBaseUrl \(API_BASE_URL\) must be an https URL/,
    );
  });

  it('requires exactly one authentication method', () => {
    expect(
      failure({ ...bearer, clientId: 'id', clientSecret: 's', tokenUrl: 'https://a.example/t' }),
    ).toMatch(/^accessToken \(ACCESS_TOKEN\) configure exactly one authentication method/);
    const partial = failure({ domain: 'acme', enterpriseId: EID, clientId: 'id' });
    expect(partial).toMatch(/clientSecret \(CLIENT_SECRET\) is required for OAuth2/);
    expect(partial).toMatch(/tokenUrl \(TOKEN_URL\) is required for OAuth2/);
    expect(partial).not.toMatch(/clientId \(CLIENT_ID\) is required/);
  });

  it('never echoes secret values in messages', () => {
    const message = failure({
      domain: 'bad domain',
      enterpriseId: 'x',
      accessToken: 'sekrit-token',
      clientSecret: 'sekrit-2',
    });
    expect(message).not.toContain('sekrit');
  });

  it('returns one error per problem, each naming the field and its env var', () => {
    const r = parseConfig({ domain: 'acme', enterpriseId: 'x', requestTimeoutSeconds: 'soon' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toHaveLength(3);
    expect(r.errors[0]).toMatch(/^enterpriseId \(ENTERPRISE_ID\) must be the enterprise UUID/);
    expect(r.errors[1]).toMatch(/^requestTimeoutSeconds \(REQUEST_TIMEOUT_SECONDS\) must be/);
    // The authentication rule is checked across fields, after the fields themselves.
    expect(r.errors[2]).toMatch(/^accessToken \(ACCESS_TOKEN\) is required/);
  });

  it('names the J1 CLI env var of every field', () => {
    expect(Object.keys(instanceConfigFields).map(envNameOf)).toEqual([
      'DOMAIN',
      'ENTERPRISE_ID',
      'ACCESS_TOKEN',
      'API_BASE_URL',
      'CLIENT_ID',
      'CLIENT_SECRET',
      'TOKEN_URL',
      'REQUEST_TIMEOUT_SECONDS',
      'MAX_CONCURRENT_REQUESTS',
      'REQUESTS_PER_WINDOW',
      'RATE_WINDOW_SECONDS',
      'PAGE_SIZE',
      'CA_CERTIFICATES',
    ]);
  });

  it('a step given a bad configuration fails with IntegrationValidationError naming the field', () => {
    expect(() => requireConfig({ domain: 'acme' })).toThrow(IntegrationValidationError);
    expect(() => requireConfig({ domain: 'acme' })).toThrow(
      /Invalid Esper configuration: .*enterpriseId \(ENTERPRISE_ID\)/,
    );
  });
});

describe('instanceConfigFields', () => {
  it('derives types, masks and optionality from the schema', () => {
    expect(instanceConfigFields).toEqual({
      domain: { type: 'string' },
      enterpriseId: { type: 'string' },
      accessToken: { type: 'string', mask: true, optional: true },
      apiBaseUrl: { type: 'string', optional: true },
      clientId: { type: 'string', optional: true },
      clientSecret: { type: 'string', mask: true, optional: true },
      tokenUrl: { type: 'string', optional: true },
      requestTimeoutSeconds: { type: 'string', optional: true },
      maxConcurrentRequests: { type: 'string', optional: true },
      requestsPerWindow: { type: 'string', optional: true },
      rateWindowSeconds: { type: 'string', optional: true },
      pageSize: { type: 'string', optional: true },
      caCertificates: { type: 'string', optional: true },
    });
  });

  it('describes every field', () => {
    for (const field of describeConfigFields()) expect(field.description).not.toBe('');
  });
});
