import type {
  IntegrationSimulator,
  RunningSimulator,
  SimulatorStartOptions,
} from '@mdm-graph/mdm-core/sim';
import type { EsperSimulator, EsperSimulatorOptions } from './index';
import { type RouteName, RouteNames } from './routes';

/** Routes a key may be refused (`deny`): every API route but the OAuth2 token endpoint. */
const PERMISSIONS: readonly RouteName[] = Object.values(RouteNames).filter(
  (r) => r !== RouteNames.TOKEN,
);

/** 70% Android, 20% Apple, 8% Windows, 2% Linux (at least one of each beyond 10 devices). */
export function esperPlatformMix(total: number) {
  const share = (p: number) => (total > 10 ? Math.max(1, Math.round(total * p)) : 0);
  const apple = share(0.2);
  const windows = share(0.08);
  const linux = share(0.02);
  return { devices: total - apple - windows - linux, apple, windows, linux };
}

/** Presets (SimulatorStartOptions.profile): Esper's own options for each use. */
const PROFILES: Record<string, EsperSimulatorOptions> = {
  demo: {},
  matrix: {
    seed: 'reliability',
    devices: 16,
    appsPerDevice: 6,
    users: 12,
    groups: 7,
    catalogApps: 12,
    // Esper's page cap is undocumented: a small clamp makes every list multi-page.
    maxPageSize: 5,
  },
  scale: { seed: 'scale', appsPerDevice: 12, users: 200, groups: 50, catalogApps: 60 },
  // A multi-OS enterprise: the shipped questions read Apple-only properties (supervised) too.
  consumer: { seed: 'consumer-test', devices: 30, apple: 6, windows: 3, linux: 1 },
};

/** Collection environment added by a preset. */
const PROFILE_ENV: Record<string, Record<string, string>> = {
  // Installed apps default to off (one request per device): the demo shows them.
  demo: { ENABLED_INGESTION_SOURCES: 'all' },
};

function routesOf(names: string[] | undefined): RouteName[] | undefined {
  if (!names) return undefined;
  for (const p of names) {
    if (!(PERMISSIONS as readonly string[]).includes(p))
      throw new Error(`unknown Esper route "${p}" (known: ${PERMISSIONS.join(', ')})`);
  }
  return names as RouteName[];
}

/**
 * The registry contract (integrations.json): an Esper tenant started from the common options.
 * index.ts passes its start function in (no import cycle between the two modules).
 */
export const registrySimulator = (
  startEsperSimulator: (o: EsperSimulatorOptions) => Promise<EsperSimulator>,
): IntegrationSimulator => ({
  id: 'esper',
  profiles: {
    demo: {},
    matrix: {},
    // The published scale figure: installed apps on (one request per device).
    scale: { note: 'installed apps', devices: 10_000 },
    consumer: {},
  },
  permissions: PERMISSIONS,
  capabilities: {
    deviceListRoute: RouteNames.DEVICES,
    deviceListPath: '^/api/enterprise/[^/]+/device/$',
    // A wrong-typed id and a missing id.
    invalidDeviceRecords: (canary) => [
      { id: { nested: true }, device_name: 'Broken device', api_token: canary },
      { device_name: 'No id', hardwareInfo: { serialNumber: canary } },
    ],
    independentList: { route: RouteNames.DEVICE_GROUPS, errorNames: 'devicegroup' },
    optionalPermission: { permission: RouteNames.USERS, label: 'read users' },
    credentialEnv: 'ACCESS_TOKEN',
    requestTimeoutEnv: 'REQUEST_TIMEOUT_SECONDS',
    // Both device lists end after `cut` devices while their counts say the whole fleet: v2
    // (every platform, `content.count`) and v1 (Android only, DRF `count`). A device either
    // list returned is ingested; one error names both lists.
    cutShortDeviceList: {
      vendor: (cut) => ({ cutShort: { [RouteNames.V2_DEVICES]: cut, [RouteNames.DEVICES]: cut } }),
      deviceType: 'esper_device',
      endpoint: 'GET v2\\/devices\\/',
      resource: 'v2 device',
      ingested: (native, cut) => {
        const devices = (native as EsperSimulator).fleet.devices;
        const v1 = devices.filter((d) => d.platform === 'ANDROID' && d.hiddenFromV1 !== true);
        return new Set([...devices.slice(0, cut), ...v1.slice(0, cut)].map((d) => d.id)).size;
      },
      alsoLogged: (cut) => [
        `GET enterprise/[0-9a-f-]+/device/ announced \\d+ device record\\(s\\).*but ${cut} were received`,
      ],
    },
    caseNotes: {
      'TX-5':
        'simulator fault: 200 with a body that is not valid JSON on the device groups list, persistently',
      'CP-1':
        'simulator cuts GET v2/devices/ (every platform) and the v1 Android device list after 5 devices each while `content.count` and DRF `count` still count the whole fleet; one error names both lists',
      'PL-5': 'simulator maxPageSize 7, clamping (Esper documents no maximum)',
      'SE-1':
        'canary API key; runs with 5xx, a 401, a 403 and an error body echoing the key; scans every output (OAuth2: E-SE-3)',
    },
  },
  async start(o: SimulatorStartOptions = {}): Promise<RunningSimulator> {
    const preset = o.profile ? (PROFILES[o.profile] ?? {}) : {};
    const options: EsperSimulatorOptions = {
      ...preset,
      ...defined({
        seed: o.seed,
        // The demo's tenant is multi-OS: Android through v1 and v2, Apple, Windows and Linux
        // through v2 only.
        ...(o.profile === 'demo' && o.devices !== undefined
          ? esperPlatformMix(o.devices)
          : { devices: o.devices }),
        appsPerDevice: o.appsPerDevice,
        latencyMs: o.latencyMs,
        now: o.now,
        token: o.token,
        maxPageSize: o.maxPageSize,
        faults: o.faults,
        host: o.host,
        port: o.port,
        deny: routesOf(o.deniedPermissions),
        // Esper publishes no limit: `true` keeps the simulator unlimited.
      }),
      ...(o.vendor as EsperSimulatorOptions | undefined),
    };
    const sim = await startEsperSimulator(options);
    const extra = (o.profile && PROFILE_ENV[o.profile]) || {};
    const envAt = (apiUrl: string) => ({
      DOMAIN: sim.domain,
      ENTERPRISE_ID: sim.enterpriseId,
      ACCESS_TOKEN: sim.token,
      API_BASE_URL: apiUrl,
      ...extra,
    });
    return {
      url: sim.url,
      server: sim.server,
      env: envAt(sim.url),
      envAt,
      secrets: [sim.token, sim.oauth.clientSecret],
      stats: () => sim.server.stats(),
      close: () => sim.close(),
      native: sim,
    };
  },
});

function defined<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
