#!/usr/bin/env node
/**
 * Standalone Esper simulator: `node dist/simulator/cli.js --devices 300`.
 * Prints the configuration (as .env lines) to point the integration at it.
 */
import { parseArgs } from 'node:util';
import { startEsperSimulator } from './index';

const HELP = `Usage: esper-simulator [options]
  --devices N            devices in the fleet (default 300)
  --apps-per-device N    installed apps per device (default 10)
  --groups N             device groups (default 12)
  --users N              users (default 20)
  --apple N              Apple devices, v2 only (default 0)
  --windows N            Windows devices, v2 only (default 0)
  --linux N              Linux devices, v2 only (default 0)
  --no-v2                a tenant without the v2 API (every /api/v2/ route answers 404)
  --seed S               fleet seed (default 1)
  --domain NAME          tenant name (default acme)
  --port N               port (default: random free port)
  --latency MS           added latency per response (default 0)
  --rate-limit N/SEC     server-side limit, e.g. 100/10 = 100 requests per 10 s (429 without headers)
  --retry-after          send Retry-After on 429
  --oauth                print the OAuth2 client-credentials configuration instead of the API key
  --help`;

function int(v: string | undefined, fallback: number): number {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`not a non-negative integer: ${v}`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      devices: { type: 'string' },
      'apps-per-device': { type: 'string' },
      groups: { type: 'string' },
      users: { type: 'string' },
      apple: { type: 'string' },
      windows: { type: 'string' },
      linux: { type: 'string' },
      'no-v2': { type: 'boolean' },
      seed: { type: 'string' },
      domain: { type: 'string' },
      port: { type: 'string' },
      latency: { type: 'string' },
      'rate-limit': { type: 'string' },
      'retry-after': { type: 'boolean' },
      oauth: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  let rateLimit;
  if (values['rate-limit']) {
    const m = /^(\d+)\/(\d+)$/.exec(values['rate-limit']);
    if (!m) throw new Error('--rate-limit must look like 100/10 (requests/seconds)');
    rateLimit = {
      windows: [{ name: 'server', limit: Number(m[1]), intervalMs: Number(m[2]) * 1000 }],
      retryAfter: values['retry-after'] === true,
    };
  }
  const sim = await startEsperSimulator({
    devices: int(values.devices, 300),
    appsPerDevice: int(values['apps-per-device'], 10),
    groups: int(values.groups, 12),
    users: int(values.users, 20),
    apple: int(values.apple, 0),
    windows: int(values.windows, 0),
    linux: int(values.linux, 0),
    v2Absent: values['no-v2'] === true,
    seed: values.seed ?? 1,
    domain: values.domain,
    port: int(values.port, 0),
    latencyMs: int(values.latency, 0),
    rateLimit,
  });
  const lines = [
    `DOMAIN=${sim.domain}`,
    `ENTERPRISE_ID=${sim.enterpriseId}`,
    `API_BASE_URL=${sim.url}`,
    ...(values.oauth
      ? [
          `CLIENT_ID=${sim.oauth.clientId}`,
          `CLIENT_SECRET=${sim.oauth.clientSecret}`,
          `TOKEN_URL=${sim.oauth.tokenUrl}`,
        ]
      : [`ACCESS_TOKEN=${sim.token}`]),
  ];
  console.log(
    `# Esper simulator listening on ${sim.url} (${sim.fleet.devices.length} devices). Ctrl-C to stop.`,
  );
  console.log('# Put these lines in packages/integration-esper/.env:');
  console.log(lines.join('\n'));
  const stop = () => {
    void sim.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
