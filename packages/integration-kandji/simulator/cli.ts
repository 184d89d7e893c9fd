#!/usr/bin/env node
/**
 * Standalone Kandji simulator:
 *   node dist/simulator/cli.js --devices 300 --apps 40 --port 0 [--latency 50] [--seed x] [--no-rate-limit]
 *     [--deny prism,users] [--no-prism] [--no-vulnerability-management] [--no-edr]
 * Prints the API URL and token to configure (API_URL, ACCESS_TOKEN) and serves until interrupted.
 */
import { parseArgs } from 'node:util';
import { KANDJI_PERMISSIONS, type KandjiPermission } from './permissions';
import { startKandjiSimulator } from './server';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      devices: { type: 'string', default: '100' },
      apps: { type: 'string', default: '20' },
      port: { type: 'string', default: '0' },
      host: { type: 'string', default: '127.0.0.1' },
      latency: { type: 'string', default: '0' },
      seed: { type: 'string', default: 'kandji' },
      token: { type: 'string' },
      deny: { type: 'string', default: '' },
      'no-prism': { type: 'boolean', default: false },
      'no-vulnerability-management': { type: 'boolean', default: false },
      'no-edr': { type: 'boolean', default: false },
      'no-rate-limit': { type: 'boolean', default: false },
      'per-second': { type: 'string', default: '50' },
      'per-hour': { type: 'string', default: '10000' },
    },
  });
  const num = (name: string, v: string | undefined): number => {
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a non-negative number`);
    return n;
  };
  const denied = (values.deny ?? '').split(',').filter(Boolean);
  for (const p of denied) {
    if (!(KANDJI_PERMISSIONS as readonly string[]).includes(p))
      throw new Error(
        `--deny: unknown permission "${p}" (known: ${KANDJI_PERMISSIONS.join(', ')})`,
      );
  }
  const sim = await startKandjiSimulator({
    devices: num('devices', values.devices),
    appsPerDevice: num('apps', values.apps),
    port: num('port', values.port),
    host: values.host,
    latencyMs: num('latency', values.latency),
    seed: values.seed,
    token: values.token,
    deniedPermissions: denied as KandjiPermission[],
    prismAvailable: !values['no-prism'],
    vulnerabilityManagement: !values['no-vulnerability-management'],
    edr: !values['no-edr'],
    rateLimit: values['no-rate-limit']
      ? false
      : {
          perSecond: num('per-second', values['per-second']),
          perHour: num('per-hour', values['per-hour']),
        },
  });
  process.stdout.write(`API_URL=${sim.url}\nACCESS_TOKEN=${sim.token}\n`);
  const stop = () => {
    void sim.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
