import {
  startSimServer,
  SeededRandom,
  type SimFault,
  type SimHandler,
  type SimRoute,
  type SimServer,
} from '@mdm-graph/mdm-core/sim';
import { generateKandjiFleet, type KandjiFleet, type KandjiFleetOptions } from './fleet/fleet';
import { FORBIDDEN_BODY, UNAUTHORIZED_BODY, type KandjiPermission } from './permissions';
import { getDevice, getDeviceApps, getDeviceDetails, listDevices } from './routes/devices';
import { getLicensing, listBlueprints, listCustomProfiles, listUsers } from './routes/directory';
import { findingsRoutes, type KandjiFindingsRouteOptions } from './routes/findings';
import type { KandjiFindings } from './fleet/findings';
import { API_PREFIX, notFound, type KandjiRouteOptions } from './routes/paging';
import { prismCategory } from './routes/prism';

export interface KandjiSimulatorOptions
  extends KandjiFleetOptions, KandjiRouteOptions, KandjiFindingsRouteOptions {
  /** A prebuilt fleet (else generated from the fleet options). */
  fleet?: KandjiFleet;
  host?: string;
  port?: number;
  latencyMs?: number | { min: number; max: number };
  /** The API token the tenant accepts (default: derived from the seed). */
  token?: string;
  /** Kandji's limits: 50/s and 10,000/h by default; `false` disables them. */
  rateLimit?: { perSecond?: number; perHour?: number; retryAfter?: boolean } | false;
  /** Permissions the token lacks: their endpoints answer 403. */
  deniedPermissions?: KandjiPermission[];
  /** false: the tenant has no Prism (404 on prism/*). */
  prismAvailable?: boolean;
  faults?: SimFault[];
  publicBaseUrl?: string;
}

export interface KandjiSimulator {
  /** The organization API URL to configure (…/api/v1). */
  url: string;
  token: string;
  server: SimServer;
  fleet: KandjiFleet;
  /** Requests per Prism category (`filevault`, `apps`, …) that reached the Prism handler. */
  prismRequests(): Record<string, number>;
  /** Change which permissions the token lacks (same fleet, same URL: for mode comparisons). */
  setDeniedPermissions(denied: KandjiPermission[]): void;
  /** The vulnerability detections, CVEs and threats the tenant serves. */
  findings(): KandjiFindings;
  close(): Promise<void>;
}

/** Kong's rate-limit headers as Kandji sends them (graph-kandji recordings, 2024-07). */
function kongHeaders(
  state: { window: string; limit: number; remaining: number; resetMs: number }[],
): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const s of state) {
    headers[`x-ratelimit-limit-${s.window}`] = String(s.limit);
    headers[`x-ratelimit-remaining-${s.window}`] = String(Math.max(0, s.remaining));
  }
  const second = state.find((s) => s.window === 'second') ?? state[0];
  if (second) {
    headers['ratelimit-limit'] = String(second.limit);
    headers['ratelimit-remaining'] = String(Math.max(0, second.remaining));
    headers['ratelimit-reset'] = String(Math.max(1, Math.ceil(second.resetMs / 1000)));
  }
  return headers;
}

/** Starts a loopback Kandji tenant. */
export async function startKandjiSimulator(
  options: KandjiSimulatorOptions = {},
): Promise<KandjiSimulator> {
  const fleet = options.fleet ?? generateKandjiFleet(options);
  const token = options.token ?? `sim-${new SeededRandom(`${fleet.seed}:token`).hex(32)}`;
  const denied = new Set(options.deniedPermissions ?? []);
  const prismAvailable = options.prismAvailable ?? true;
  const prismCounts = new Map<string, number>();

  const guard =
    (permission: KandjiPermission, handler: SimHandler): SimHandler =>
    (req) =>
      denied.has(permission) ? { status: 403, json: FORBIDDEN_BODY } : handler(req);

  const route = (
    path: string,
    name: string,
    permission: KandjiPermission,
    handler: SimHandler,
  ): SimRoute => ({
    method: 'GET',
    path: `${API_PREFIX}/${path}`,
    name,
    handler: guard(permission, handler),
  });

  const findings = findingsRoutes(fleet, options);
  const routes: SimRoute[] = [
    route('devices', 'devices', 'deviceList', listDevices(fleet, options)),
    route('devices/:id', 'device', 'deviceList', getDevice(fleet)),
    route('devices/:id/details', 'device-details', 'deviceDetails', getDeviceDetails(fleet)),
    route('devices/:id/apps', 'device-apps', 'applicationList', getDeviceApps(fleet)),
    route(
      'prism/:category',
      'prism',
      'prism',
      prismAvailable ? prismCategory(fleet, options, prismCounts) : () => notFound(),
    ),
    route('users', 'users', 'users', listUsers(fleet, options)),
    route('blueprints', 'blueprints', 'blueprints', listBlueprints(fleet, options)),
    route(
      'library/custom-profiles',
      'custom-profiles',
      'libraryItems',
      listCustomProfiles(fleet, options),
    ),
    route('settings/licensing', 'licensing', 'licensing', getLicensing(fleet)),
    route(
      'vulnerability-management/detections',
      'vulnerability-detections',
      'vulnerabilityManagement',
      findings.detections,
    ),
    route(
      'vulnerability-management/vulnerabilities',
      'vulnerabilities',
      'vulnerabilityManagement',
      findings.vulnerabilities,
    ),
    route('threat-details', 'threat-details', 'threats', findings.threatDetails),
    route(
      'behavioral-detections',
      'behavioral-detections',
      'threats',
      findings.behavioralDetections,
    ),
  ];

  const limits = options.rateLimit === false ? undefined : (options.rateLimit ?? {});
  const server = await startSimServer({
    routes,
    host: options.host,
    port: options.port,
    latencyMs: options.latencyMs,
    faults: options.faults,
    publicBaseUrl: options.publicBaseUrl,
    defaultHeaders: { via: 'kong/3.2.2' },
    authorize: (req) => {
      const header = req.headers.authorization;
      return header === `Bearer ${token}` ? undefined : { status: 401, json: UNAUTHORIZED_BODY };
    },
    rateLimit: limits
      ? {
          windows: [
            { name: 'second', limit: limits.perSecond ?? 50, intervalMs: 1_000 },
            { name: 'hour', limit: limits.perHour ?? 10_000, intervalMs: 3_600_000 },
          ],
          retryAfter: limits.retryAfter ?? true,
          headers: kongHeaders,
          body: { message: 'API rate limit exceeded' },
        }
      : undefined,
  });
  return {
    url: `${server.url.replace(/\/+$/, '')}${API_PREFIX}`,
    token,
    server,
    fleet,
    prismRequests: () => Object.fromEntries(prismCounts),
    setDeniedPermissions: (next) => {
      denied.clear();
      for (const p of next) denied.add(p);
    },
    findings: findings.findings,
    close: () => server.close(),
  };
}
