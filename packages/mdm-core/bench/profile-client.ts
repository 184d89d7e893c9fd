/**
 * Where the full client's time goes (not a test): `node --cpu-prof --import tsx bench/profile-client.ts [requests]`
 * runs only the full-client loop of bench/run.ts against the bench server, for a CPU profile.
 */
import { z } from 'zod';
import { bearerAuth, HttpClient } from '../src';
import { startBenchServer } from './server';

const Device = z.object({
  device_id: z.string(),
  device_name: z.string(),
  serial_number: z.string().nullish(),
  platform: z.string().nullish(),
  user: z.object({ id: z.string(), email: z.string().nullish() }).nullish(),
});

async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 20_000);
  const server = await startBenchServer(0);
  const client = new HttpClient({
    baseUrl: `${server.url}/api/v1`,
    auth: bearerAuth('bench-token-123'),
    maxConcurrency: 8,
    rateLimit: {
      windows: [
        { name: 'second', limit: 100_000, intervalMs: 1_000 },
        { name: 'hour', limit: 1_000_000, intervalMs: 3_600_000 },
      ],
    },
  });
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next++ < n) await client.getJson('devices/1', { schema: Device });
    }),
  );
  console.log(`${n} requests in ${Math.round(performance.now() - start)} ms`);
  await client.close();
  await server.close();
}

void main();
