import {
  type Latency,
  SeededRandom,
  type SimFault,
  type SimRequest,
  type SimServer,
  startSimServer,
} from '@mdm-graph/mdm-core/sim';
import { registrySimulator } from './registry';

/**
 * A simulated __Vendor__ tenant on a loopback port, for tests, the demo and benchmarks. It serves
 * only what the vendor documents (fields, envelope, paging, errors): replace the shapes below with
 * the vendor's published examples and keep their source note in ../shared/reference/.
 */
export interface __VendorPascal__SimulatorOptions {
  seed?: string;
  /** The token lacks the permission to read device details: every detail answers 403. */
  forbidDeviceDetails?: boolean;
  devices?: number;
  /** Server page size cap (the vendor's documented maximum). */
  maxPageSize?: number;
  latencyMs?: Latency;
  /** Device ids whose detail answers 404 (removed between list and detail). */
  removedDevices?: number;
  /** The API token the tenant accepts (default: derived from the seed). */
  token?: string;
  faults?: SimFault[];
  host?: string;
  port?: number;
}

export interface __VendorPascal__Simulator {
  url: string;
  token: string;
  /** Instance configuration pointing at this simulator. */
  config: { apiUrl: string; accessToken: string };
  /** Environment of a `collect` run against this simulator. */
  env: Record<string, string>;
  server: SimServer;
  devices: SimDevice[];
  close(): Promise<void>;
}

export interface SimDevice {
  id: string;
  name: string;
  serial_number: string;
  model: string;
  platform: string;
  os_version: string;
  last_check_in: string;
  mac_addresses: string[];
  encrypted: boolean;
}

const PLATFORMS = [
  { platform: 'macOS', model: 'MacBookPro18,3', os: ['14.6', '15.1'] },
  { platform: 'iOS', model: 'iPhone15,2', os: ['17.6', '18.1'] },
  { platform: 'Windows', model: 'Latitude 7440', os: ['10.0.22631'] },
] as const;

function makeFleet(rng: SeededRandom, count: number): SimDevice[] {
  return Array.from({ length: count }, (_, i) => {
    const p = rng.pick(PLATFORMS);
    return {
      id: rng.uuid(),
      name: `device-${String(i + 1).padStart(4, '0')}`,
      serial_number: rng.serial(),
      model: p.model,
      platform: p.platform,
      os_version: rng.pick(p.os),
      last_check_in: rng
        .date(new Date('2026-10-01T00:00:00Z'), new Date('2026-12-01T00:00:00Z'))
        .toISOString(),
      mac_addresses: [rng.mac()],
      encrypted: rng.bool(0.8),
    };
  });
}

export async function start__VendorPascal__Simulator(
  opts: __VendorPascal__SimulatorOptions = {},
): Promise<__VendorPascal__Simulator> {
  const rng = new SeededRandom(opts.seed ?? '__vendor__');
  const devices = makeFleet(rng.derive('fleet'), opts.devices ?? 25);
  const removed = new Set(devices.slice(0, opts.removedDevices ?? 0).map((d) => d.id));
  const generatedToken = `sim-${rng.hex(24)}`;
  const token = opts.token ?? generatedToken;
  const maxPageSize = opts.maxPageSize ?? 100;
  const account = { id: rng.uuid(), name: 'Simulated __Vendor__ tenant' };

  const listDevices = (req: SimRequest) => {
    const limit = Math.min(Number(req.query.get('limit') ?? 20) || 20, maxPageSize);
    const offset = Math.max(0, Number(req.query.get('offset') ?? 0) || 0);
    const page = devices.slice(offset, offset + limit);
    if (page.length === 0) req.markEmptyPage();
    const next =
      offset + limit < devices.length
        ? `${req.baseUrl}/api/v1/devices?limit=${limit}&offset=${offset + limit}`
        : null;
    const previous =
      offset > 0
        ? `${req.baseUrl}/api/v1/devices?limit=${limit}&offset=${Math.max(0, offset - limit)}`
        : null;
    return {
      json: {
        count: devices.length,
        next,
        previous,
        results: page.map(({ mac_addresses: _m, encrypted: _e, ...listItem }) => listItem),
      },
    };
  };

  const server = await startSimServer({
    seed: opts.seed ?? '__vendor__',
    latencyMs: opts.latencyMs ?? 0,
    faults: opts.faults,
    host: opts.host,
    port: opts.port,
    authorize: (req) =>
      req.headers.authorization === `Bearer ${token}`
        ? undefined
        : { status: 401, json: { detail: 'Invalid token.' } },
    routes: [
      { name: 'account', path: '/api/v1/account', handler: () => ({ json: account }) },
      { name: 'devices', path: '/api/v1/devices', handler: listDevices },
      {
        name: 'device',
        path: '/api/v1/devices/:id',
        handler: (req) => {
          if (opts.forbidDeviceDetails)
            return {
              status: 403,
              json: { detail: 'You do not have permission to perform this action.' },
            };
          const device = devices.find((d) => d.id === req.params.id);
          if (!device || removed.has(device.id))
            return { status: 404, json: { detail: 'Not found.' } };
          return {
            json: {
              id: device.id,
              mac_addresses: device.mac_addresses,
              encrypted: device.encrypted,
            },
          };
        },
      },
    ],
  });
  const apiUrl = `${server.url}/api/v1`;
  return {
    url: apiUrl,
    token,
    config: { apiUrl, accessToken: token },
    env: { API_URL: apiUrl, ACCESS_TOKEN: token },
    server,
    devices,
    close: () => server.close(),
  };
}

/** The registry contract (integrations.json; type in @mdm-graph/mdm-core/sim). */
export const simulator = registrySimulator(start__VendorPascal__Simulator);
