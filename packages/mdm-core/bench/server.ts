import { Worker } from 'node:worker_threads';

/**
 * The benchmark's HTTP server runs in a worker thread so its event loop does
 * not compete with the client being measured. It tracks requests in flight
 * (max and time-weighted average) server-side.
 */
const SERVER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
let latency = workerData.latencyMs;
let inFlight = 0, max = 0, area = 0, last = 0, first = 0, total = 0;
const mark = () => { const now = performance.now(); if (first) area += inFlight * (now - last); else first = now; last = now; };
const body = JSON.stringify({ device_id: '6a7a1f0e-1b2c-4d5e-8f90-0123456789ab', device_name: 'MacBook Pro', serial_number: 'C02ABCDEFGH', platform: 'Mac', os_version: '14.5', user: { id: 'u1', email: 'a@b.c' } });
const server = http.createServer((req, res) => {
  mark(); inFlight++; total++; if (inFlight > max) max = inFlight;
  const done = () => { res.writeHead(200, { 'content-type': 'application/json', 'ratelimit-remaining': '99999', 'ratelimit-reset': '1' }); res.end(body); mark(); inFlight--; };
  if (latency > 0) setTimeout(done, latency); else done();
});
server.keepAliveTimeout = 60000;
server.listen(0, '127.0.0.1', () => parentPort.postMessage({ type: 'ready', port: server.address().port }));
parentPort.on('message', (m) => {
  if (m.type === 'reset') { inFlight = 0; max = 0; area = 0; last = 0; first = 0; total = 0; latency = m.latencyMs; parentPort.postMessage({ type: 'ok' }); }
  if (m.type === 'stats') parentPort.postMessage({ type: 'stats', max, avg: last > first ? area / (last - first) : 0, total });
  if (m.type === 'close') server.close(() => process.exit(0));
});
`;

export interface InFlightStats {
  max: number;
  avg: number;
  total: number;
}

export interface BenchServer {
  url: string;
  reset(latencyMs: number): Promise<void>;
  stats(): Promise<InFlightStats>;
  close(): Promise<void>;
}

export async function startBenchServer(latencyMs = 0): Promise<BenchServer> {
  const worker = new Worker(SERVER_SOURCE, { eval: true, workerData: { latencyMs } });
  const next = <T>(type: string): Promise<T> =>
    new Promise((resolve) => {
      const on = (m: { type: string } & T) => {
        if (m.type !== type) return;
        worker.off('message', on);
        resolve(m);
      };
      worker.on('message', on);
    });
  const { port } = await next<{ port: number }>('ready');
  return {
    url: `http://127.0.0.1:${port}`,
    reset: async (ms) => {
      const ok = next('ok');
      worker.postMessage({ type: 'reset', latencyMs: ms });
      await ok;
    },
    stats: async () => {
      const s = next<InFlightStats>('stats');
      worker.postMessage({ type: 'stats' });
      return s;
    },
    close: async () => {
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      worker.postMessage({ type: 'close' });
      await exited;
    },
  };
}
