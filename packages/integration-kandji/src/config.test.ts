import { IntegrationValidationError } from '@jupiterone/integration-sdk-core';
import { describe, expect, it } from 'vitest';
import { instanceConfigFields, loadConfig, parseApiUrl, parseConfig } from './config';

const TOKEN = 'b3c1f2d4-0000-4000-8000-000000000abc';

describe('parseApiUrl', () => {
  it.each([
    ['https://acme.api.kandji.io/api/v1', 'acme', 'us'],
    ['https://acme.api.kandji.io/api/v1/', 'acme', 'us'],
    ['acme.api.kandji.io', 'acme', 'us'],
    ['acme.api.kandji.io/', 'acme', 'us'],
    ['ACME.api.kandji.io/api/v1', 'acme', 'us'],
    ['https://acme.api.eu.kandji.io', 'acme', 'eu'],
    ['acme-corp.clients.us-1.kandji.io/api/v1/', 'acme-corp', 'us-legacy'],
  ])('accepts %s', (input, tenant, region) => {
    const parsed = parseApiUrl(input);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.location.tenant).toBe(tenant);
    expect(parsed.location.region).toBe(region);
    expect(parsed.location.apiUrl).toBe(
      `https://${input
        .replace(/^https:\/\//, '')
        .split('/')[0]
        ?.toLowerCase()}/api/v1`,
    );
  });

  it('derives the web app URL per region', () => {
    const web = (u: string) => {
      const p = parseApiUrl(u);
      return p.ok ? p.location.webUrl : undefined;
    };
    expect(web('acme.api.kandji.io')).toBe('https://acme.kandji.io');
    expect(web('acme.api.eu.kandji.io')).toBe('https://acme.eu.kandji.io');
    expect(web('acme.clients.us-1.kandji.io')).toBe('https://acme.kandji.io');
  });

  it('allows http only for loopback addresses', () => {
    expect(parseApiUrl('http://127.0.0.1:8080/api/v1')).toMatchObject({
      ok: true,
      location: { apiUrl: 'http://127.0.0.1:8080/api/v1', tenant: '127.0.0.1:8080' },
    });
    expect(parseApiUrl('http://localhost:3000')).toMatchObject({ ok: true });
    expect(parseApiUrl('http://[::1]:3000/api/v1')).toMatchObject({ ok: true });
    expect(parseApiUrl('http://acme.api.kandji.io/api/v1')).toMatchObject({
      ok: false,
      message: expect.stringContaining('https'),
    });
    expect(parseApiUrl('http://10.0.0.5/api/v1')).toMatchObject({ ok: false });
  });

  it.each([
    ['', 'required'],
    ['https://acme.kandji.io', 'not a Kandji API host'],
    ['https://acme.api.kandji.io/api/v1/devices', 'path'],
    ['https://a.b.api.kandji.io', 'one subdomain label'],
    ['https://acme.api.kandji.io/api/v1?x=1', 'query'],
    ['https://user:pw@acme.api.kandji.io', 'credentials'],
    ['ftp://acme.api.kandji.io', 'https'],
    ['https://exa mple.com', 'not a URL'],
  ])('rejects %j', (input, message) => {
    const parsed = parseApiUrl(input);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toContain(message);
  });
});

/** The parsed config of a valid input (the test fails on errors). */
function parsed(raw: unknown) {
  const result = parseConfig(raw);
  if (!result.ok) throw new Error(`unexpected errors: ${result.errors.join('; ')}`);
  return result.config;
}

describe('parseConfig', () => {
  it('normalizes a valid config', () => {
    const config = parsed({ apiUrl: 'acme.api.kandji.io', accessToken: ` ${TOKEN} ` });
    expect(config.apiUrl.apiUrl).toBe('https://acme.api.kandji.io/api/v1');
    expect(config.accessToken).toBe(TOKEN);
  });

  it.each([
    [{ accessToken: TOKEN }, 'apiUrl (API_URL) is required'],
    [{ apiUrl: 'acme.api.kandji.io' }, 'accessToken (ACCESS_TOKEN) is required'],
    [{ apiUrl: 'acme.api.kandji.io', accessToken: '   ' }, 'accessToken (ACCESS_TOKEN)'],
    [{ apiUrl: 'acme.api.kandji.io', accessToken: `Bearer ${TOKEN}` }, 'no "Bearer " prefix'],
    [{ apiUrl: 42, accessToken: TOKEN }, 'apiUrl (API_URL) must be a string'],
    [{ apiUrl: 'https://acme.kandji.io', accessToken: TOKEN }, 'apiUrl (API_URL) host'],
  ])('names the field and its env variable: %j', (config, message) => {
    const result = parseConfig(config);
    expect(result.ok).toBe(false);
    const errors = result.ok ? [] : result.errors;
    expect(errors.join('; ')).toContain(message);
    expect(errors.join('; ')).not.toContain(TOKEN);
    // The steps' variant throws the same errors as an IntegrationValidationError.
    let error: unknown;
    try {
      loadConfig(config);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(IntegrationValidationError);
    expect((error as Error).message).toBe(`Invalid Kandji configuration: ${errors.join('; ')}`);
    expect((error as Error).message).not.toContain(TOKEN);
  });

  it('names both fields when both are missing', () => {
    expect(parseConfig({})).toEqual({
      ok: false,
      errors: ['apiUrl (API_URL) is required', 'accessToken (ACCESS_TOKEN) is required'],
    });
    expect(() => loadConfig({})).toThrow(
      /apiUrl \(API_URL\) is required.*accessToken \(ACCESS_TOKEN\) is required/,
    );
  });

  it('masks the token field', () => {
    expect(instanceConfigFields.accessToken.mask).toBe(true);
    expect(instanceConfigFields.apiUrl.mask).toBe(false);
  });

  it('reads deviceDetails as auto (default), always or never, from the optional field', () => {
    const base = { apiUrl: 'acme.api.kandji.io', accessToken: TOKEN };
    expect(parsed(base).deviceDetails).toBe('auto');
    expect(parsed({ ...base, deviceDetails: '' }).deviceDetails).toBe('auto');
    expect(parsed({ ...base, deviceDetails: ' Always ' }).deviceDetails).toBe('always');
    expect(parsed({ ...base, deviceDetails: 'never' }).deviceDetails).toBe('never');
    expect(parseConfig({ ...base, deviceDetails: 'sometimes' })).toEqual({
      ok: false,
      errors: ['deviceDetails (DEVICE_DETAILS) must be auto, always or never'],
    });
    expect(instanceConfigFields.deviceDetails).toMatchObject({ type: 'string', optional: true });
  });
});
