import type {
  IntegrationSimulator,
  RunningSimulator,
  SimulatorStartOptions,
} from '@mdm-graph/mdm-core/sim';
import { KANDJI_PERMISSIONS, type KandjiPermission } from './permissions';
import { startKandjiSimulator, type KandjiSimulatorOptions } from './server';

/** Presets (SimulatorStartOptions.profile): Kandji's own options for each use. */
const PROFILES: Record<string, KandjiSimulatorOptions> = {
  demo: {},
  // Multi-page lists everywhere a list can have pages, no latency, no rate limit.
  matrix: {
    seed: 'reliability',
    devices: 16,
    appsPerDevice: 4,
    users: 8,
    blueprints: 3,
    customProfiles: 5,
    usersPageSize: 3,
    customProfilesPageSize: 2,
    rateLimit: false,
  },
  // Kandji's own limits (50/s, 10,000/h) enforced as by Kong; half as many users as devices.
  scale: { seed: 'scale', appsPerDevice: 12 },
  // Findings on several Macs, so every finding type (and the questions reading them) has entities.
  consumer: { seed: 'consumer-test', devices: 30, threatRate: 0.3, behavioralRate: 0.2 },
};

/** Collection environment added by a preset. */
const PROFILE_ENV: Record<string, Record<string, string>> = {
  // Every optional source on except the user directory: the demo shows a run with a source
  // switched off (its step is disabled, the device -> user links still complete).
  demo: { ENABLED_INGESTION_SOURCES: 'all', DISABLED_INGESTION_SOURCES: 'users' },
};

function permissionsOf(names: string[] | undefined): KandjiPermission[] | undefined {
  if (!names) return undefined;
  for (const p of names) {
    if (!(KANDJI_PERMISSIONS as readonly string[]).includes(p))
      throw new Error(`unknown Kandji permission "${p}" (known: ${KANDJI_PERMISSIONS.join(', ')})`);
  }
  return names as KandjiPermission[];
}

/** The registry contract (integrations.json): a Kandji tenant started from the common options. */
export const simulator: IntegrationSimulator = {
  id: 'kandji',
  profiles: {
    demo: {
      note:
        'Kandji runs with its "users" ingestion source switched off (DISABLED_INGESTION_SOURCES=users): ' +
        'no user-directory request, Fetch Users disabled, device -> user links still complete from the device list.',
    },
    matrix: {},
    // The published scale figure: Prism mode (Kandji's bulk device-data API).
    scale: { note: 'Prism', devices: 20_000 },
    consumer: {},
  },
  permissions: KANDJI_PERMISSIONS,
  capabilities: {
    deviceListRoute: 'devices',
    deviceListPath: '^/api/v1/devices/?$',
    // A wrong-typed id and a missing id.
    invalidDeviceRecords: (canary) => [
      { device_id: { nested: true }, device_name: 'Broken device', api_token: canary },
      { device_name: 'No id', serial_number: canary },
    ],
    independentList: { route: 'blueprints', errorNames: 'blueprints' },
    optionalPermission: { permission: 'users', label: 'Users' },
    credentialEnv: 'ACCESS_TOKEN',
    requestTimeoutEnv: 'REQUEST_TIMEOUT_SECONDS',
    // Legacy headers: x-total-count is compared too (licensing counts always are).
    cutShortDeviceList: {
      vendor: (cut) => ({ cutDeviceListAfter: cut, legacyDeviceHeaders: true }),
      deviceType: 'kandji_device',
      endpoint: 'GET devices',
      resource: 'device',
    },
    caseNotes: {
      'TX-5':
        'simulator fault: 200 with a body that is not valid JSON on the blueprints list, persistently',
      'CP-1':
        'simulator cuts GET devices after 5 of 16 devices while x-total-count (legacy headers), settings/licensing and Prism still count 16',
      'PL-5': 'simulator maxPageSize 7 (Kandji documents 300)',
      'SE-1':
        'canary token; runs with 5xx, a 401, a 403 and an error body echoing the token; scans every output',
    },
  },
  async start(o: SimulatorStartOptions = {}): Promise<RunningSimulator> {
    const preset = o.profile ? (PROFILES[o.profile] ?? {}) : {};
    const devices = o.devices ?? preset.devices;
    const options: KandjiSimulatorOptions = {
      ...preset,
      ...(o.profile === 'scale' && devices !== undefined ? { users: Math.ceil(devices / 2) } : {}),
      ...defined({
        seed: o.seed,
        devices: o.devices,
        appsPerDevice: o.appsPerDevice,
        latencyMs: o.latencyMs,
        now: o.now,
        token: o.token,
        maxPageSize: o.maxPageSize,
        faults: o.faults,
        host: o.host,
        port: o.port,
        deniedPermissions: permissionsOf(o.deniedPermissions),
        rateLimit: o.rateLimit === undefined ? undefined : o.rateLimit ? {} : false,
      }),
      ...(o.vendor as KandjiSimulatorOptions | undefined),
    };
    const sim = await startKandjiSimulator(options);
    const extra = (o.profile && PROFILE_ENV[o.profile]) || {};
    const envAt = (apiUrl: string) => ({ API_URL: apiUrl, ACCESS_TOKEN: sim.token, ...extra });
    return {
      url: sim.url,
      server: sim.server,
      env: envAt(sim.url),
      envAt,
      secrets: [sim.token],
      stats: () => sim.server.stats(),
      close: () => sim.close(),
      native: sim,
    };
  },
};

function defined<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
