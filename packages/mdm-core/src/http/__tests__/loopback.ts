import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { type AddressInfo } from 'node:net';

export interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** Client socket port: the same value across requests means a reused keep-alive connection. */
  clientPort: number;
}

export type Handler = (req: Seen, res: ServerResponse, n: number) => void | Promise<void>;

export interface Loopback {
  url: string;
  seen: Seen[];
  inFlightMax: number;
  close(): Promise<void>;
}

/** A real HTTP server on 127.0.0.1:<random port> for client tests. */
export async function startLoopback(handler: Handler): Promise<Loopback> {
  const seen: Seen[] = [];
  let inFlight = 0;
  const state = { inFlightMax: 0 };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const s: Seen = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
        clientPort: req.socket.remotePort ?? 0,
      };
      seen.push(s);
      inFlight += 1;
      state.inFlightMax = Math.max(state.inFlightMax, inFlight);
      res.on('close', () => (inFlight -= 1));
      Promise.resolve(handler(s, res, seen.length)).catch((err: unknown) => {
        res.statusCode = 599;
        res.end(String(err));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    get inFlightMax() {
      return state.inFlightMax;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** Records requested delays instead of waiting. */
export function fakeSleep(): { delays: number[]; sleep: (ms: number) => Promise<void> } {
  const delays: number[] = [];
  return { delays, sleep: (ms: number) => (delays.push(ms), Promise.resolve()) };
}
