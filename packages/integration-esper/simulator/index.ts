import {
  type ServerRateLimitOptions,
  type SimFault,
  type SimRequest,
  type SimResponse,
  type SimServer,
  startSimServer,
} from '@mdm-graph/mdm-core/sim';
import { type EsperFleet, type EsperFleetOptions, generateFleet } from './fleet';
import { type OAuthOptions, TokenIssuer } from './oauth';
import { esperRoutes, type RouteName, RouteNames, V2_ROUTES } from './routes';
import { registrySimulator } from './registry';

export { generateFleet } from './fleet';
export type * from './fleet';
export { RouteNames, type RouteName, V2_ROUTES } from './routes';

export interface EsperSimulatorOptions extends EsperFleetOptions {
  /** Use this fleet instead of generating one (tests may tweak it first). */
  fleet?: EsperFleet;
  host?: string;
  port?: number;
  latencyMs?: number | { min: number; max: number };
  /** Server-side limit. Esper publishes none; 429s carry no rate-limit headers unless `headers` is set. */
  rateLimit?: ServerRateLimitOptions;
  faults?: SimFault[];
  /** Esper's documented default page size is 20. */
  defaultPageSize?: number;
  /** Undocumented maximum; 250 is what Esper's own client uses. */
  maxPageSize?: number;
  /** What a limit above the maximum does: clamp (default) or 400 (the real behaviour is unknown). */
  oversizedLimit?: 'clamp' | 'reject';
  /** Fault mode: `next` URLs with another scheme or host. */
  hostileNext?: 'scheme' | 'host' | false;
  /** Fault mode: lists (route name -> records) cut short while `count` stays the full figure. */
  cutShort?: Partial<Record<RouteName, number>>;
  /** The static API key the server accepts. */
  token?: string;
  oauth?: OAuthOptions;
  /** Routes answering 403 / 404 (e.g. a key that may not read users). */
  deny?: RouteName[];
  missing?: RouteName[];
  /** A tenant without the v2 API: every /api/v2/ route answers 404. */
  v2Absent?: boolean;
  /** v2 list maximum `limit` (default 1000, the esper-cli spec). */
  v2MaxPageSize?: number;
}

export interface EsperSimulator {
  /** API base URL to configure as apiBaseUrl, e.g. http://127.0.0.1:PORT/api */
  url: string;
  domain: string;
  enterpriseId: string;
  token: string;
  oauth: { tokenUrl: string; clientId: string; clientSecret: string };
  server: SimServer;
  fleet: EsperFleet;
  /** Bearer configuration for the integration. */
  config: { domain: string; enterpriseId: string; accessToken: string; apiBaseUrl: string };
  /** OAuth2 client-credentials configuration for the integration. */
  oauthConfig: {
    domain: string;
    enterpriseId: string;
    clientId: string;
    clientSecret: string;
    tokenUrl: string;
    apiBaseUrl: string;
  };
  /** Expire every OAuth2 access token issued so far (token expiry mid-run). */
  revokeTokens(): void;
  /** Access tokens issued by the token endpoint so far. */
  tokensIssued(): number;
  close(): Promise<void>;
}

const TOKEN_PATH = '/oauth/token/';

export async function startEsperSimulator(
  options: EsperSimulatorOptions = {},
): Promise<EsperSimulator> {
  const fleet = options.fleet ?? generateFleet(options);
  const issuer = new TokenIssuer(fleet.seed, options.oauth);
  const token = options.token ?? `esper-key-${fleet.enterprise.id.replace(/-/g, '').slice(0, 20)}`;

  const authorize = (req: SimRequest): SimResponse | undefined => {
    if (req.path === TOKEN_PATH) return undefined;
    const header = req.headers.authorization;
    const presented =
      typeof header === 'string' && /^bearer /i.test(header) ? header.slice(7).trim() : undefined;
    if (presented === undefined) {
      return { status: 401, json: { detail: 'Authentication credentials were not provided.' } };
    }
    if (presented === token || issuer.isValid(presented)) return undefined;
    return { status: 401, json: { detail: 'Invalid token.' } };
  };

  const server = await startSimServer({
    host: options.host,
    port: options.port,
    latencyMs: options.latencyMs,
    // api.esper.io documents only "429 Rate limit exceeded"; DRF answers with a `detail`.
    rateLimit: options.rateLimit && {
      body: { detail: 'Rate limit exceeded' },
      ...options.rateLimit,
    },
    faults: options.faults,
    authorize,
    // Recorded Esper responses carry nginx and security headers, never rate-limit headers.
    defaultHeaders: {
      server: 'nginx/1.21.3',
      'x-frame-options': 'DENY',
      'x-content-type-options': 'nosniff',
      'strict-transport-security': 'max-age=31536000',
    },
    routes: [
      {
        method: 'POST',
        path: TOKEN_PATH,
        name: RouteNames.TOKEN,
        handler: (req) => issuer.handle(req),
      },
      ...esperRoutes(fleet, {
        defaultPageSize: options.defaultPageSize ?? 20,
        maxPageSize: options.maxPageSize ?? 250,
        oversizedLimit: options.oversizedLimit ?? 'clamp',
        hostileNext: options.hostileNext ?? false,
        v2MaxPageSize: options.v2MaxPageSize ?? 1000,
        cutShort: options.cutShort,
        deny: options.deny,
        missing: options.v2Absent ? [...(options.missing ?? []), ...V2_ROUTES] : options.missing,
      }),
    ],
  });

  const url = `${server.url.replace(/\/$/, '')}/api`;
  const tokenUrl = `${server.url.replace(/\/$/, '')}${TOKEN_PATH}`;
  const base = { domain: fleet.domain, enterpriseId: fleet.enterprise.id, apiBaseUrl: url };
  return {
    url,
    domain: fleet.domain,
    enterpriseId: fleet.enterprise.id,
    token,
    oauth: { tokenUrl, clientId: issuer.clientId, clientSecret: issuer.clientSecret },
    server,
    fleet,
    config: { ...base, accessToken: token },
    oauthConfig: {
      ...base,
      clientId: issuer.clientId,
      clientSecret: issuer.clientSecret,
      tokenUrl,
    },
    revokeTokens: () => issuer.revokeAll(),
    tokensIssued: () => issuer.issued,
    close: () => server.close(),
  };
}

export { esperPlatformMix } from './registry';
/** The registry contract (integrations.json; type in @mdm-graph/mdm-core/sim). */
export const simulator = registrySimulator(startEsperSimulator);
