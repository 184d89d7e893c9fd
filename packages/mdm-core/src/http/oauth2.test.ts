import {
  IntegrationProviderAPIError,
  IntegrationProviderAuthenticationError,
} from '@jupiterone/integration-sdk-core';
import { afterEach, describe, expect, it } from 'vitest';
import { bearerAuth } from './auth';
import { HttpClient } from './client';
import { ApiCallError } from './errors';
import { oauth2ClientCredentials } from './oauth2';
import { toJupiterOneError } from './to-jupiterone-error';
import { fakeSleep, json, startLoopback, type Loopback } from './__tests__/loopback';

const SECRET = 'client-secret-s3cr3t!';
let servers: Loopback[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

async function tokenServer(reply?: (n: number) => [number, unknown]) {
  let issued = 0;
  const s = await startLoopback((_r, res, n) => {
    const [status, body] = reply?.(n) ?? [
      200,
      { access_token: `at-${++issued}-abcdef`, token_type: 'bearer', expires_in: 3600 },
    ];
    json(res, status, body);
  });
  servers.push(s);
  return s;
}

describe('bearerAuth', () => {
  it('sends a static token and never asks to retry a 401', async () => {
    const auth = bearerAuth('  tok-abc ');
    expect(await auth.authorize()).toBe('Bearer tok-abc');
    expect(await auth.invalidate('Bearer tok-abc')).toBe(false);
    expect(auth.secrets).toContain('tok-abc');
    expect(() => bearerAuth(' ')).toThrow(/empty/);
  });
});

describe('oauth2ClientCredentials', () => {
  it('posts grant_type, scope and HTTP Basic client credentials (RFC 6749 §4.4)', async () => {
    const ts = await tokenServer();
    const auth = oauth2ClientCredentials({
      tokenUrl: `${ts.url}/oauth/token`,
      clientId: 'my id',
      clientSecret: SECRET,
      scope: 'devices:read',
    });
    expect(await auth.authorize()).toBe('Bearer at-1-abcdef');
    const req = ts.seen[0]!;
    expect(req.method).toBe('POST');
    expect(req.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(req.body))).toEqual({
      grant_type: 'client_credentials',
      scope: 'devices:read',
    });
    const basic = Buffer.from(
      req.headers.authorization!.replace('Basic ', ''),
      'base64',
    ).toString();
    expect(basic).toBe(`my+id:${encodeURIComponent(SECRET)}`);
    expect(auth.secrets).toContain(SECRET);
    expect(auth.secrets).toContain('at-1-abcdef');
  });

  it('can send client credentials in the form body instead', async () => {
    const ts = await tokenServer();
    const auth = oauth2ClientCredentials({
      tokenUrl: ts.url,
      clientId: 'id',
      clientSecret: SECRET,
      clientAuthentication: 'body',
    });
    await auth.authorize();
    expect(ts.seen[0]!.headers.authorization).toBeUndefined();
    expect(new URLSearchParams(ts.seen[0]!.body).get('client_secret')).toBe(SECRET);
  });

  it('caches until shortly before expires_in, then refreshes', async () => {
    const ts = await tokenServer();
    let now = 1_000_000;
    const auth = oauth2ClientCredentials({
      tokenUrl: ts.url,
      clientId: 'id',
      clientSecret: SECRET,
      now: () => now,
      refreshBeforeExpirySeconds: 60,
    });
    expect(await auth.authorize()).toBe('Bearer at-1-abcdef');
    now += 3_539_000;
    expect(await auth.authorize()).toBe('Bearer at-1-abcdef');
    now += 2_000; // inside the 60 s refresh window
    expect(await auth.authorize()).toBe('Bearer at-2-abcdef');
    expect(ts.seen).toHaveLength(2);
  });

  it('fetches one token for many concurrent callers (single flight)', async () => {
    const ts = await tokenServer();
    const auth = oauth2ClientCredentials({
      tokenUrl: ts.url,
      clientId: 'id',
      clientSecret: SECRET,
    });
    const all = await Promise.all(Array.from({ length: 25 }, () => auth.authorize()));
    expect(new Set(all)).toEqual(new Set(['Bearer at-1-abcdef']));
    expect(ts.seen).toHaveLength(1);
  });

  it('maps invalid_client to status 401 -> authentication error, without the secret', async () => {
    const ts = await tokenServer(() => [
      400,
      { error: 'invalid_client', error_description: `bad secret ${SECRET}` },
    ]);
    const auth = oauth2ClientCredentials({
      tokenUrl: ts.url,
      clientId: 'id',
      clientSecret: SECRET,
    });
    const err = (await auth.authorize().catch((e: unknown) => e)) as ApiCallError;
    expect(err).toBeInstanceOf(ApiCallError);
    expect(err).toMatchObject({
      status: 401,
      statusText: 'invalid_client',
      isRetryable: false,
      method: 'POST',
    });
    expect(JSON.stringify(err)).not.toContain(SECRET);
    expect(err.bodyExcerpt).toContain('[REDACTED]');
    expect(toJupiterOneError(err)).toBeInstanceOf(IntegrationProviderAuthenticationError);
  });

  it('reports a 5xx token endpoint as a retryable API error, never as bad credentials', async () => {
    const ts = await tokenServer(() => [503, { error: 'temporarily_unavailable' }]);
    const auth = oauth2ClientCredentials({
      tokenUrl: ts.url,
      clientId: 'id',
      clientSecret: SECRET,
    });
    const err = (await auth.authorize().catch((e: unknown) => e)) as ApiCallError;
    expect(err).toMatchObject({ status: 503, isRetryable: true });
    const mapped = toJupiterOneError(err);
    expect(mapped).toBeInstanceOf(IntegrationProviderAPIError);
    expect(mapped).not.toBeInstanceOf(IntegrationProviderAuthenticationError);
  });

  it('rejects a token response without access_token', async () => {
    const ts = await tokenServer(() => [200, { token_type: 'bearer' }]);
    const auth = oauth2ClientCredentials({
      tokenUrl: ts.url,
      clientId: 'id',
      clientSecret: SECRET,
    });
    await expect(auth.authorize()).rejects.toMatchObject({ kind: 'invalid_response' });
  });
});

