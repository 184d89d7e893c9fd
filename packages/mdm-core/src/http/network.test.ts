import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerAuth } from './auth';
import { HttpClient } from './client';
import {
  checkNetwork,
  createDispatcher,
  describeNetwork,
  extraCaCertificates,
  pemCertificates,
} from './dispatcher';
import { isApiCallError } from './errors';
import { oauth2ClientCredentials } from './oauth2';
import { startLoopback, type Loopback } from './__tests__/loopback';
import {
  createPrivateCa,
  startProxy,
  startTlsServer,
  type PrivateCa,
  type TestProxy,
  type TestServer,
} from './__tests__/network';

let ca: PrivateCa;
let tls: TestServer;
let proxy: TestProxy;
let plain: Loopback;

beforeAll(async () => {
  ca = await createPrivateCa();
  tls = await startTlsServer(ca, { hello: 'tls' });
  proxy = await startProxy();
  plain = await startLoopback((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url.startsWith('/token')) {
      res.end(JSON.stringify({ access_token: 'tok-abcdefgh', expires_in: 3600 }));
    } else res.end(JSON.stringify({ hello: 'plain' }));
  });
});

afterAll(async () => {
  await Promise.all([tls.close(), proxy.close(), plain.close()]);
});

function client(baseUrl: string, network: ConstructorParameters<typeof HttpClient>[0]['network']) {
  return new HttpClient({
    baseUrl,
    auth: bearerAuth('secret-token-123'),
    network,
    retry: { maxRetries: 0 },
  });
}

async function get(baseUrl: string, network: Parameters<typeof client>[1]): Promise<unknown> {
  const c = client(baseUrl, network);
  try {
    return (await c.getJson('ping')).data;
  } finally {
    await c.close();
  }
}

describe('private CA (TLS-inspecting proxies, internal gateways)', () => {
  it('rejects a server certificate from an untrusted CA', async () => {
    const before = tls.requests;
    const err: unknown = await get(tls.url, { env: {} }).catch((e: unknown) => e);
    expect(isApiCallError(err)).toBe(true);
    expect((err as Error).message).toMatch(/certificate|self.signed|issuer/i);
    expect(tls.requests).toBe(before);
  });

  it('trusts the CA given as PEM in the configuration', async () => {
    const before = tls.requests;
    await expect(get(tls.url, { env: {}, caCertificates: ca.caPem })).resolves.toEqual({
      hello: 'tls',
    });
    expect(tls.requests).toBe(before + 1);
  });

  it('trusts the CA from the NODE_EXTRA_CA_CERTS file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mdm-ca-'));
    const file = join(dir, 'ca.pem');
    writeFileSync(file, `# corporate bundle\n${ca.caPem}`);
    await expect(get(tls.url, { env: { NODE_EXTRA_CA_CERTS: file } })).resolves.toEqual({
      hello: 'tls',
    });
  });

  it('refuses a CA setting without any certificate, and an unreadable NODE_EXTRA_CA_CERTS', () => {
    expect(() => extraCaCertificates({ caCertificates: 'not a pem', env: {} })).toThrow(
      /caCertificates must contain at least one PEM certificate/,
    );
    expect(() =>
      extraCaCertificates({ env: { NODE_EXTRA_CA_CERTS: '/nonexistent/ca.pem' } }),
    ).toThrow(/NODE_EXTRA_CA_CERTS .*\/nonexistent\/ca\.pem.*ENOENT/);
    expect(pemCertificates(`${ca.caPem}\n${ca.certPem}`)).toHaveLength(2);
  });
});

