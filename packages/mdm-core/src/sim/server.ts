import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';
import { FaultPlan } from './faults';
import { SeededRandom } from './random';
import { corruptJson, prepare, send, sendPartial, type Prepared } from './respond';
import { compileRoutes, matchRoute } from './router';
import { ServerRateLimiter } from './server-rate-limit';
import { SimStatsRecorder } from './stats';
import {
  type Latency,
  type SimFault,
  type SimRequest,
  type SimResponse,
  type SimServer,
  type SimServerOptions,
} from './types';

const MAX_BODY_BYTES = 10 * 1024 * 1024;
const UNMATCHED = '(unmatched)';

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function checkLatency(latency: Latency): Latency {
  const ok =
    typeof latency === 'number' ? latency >= 0 : latency.min >= 0 && latency.max >= latency.min;
  if (!ok) throw new RangeError(`invalid latency ${JSON.stringify(latency)}`);
  return latency;
}

/** The client went away (timeout, abort) or the server is closing. */
function gone(res: ServerResponse): boolean {
  return res.destroyed || !res.socket || res.socket.destroyed;
}

/**
 * A vendor API simulator on a loopback port: routes with `:params`, latency, clock-aligned multi-window rate
 * limits answering 429 with vendor headers, an `authorize` hook, injectable faults, and per-route statistics.
 */
export async function startSimServer(opts: SimServerOptions): Promise<SimServer> {
  const rng = new SeededRandom(opts.seed ?? 'sim');
  const latencyRng = rng.derive('latency');
  const routes = compileRoutes(opts.routes);
  const faults = new FaultPlan(opts.faults ?? [], rng.derive('faults'));
  const limiter = opts.rateLimit ? new ServerRateLimiter(opts.rateLimit, opts.now) : undefined;
  const stats = new SimStatsRecorder();
  let latency = checkLatency(opts.latencyMs ?? 0);
  const pending = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();
  let publicBaseUrl = '';
  let closing: Promise<void> | undefined;

  // Sleeps end early when the server closes, so no handler hangs on a timer.
  function sleep(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const entry = {
        resolve,
        timer: setTimeout(() => {
          pending.delete(entry);
          resolve();
        }, ms),
      };
      pending.add(entry);
    });
  }

  function latencyMs(): number {
    return typeof latency === 'number' ? latency : latencyRng.int(latency.min, latency.max);
  }

  /** Resolves true when the response was delivered, false when the client gave up first. */
  async function slowSend(res: ServerResponse, p: Prepared, fault: SimFault): Promise<boolean> {
    const delay = fault.delayMs ?? 30_000;
    if (fault.slowPhase === 'body') {
      if (gone(res)) return false;
      res.writeHead(p.status, { ...p.headers, 'content-length': String(p.body.length) });
      res.flushHeaders();
      await sleep(delay);
      if (gone(res)) return false;
      res.end(p.body);
      return true;
    }
    await sleep(delay);
    if (gone(res)) return false;
    send(res, p);
    return true;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const requestId = `${method} ${req.url ?? '/'}`;
    const url = new URL(req.url ?? '/', 'http://sim.invalid');
    stats.arrive(requestId);
    let routeName = UNMATCHED;
    let statusKey = 'none';
    let failed = false;
    try {
      const body = await readBody(req);
      const match = matchRoute(routes, method, url.pathname);
      const route = match && 'route' in match ? match.route : undefined;
      if (route) routeName = route.name;
      const matchedName = routeName;
      const simReq: SimRequest = {
        method,
        path: url.pathname,
        params: match && 'params' in match ? match.params : {},
        query: url.searchParams,
        headers: req.headers,
        body,
        baseUrl: publicBaseUrl,
        route: matchedName,
        markEmptyPage: () => stats.emptyPage(matchedName),
      };
      await sleep(latencyMs());

      let baseHeaders: Record<string, string> = { ...opts.defaultHeaders };
      let response: SimResponse | undefined = opts.authorize?.(simReq);
      if (!response && limiter) {
        const decision = limiter.take();
        baseHeaders = { ...baseHeaders, ...opts.rateLimit?.headers?.(decision.state) };
        if (!decision.allowed) {
          const retryAfter = Math.max(1, Math.ceil((decision.retryAfterMs ?? 1000) / 1000));
          response = {
            status: 429,
            json: opts.rateLimit?.body ?? { message: 'API rate limit exceeded' },
            headers: opts.rateLimit?.retryAfter ? { 'retry-after': String(retryAfter) } : {},
          };
        }
      }
      if (!response && !route) {
        response = match
          ? { status: 405, json: { detail: `Method "${method}" not allowed.` } }
          : (opts.notFound ?? { status: 404, json: { detail: 'Not found.' } });
      }

      const fault = !response && route ? faults.pick(route.name, route.route.path) : undefined;
      if (fault) stats.fault(fault.kind);
      if (fault?.kind === 'status') {
        response = {
          status: fault.status ?? 503,
          json: { detail: 'Service temporarily unavailable.' },
          headers: fault.headers,
        };
      }
      if (!response && route) {
        try {
          response = await route.route.handler(simReq);
        } catch (err) {
          // A handler bug shows up as a 500 the test can see, not as a hung request.
          response = {
            status: 500,
            json: { detail: err instanceof Error ? err.message : String(err) },
          };
        }
      }
      const prepared = prepare(response ?? { status: 500 }, baseHeaders);
      if (fault?.headers && fault.kind !== 'status') Object.assign(prepared.headers, fault.headers);

      statusKey = String(prepared.status);
      switch (fault?.kind) {
        case 'reset':
        case 'truncated':
          statusKey = fault.kind;
          failed = true;
          sendPartial(res, prepared, fault.kind);
          break;
        case 'malformed':
          failed = true;
          send(res, corruptJson(prepared));
          statusKey = '200';
          break;
        case 'slow':
          failed = !(await slowSend(res, prepared, fault));
          if (failed) statusKey = 'abandoned';
          break;
        default:
          send(res, prepared);
      }
    } catch (err) {
      failed = true;
      statusKey = '500';
      if (!res.headersSent && !res.destroyed) {
        send(
          res,
          prepare(
            { status: 500, json: { detail: err instanceof Error ? err.message : String(err) } },
            {},
          ),
        );
      }
    } finally {
      stats.finish(requestId, routeName, statusKey, failed);
    }
  }

  const server = createServer((req, res) => void handle(req, res));
  server.on('connection', (socket) => socket.once('close', stats.connection()));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  publicBaseUrl = (opts.publicBaseUrl ?? url).replace(/\/+$/, '');

  return {
    url,
    publicBaseUrl,
    stats: () => stats.snapshot(),
    resetStats: () => stats.reset(),
    setFaults: (f) => faults.set(f),
    setLatency: (l) => {
      latency = checkLatency(l);
    },
    markEmptyPage: (route) => stats.emptyPage(route),
    close: () => {
      closing ??= new Promise<void>((resolve, reject) => {
        for (const p of pending) {
          clearTimeout(p.timer);
          p.resolve();
        }
        pending.clear();
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
