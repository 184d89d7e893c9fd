import { type ServerResponse } from 'node:http';
import { type SimFault, type SimResponse } from './types';

export interface Prepared {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** A handler's SimResponse -> status, headers and bytes; JSON gets its content-type. */
export function prepare(response: SimResponse, baseHeaders: Record<string, string>): Prepared {
  const headers: Record<string, string> = { ...baseHeaders };
  let body: Buffer;
  if (response.json !== undefined) {
    body = Buffer.from(JSON.stringify(response.json));
    headers['content-type'] = 'application/json';
  } else if (response.body !== undefined) {
    body = Buffer.isBuffer(response.body) ? response.body : Buffer.from(response.body);
    headers['content-type'] ??= 'text/plain; charset=utf-8';
  } else {
    body = Buffer.alloc(0);
  }
  Object.assign(headers, response.headers);
  return { status: response.status ?? 200, headers, body };
}

function writeHead(res: ServerResponse, p: Prepared, contentLength: number): void {
  res.writeHead(p.status, { ...p.headers, 'content-length': String(contentLength) });
}

/** Sends a prepared response normally. */
export function send(res: ServerResponse, p: Prepared): void {
  if (res.destroyed) return;
  writeHead(res, p, p.body.length);
  res.end(p.body);
}

/** Cuts a JSON document so it no longer parses, keeping a 200 and a correct content-length. */
export function corruptJson(p: Prepared): Prepared {
  const text =
    p.body.length > 1 ? p.body.subarray(0, Math.ceil(p.body.length / 2)).toString() : '{"detail": ';
  return { ...p, status: 200, body: Buffer.from(`${text}<!-- upstream error -->`) };
}

/**
 * Response head and the first half of the body, then the connection goes away: abruptly (RST, 'reset') or
 * with a clean FIN before the announced content-length was reached ('truncated').
 */
export function sendPartial(
  res: ServerResponse,
  p: Prepared,
  kind: Extract<SimFault['kind'], 'reset' | 'truncated'>,
): void {
  if (res.destroyed) return;
  // Announce at least one byte more than is ever sent, so even an empty body is cut short.
  const announced = Math.max(p.body.length, 2);
  writeHead(res, p, announced);
  const half = p.body.subarray(0, Math.floor(p.body.length / 2));
  res.write(half, () => {
    const socket = res.socket;
    if (!socket) return;
    if (kind === 'reset') socket.resetAndDestroy();
    else socket.end();
  });
}
