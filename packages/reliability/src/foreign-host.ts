import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A second loopback server standing in for a host the vendor should never
 * make us call (a hostile or misconfigured `next` URL). It answers every
 * request with a plausible empty page and records it, so a test can assert
 * that it received nothing. It listens on 127.0.0.2 (another host than the
 * simulator's 127.0.0.1, not just another port) when the OS allows it.
 */
export interface ForeignHost {
  /** Origin, e.g. http://127.0.0.2:41234 */
  url: string;
  requests: { method: string; url: string; authorization?: string }[];
  close(): Promise<void>;
}

async function listen(
  host: string,
): Promise<{ server: ReturnType<typeof createServer>; url: string }> {
  const requests: ForeignHost['requests'] = [];
  const server = createServer((req: IncomingMessage, res) => {
    requests.push({
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      authorization:
        typeof req.headers.authorization === 'string' ? req.headers.authorization : undefined,
    });
    req.resume();
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ count: 0, next: null, previous: null, results: [], data: [] }));
  });
  Object.assign(server, { requests });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://${host}:${port}` };
}

export async function startForeignHost(): Promise<ForeignHost> {
  let started: Awaited<ReturnType<typeof listen>>;
  try {
    started = await listen('127.0.0.2');
  } catch {
    started = await listen('127.0.0.1'); // some sandboxes only route 127.0.0.1
  }
  const { server, url } = started;
  return {
    url,
    requests: (server as unknown as { requests: ForeignHost['requests'] }).requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
