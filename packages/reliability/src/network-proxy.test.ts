import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanGraph, graphMismatch, startTenant } from './matrix/harness';
import { matrixIntegrations } from './sims';
import { esperOAuthEnv } from './vendors/esper';

/** A CONNECT proxy on loopback that records the tunnels it opened. */
let proxy: Server;
let proxyUrl: string;
const tunnels: string[] = [];

beforeAll(async () => {
  const sockets = new Set<Socket>();
  proxy = createServer((_req, res) => res.writeHead(405).end());
  proxy.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  proxy.on('connect', (req, client: Socket, head: Buffer) => {
    const target = req.url ?? '';
    tunnels.push(target);
    const port = Number(target.split(':').pop());
    const upstream = connect(port, target.replace(/:\d+$/, ''), () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  proxy.on('close', () => sockets.forEach((s) => s.destroy()));
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});

afterAll(async () => {
  proxy.closeAllConnections();
  await new Promise((resolve) => proxy.close(resolve));
});

/** Runs fn with proxy variables set in the process environment (where the integrations read them). */
async function withEnv<T>(vars: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  try {
    return await fn();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

describe('a whole collection behind a proxy (HTTP_PROXY / NO_PROXY from the environment)', () => {
  // Every registered integration with its simulator's own configuration, and Esper with OAuth2
  // client credentials (its token endpoint is reached through the proxy too).
  for (const { integration, oauth } of [
    ...matrixIntegrations().map((i) => ({ integration: i.id, oauth: false })),
    { integration: 'esper', oauth: true },
  ]) {
    it(`${integration}${oauth ? ' (OAuth2)' : ''}: every connection goes through the proxy; NO_PROXY bypasses it`, async () => {
      const expected = await cleanGraph(integration);
      const tenant = await startTenant(integration, oauth ? { env: esperOAuthEnv } : {});
      try {
        const host = new URL(tenant.apiBase).host;
        const before = tunnels.length;
        const proxied = await withEnv({ HTTP_PROXY: proxyUrl, NO_PROXY: '' }, () =>
          tenant.run('proxied'),
        );
        expect(proxied.result.ok).toBe(true);
        expect(graphMismatch(expected, proxied)).toBe('');
        const opened = tunnels.slice(before);
        expect(opened.length).toBeGreaterThan(0);
        expect(new Set(opened)).toEqual(new Set([host]));
        expect(proxied.log).toContain(`through proxy ${proxyUrl}`);

        const bypass = tunnels.length;
        const direct = await withEnv({ HTTP_PROXY: proxyUrl, NO_PROXY: '127.0.0.1' }, () =>
          tenant.run('no-proxy'),
        );
        expect(direct.result.ok).toBe(true);
        expect(tunnels.length).toBe(bypass);
      } finally {
        await tenant.close();
      }
    }, 30_000);
  }
});
