import { createServer, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProxiedRequest {
  method: string;
  /** Path without the query, e.g. /api/v1/users */
  path: string;
  query: URLSearchParams;
  /** Origin of the proxy, e.g. http://127.0.0.1:PORT (what the integration is configured with). */
  proxyOrigin: string;
}

/** Returns the body to send instead, or undefined to pass the upstream body through. */
export type JsonRewrite = (req: ProxiedRequest, body: unknown) => unknown;

/** A response the proxy sends itself, without asking the upstream. */
export interface InterceptedResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface ProxyHooks {
  /** Answer a request without forwarding it (rate-limit emulation, auth faults...). */
  intercept?: (
    req: ProxiedRequest & { headers: IncomingHttpHeaders },
  ) => InterceptedResponse | undefined;
  /** Rewrite a successful JSON response. */
  rewrite?: JsonRewrite;
  /** Extra headers on every forwarded response (e.g. emulated rate-limit headers). */
  responseHeaders?: (req: ProxiedRequest) => Record<string, string>;
}

export interface RewritingProxy {
  url: string;
  /** Requests seen, by path. */
  seen: { method: string; path: string; query: string }[];
  close(): Promise<void>;
}

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-length',
  'host',
]);

function forwardHeaders(h: IncomingHttpHeaders): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined && !HOP_BY_HOP.has(k)) out[k] = v;
  return out;
}

/**
 * A loopback proxy in front of a vendor simulator that can rewrite JSON
 * responses: the knob for payload faults a simulator does not model itself
 * (a record repeated on the next page, a `next` URL pointing back to an earlier
 * page or to a foreign host). Everything else passes through unchanged.
 */
export async function startRewritingProxy(
  upstream: string,
  hooks: ProxyHooks,
): Promise<RewritingProxy> {
  const target = new URL(upstream);
  const seen: RewritingProxy['seen'] = [];
  let origin = '';
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', origin);
    seen.push({ method: req.method ?? 'GET', path: url.pathname, query: url.search });
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const intercepted = hooks.intercept?.({
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        proxyOrigin: origin,
        headers: req.headers,
      });
      if (intercepted) {
        const payload = Buffer.from(
          typeof intercepted.body === 'string'
            ? intercepted.body
            : JSON.stringify(intercepted.body ?? {}),
        );
        res.writeHead(intercepted.status, {
          'content-type': 'application/json',
          ...intercepted.headers,
          'content-length': String(payload.length),
        });
        res.end(payload);
        return;
      }
      const up = httpRequest(
        {
          host: target.hostname,
          port: target.port,
          method: req.method,
          path: req.url,
          headers: { ...forwardHeaders(req.headers), host: target.host },
        },
        (upRes) => {
          const body: Buffer[] = [];
          upRes.on('data', (c: Buffer) => body.push(c));
          upRes.on('error', () => res.destroy());
          upRes.on('end', () => {
            let payload = Buffer.concat(body);
            const type = String(upRes.headers['content-type'] ?? '');
            if (type.includes('json') && (upRes.statusCode ?? 0) < 300) {
              try {
                const parsed = JSON.parse(payload.toString('utf8')) as unknown;
                const replaced = hooks.rewrite?.(
                  {
                    method: req.method ?? 'GET',
                    path: url.pathname,
                    query: url.searchParams,
                    proxyOrigin: origin,
                  },
                  parsed,
                );
                if (replaced !== undefined) payload = Buffer.from(JSON.stringify(replaced));
              } catch {
                // not JSON after all (an injected fault): pass it through untouched
              }
            }
            res.writeHead(upRes.statusCode ?? 502, {
              ...forwardHeaders(upRes.headers),
              ...hooks.responseHeaders?.({
                method: req.method ?? 'GET',
                path: url.pathname,
                query: url.searchParams,
                proxyOrigin: origin,
              }),
              'content-length': String(payload.length),
            });
            res.end(payload);
          });
        },
      );
      up.on('error', () => res.destroy());
      up.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: origin,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
