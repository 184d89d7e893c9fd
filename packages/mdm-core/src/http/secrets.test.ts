import { inspect } from 'node:util';
import { MockAgent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../log';
import { bearerAuth } from './auth';
import { HttpClient } from './client';
import { type ApiCallError } from './errors';
import { oauth2ClientCredentials } from './oauth2';
import { toJupiterOneError } from './to-jupiterone-error';
import { fakeSleep, json, startLoopback, type Loopback } from './__tests__/loopback';

const TOKEN = 'kandji-api-token-0f9e8d7c';
const CLIENT_SECRET = 'oauth-client-secret-77aa';
let servers: Loopback[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

function everyRendering(err: unknown, logText: string): string {
  const mapped = toJupiterOneError(err);
  return [
    String(err),
    (err as Error).stack ?? '',
    JSON.stringify(err),
    inspect(err, { depth: 20, showHidden: true }),
    String(mapped),
    mapped.stack ?? '',
    JSON.stringify(mapped),
    inspect(mapped, { depth: 20, showHidden: true }),
    logText,
  ].join('\n');
}

describe('secrets never leak', () => {
  it('bearer token echoed by the server (body, URL) is redacted in errors, causes and logs', async () => {
    const api = await startLoopback((r, res) =>
      json(res, 500, { echo: r.headers.authorization, hint: `retry with token=${TOKEN}` }),
    );
    servers.push(api);
    const logger = createMemoryLogger();
    const client = new HttpClient({
      baseUrl: api.url,
      auth: bearerAuth(TOKEN),
      logger,
      sleep: fakeSleep().sleep,
      retry: { maxRetries: 2 },
    });
    const err = await client.getJson(`devices?token=${TOKEN}`).catch((e: unknown) => e);
    expect((err as ApiCallError).bodyExcerpt).toContain('[REDACTED]');
    expect(logger.lines.length).toBe(2);
    const all = everyRendering(err, logger.text());
    expect(all).not.toContain(TOKEN);
    await client.close();
  });

  it('transport errors carrying headers are scrubbed from the cause chain', async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    const leaky = Object.assign(new Error(`socket hang up while sending Bearer ${TOKEN}`), {
      code: 'ECONNRESET',
      headers: { authorization: `Bearer ${TOKEN}` },
      cause: Object.assign(new Error('inner'), {
        request: { headers: [`authorization: Bearer ${TOKEN}`] },
      }),
    });
    agent
      .get('https://acme.api.kandji.io')
      .intercept({ path: '/api/v1/devices' })
      .replyWithError(leaky)
      .times(3);
    const logger = createMemoryLogger();
    const client = new HttpClient({
      baseUrl: 'https://acme.api.kandji.io/api/v1',
      auth: bearerAuth(TOKEN),
      dispatcher: agent,
      logger,
      sleep: fakeSleep().sleep,
      retry: { maxRetries: 2 },
    });
    const err = (await client.getJson('devices').catch((e: unknown) => e)) as ApiCallError;
    expect(err.kind).toBe('connection');
    expect((err.cause as Error).message).toContain('socket hang up');
    const all = everyRendering(err, logger.text());
    expect(all).not.toContain(TOKEN);
    expect(all).toContain('ECONNRESET');
    await agent.close();
  });

  it('OAuth2 client secret and access tokens never appear in errors or logs', async () => {
    const ts = await startLoopback((r, res) =>
      json(res, 200, { access_token: 'at-live-5566778899', expires_in: 3600, echo: r.body }),
    );
    const api = await startLoopback((r, res) =>
      json(res, 403, { detail: `forbidden for ${r.headers.authorization}` }),
    );
    servers.push(ts, api);
    const logger = createMemoryLogger();
    const auth = oauth2ClientCredentials({
      tokenUrl: ts.url,
      clientId: 'cid',
      clientSecret: CLIENT_SECRET,
      clientAuthentication: 'body',
      logger,
    });
    const client = new HttpClient({ baseUrl: api.url, auth, logger });
    const err = await client.getJson('x').catch((e: unknown) => e);
    expect((err as ApiCallError).status).toBe(403);
    const all = everyRendering(err, logger.text());
    expect(all).not.toContain(CLIENT_SECRET);
    expect(all).not.toContain('at-live-5566778899');
    expect(all).toContain('[REDACTED]');
    await client.close();
  });
});