describe('HttpClient with OAuth2', () => {
  it('re-authenticates once on 401 and succeeds with the new token', async () => {
    const ts = await tokenServer();
    const api = await startLoopback((r, res) =>
      r.headers.authorization === 'Bearer at-1-abcdef'
        ? json(res, 401, {})
        : json(res, 200, { ok: true }),
    );
    servers.push(api);
    const auth = oauth2ClientCredentials({
      tokenUrl: ts.url,
      clientId: 'id',
      clientSecret: SECRET,
    });
    const client = new HttpClient({ baseUrl: api.url, auth });
    expect((await client.getJson('x')).data).toEqual({ ok: true });
    expect(ts.seen).toHaveLength(2);
    expect(api.seen.map((s) => s.headers.authorization)).toEqual([
      'Bearer at-1-abcdef',
      'Bearer at-2-abcdef',
    ]);
    await client.close();
  });

  it('gives up after one re-authentication when the new token is rejected too', async () => {
    const ts = await tokenServer();
    const api = await startLoopback((_r, res) => json(res, 401, { detail: 'nope' }));
    servers.push(api);
    const auth = oauth2ClientCredentials({
      tokenUrl: ts.url,
      clientId: 'id',
      clientSecret: SECRET,
    });
    const client = new HttpClient({ baseUrl: api.url, auth });
    const err = (await client.getJson('x').catch((e: unknown) => e)) as ApiCallError;
    expect(err.status).toBe(401);
    expect(api.seen).toHaveLength(2);
    expect(ts.seen).toHaveLength(2);
    expect(toJupiterOneError(err)).toBeInstanceOf(IntegrationProviderAuthenticationError);
    await client.close();
  });

  it('retries a failing token endpoint through the client retry policy', async () => {
    const ts = await tokenServer((n) =>
      n === 1 ? [502, {}] : [200, { access_token: 'at-ok-123456', expires_in: 60 }],
    );
    const api = await startLoopback((_r, res) => json(res, 200, [1]));
    servers.push(api);
    const { sleep } = fakeSleep();
    const client = new HttpClient({
      baseUrl: api.url,
      auth: oauth2ClientCredentials({ tokenUrl: ts.url, clientId: 'i', clientSecret: SECRET }),
      sleep,
    });
    expect((await client.getJson('x')).data).toEqual([1]);
    expect(ts.seen).toHaveLength(2);
    await client.close();
  });
});