describe('proxy from the environment', () => {
  it('tunnels https through HTTPS_PROXY with CONNECT and still checks the target certificate', async () => {
    const tunnels = proxy.tunnels.length;
    const c = client(tls.url, { env: { HTTPS_PROXY: proxy.url }, caCertificates: ca.caPem });
    try {
      for (let i = 0; i < 3; i++) await c.getJson('ping');
    } finally {
      await c.close();
    }
    const opened = proxy.tunnels.slice(tunnels);
    expect(opened.length).toBeGreaterThanOrEqual(1);
    expect(opened.every((t) => t === `localhost:${new URL(tls.url).port}`)).toBe(true);

    // Through the same proxy, an untrusted certificate is still refused.
    const err: unknown = await get(tls.url, { env: { https_proxy: proxy.url } }).catch(
      (e: unknown) => e,
    );
    expect((err as Error).message).toMatch(/certificate|self.signed|issuer/i);
  });

  it('sends http through HTTP_PROXY (lower case too), every request counted at the proxy', async () => {
    for (const name of ['HTTP_PROXY', 'http_proxy']) {
      const before = proxy.requests;
      const served = plain.seen.length;
      const c = client(plain.url, { env: { [name]: proxy.url } });
      try {
        await c.getJson('a');
        await c.getJson('b');
      } finally {
        await c.close();
      }
      expect(proxy.requests).toBeGreaterThan(before);
      expect(plain.seen.length).toBe(served + 2);
    }
  });

  it('bypasses the proxy for NO_PROXY hosts (either case) and without proxy variables', async () => {
    for (const env of [
      { HTTPS_PROXY: proxy.url, NO_PROXY: 'localhost' },
      { https_proxy: proxy.url, no_proxy: 'example.com, localhost' },
      { HTTPS_PROXY: proxy.url, NO_PROXY: '*' },
      {},
    ]) {
      const before = proxy.requests;
      await expect(get(tls.url, { env, caCertificates: ca.caPem })).resolves.toEqual({
        hello: 'tls',
      });
      expect(proxy.requests, JSON.stringify(env)).toBe(before);
    }
  });

  it('lower-case variables win over upper case, as in curl and undici', () => {
    expect(
      describeNetwork({
        env: {
          HTTPS_PROXY: 'http://upper:3128',
          https_proxy: 'http://user:pw@lower:3128',
          NO_PROXY: 'a',
          no_proxy: 'b',
        },
      }),
    ).toEqual({
      httpsProxy: 'http://lower:3128',
      httpProxy: undefined,
      noProxy: 'b',
      extraCaCertificates: 0,
    });
    // HTTPS_PROXY falls back to HTTP_PROXY.
    expect(describeNetwork({ env: { HTTP_PROXY: 'http://p:8080' } }).httpsProxy).toBe(
      'http://p:8080',
    );
  });

  it('sends the OAuth2 token request through the proxy as well', async () => {
    const before = proxy.requests;
    const auth = oauth2ClientCredentials({
      tokenUrl: `${plain.url}/token`,
      clientId: 'id',
      clientSecret: 'client-secret-xyz',
      network: { env: { HTTP_PROXY: proxy.url } },
    });
    await expect(auth.authorize()).resolves.toBe('Bearer tok-abcdefgh');
    expect(proxy.requests).toBe(before + 1);
  });

  it('does not read process.env behind an injected environment', async () => {
    const saved = process.env.HTTPS_PROXY;
    process.env.HTTPS_PROXY = 'http://127.0.0.1:9';
    try {
      const d = createDispatcher({ env: {}, caCertificates: ca.caPem });
      const c = new HttpClient({ baseUrl: tls.url, auth: bearerAuth('t0ken-123'), dispatcher: d });
      await expect(c.getJson('ping')).resolves.toMatchObject({ data: { hello: 'tls' } });
      await d.close();
    } finally {
      if (saved === undefined) delete process.env.HTTPS_PROXY;
      else process.env.HTTPS_PROXY = saved;
    }
  });
});

describe('https is mandatory except loopback', () => {
  it('refuses http to a remote host for API and token URLs', () => {
    expect(() => client('http://acme.api.kandji.io/api/v1', {})).toThrow(
      /baseUrl must use https .*loopback/,
    );
    expect(() =>
      oauth2ClientCredentials({
        tokenUrl: 'http://login.example.com/token',
        clientId: 'a',
        clientSecret: 'b',
      }),
    ).toThrow(/tokenUrl must use https/);
    expect(() => client('http://127.0.0.1:1/api', {})).not.toThrow();
    expect(() => client('http://localhost:1/api', {})).not.toThrow();
    expect(() => client('http://[::1]:1/api', {})).not.toThrow();
  });
});

describe('checkNetwork', () => {
  it('logs the proxy (without credentials) and the CA count, or returns the CA problem', () => {
    const lines: string[] = [];
    const logger = { info: (_f: object, msg: string) => void lines.push(msg) };
    expect(
      checkNetwork(logger, {
        env: { HTTPS_PROXY: 'http://user:s3cret-pw@proxy.internal:3128', NO_PROXY: '.corp' },
        caCertificates: ca.caPem,
      }),
    ).toBeUndefined();
    expect(lines).toEqual([
      'Network: https through proxy http://proxy.internal:3128, NO_PROXY .corp; 1 extra CA certificate(s) trusted',
    ]);
    expect(checkNetwork(logger, { env: { NODE_EXTRA_CA_CERTS: '/nope.pem' } })).toMatch(
      /NODE_EXTRA_CA_CERTS names a file that cannot be read/,
    );
  });
});
