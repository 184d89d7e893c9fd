import {
  type IntegrationInstanceConfig,
  type IntegrationInstanceConfigFieldMap,
  IntegrationValidationError,
} from '@jupiterone/integration-sdk-core';
import { z } from 'zod';
import { type EsperTuning, tuningDescriptions, tuningSchemas } from './tuning';

/**
 * The one description of the instance configuration. The zod schema gives the
 * TypeScript type, the J1 `instanceConfigFields` (secrets masked) and the
 * validation messages; `parseConfig` turns it into what the client needs.
 * Env names follow the J1 CLI: snakeCase(field).toUpperCase() (DOMAIN,
 * ENTERPRISE_ID, ACCESS_TOKEN, API_BASE_URL, CLIENT_ID, CLIENT_SECRET, TOKEN_URL).
 */
interface FieldMeta {
  mask?: boolean;
  description: string;
}
const fieldMeta = z.registry<FieldMeta>();

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TENANT_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const ESPER_CLOUD_SUFFIX = '.esper.cloud';
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** Env files and forms give "" for unset values: treat blank as absent. */
function blankToUndefined(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const t = v.trim();
  return t === '' ? undefined : t;
}
const stringError = (issue: { input?: unknown }) =>
  issue.input === undefined ? 'is required' : 'must be a string';
const text = () => z.preprocess(blankToUndefined, z.string({ error: stringError }));
const optionalText = () =>
  z.preprocess(blankToUndefined, z.string({ error: 'must be a string' }).optional());

/**
 * The tenant name is the `{tenant}` of the console URL `https://{tenant}.esper.cloud`.
 * Users paste all sorts of things, so accept the bare name, the console or API
 * host (`acme.esper.cloud`, `acme-api.esper.cloud`) or a full console/API URL.
 */
export function normalizeDomain(input: string): string | undefined {
  const raw = input.trim().toLowerCase();
  if (raw === '') return undefined;
  let host: string;
  try {
    host = new URL(/^[a-z][a-z0-9+.-]*:\/\//.test(raw) ? raw : `https://${raw}`).hostname;
  } catch {
    return undefined;
  }
  host = host.replace(/\.$/, '');
  if (host.endsWith(ESPER_CLOUD_SUFFIX)) {
    host = host.slice(0, -ESPER_CLOUD_SUFFIX.length);
    // `{tenant}-api.esper.cloud` is the API host of `{tenant}.esper.cloud`.
    if (host.endsWith('-api')) host = host.slice(0, -'-api'.length);
  } else if (host.includes('.')) {
    return undefined; // some other host: not an Esper tenant
  }
  return TENANT_LABEL.test(host) ? host : undefined;
}

/**
 * https only, except loopback (simulators, local proxies); no credentials, query or fragment.
 * Trailing slashes are dropped for base URLs (`keepPath` keeps an exact endpoint URL as given).
 */
export function normalizeHttpsUrl(
  input: string,
  opts: { keepPath?: boolean } = {},
): string | undefined {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return undefined;
  }
  const loopback = LOOPBACK_HOSTS.has(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) return undefined;
  if (url.username || url.password || url.search || url.hash) return undefined;
  return `${url.origin}${opts.keepPath ? url.pathname : url.pathname.replace(/\/+$/, '')}`;
}

export const configSchema = z
  .object({
    domain: text()
      .refine((v) => normalizeDomain(v) !== undefined, {
        message:
          'must be the Esper tenant name, e.g. "acme" for https://acme.esper.cloud (a console or API URL is accepted too)',
      })
      .register(fieldMeta, {
        description: 'Esper tenant name (the {tenant} in https://{tenant}.esper.cloud)',
      }),
    enterpriseId: text()
      .refine((v) => UUID.test(v), {
        message: 'must be the enterprise UUID shown in Esper Console > API Key Management',
      })
      .register(fieldMeta, { description: 'Esper enterprise ID (UUID)' }),
    accessToken: optionalText().register(fieldMeta, {
      mask: true,
      description:
        'Esper API key (sent as a bearer token); alternative to OAuth2 client credentials',
    }),
    apiBaseUrl: optionalText()
      .refine((v) => v === undefined || normalizeHttpsUrl(v) !== undefined, {
        message:
          'must be an https URL without credentials, query or fragment (http is allowed only for 127.0.0.1/localhost), e.g. https://acme-api.esper.cloud/api',
      })
      .register(fieldMeta, {
        description:
          'Optional API base URL overriding https://{domain}-api.esper.cloud/api (proxies, testing)',
      }),
    clientId: optionalText().register(fieldMeta, {
      description: 'OAuth2 client ID (client-credentials flow); alternative to accessToken',
    }),
    clientSecret: optionalText().register(fieldMeta, {
      mask: true,
      description: 'OAuth2 client secret (client-credentials flow)',
    }),
    tokenUrl: optionalText()
      .refine((v) => v === undefined || normalizeHttpsUrl(v) !== undefined, {
        message: 'must be an https URL (http is allowed only for 127.0.0.1/localhost)',
      })
      .register(fieldMeta, { description: 'OAuth2 token endpoint URL (client-credentials flow)' }),
    requestTimeoutSeconds: tuningSchemas.requestTimeoutSeconds.register(fieldMeta, {
      description: tuningDescriptions.requestTimeoutSeconds,
    }),
    maxConcurrentRequests: tuningSchemas.maxConcurrentRequests.register(fieldMeta, {
      description: tuningDescriptions.maxConcurrentRequests,
    }),
    requestsPerWindow: tuningSchemas.requestsPerWindow.register(fieldMeta, {
      description: tuningDescriptions.requestsPerWindow,
    }),
    rateWindowSeconds: tuningSchemas.rateWindowSeconds.register(fieldMeta, {
      description: tuningDescriptions.rateWindowSeconds,
    }),
    pageSize: tuningSchemas.pageSize.register(fieldMeta, {
      description: tuningDescriptions.pageSize,
    }),
    caCertificates: tuningSchemas.caCertificates.register(fieldMeta, {
      description: tuningDescriptions.caCertificates,
    }),
  })
  .superRefine(
    (c, ctx) => {
      if (typeof c !== 'object' || c === null) return; // the object check already failed
      const oauthFields = {
        clientId: c.clientId,
        clientSecret: c.clientSecret,
        tokenUrl: c.tokenUrl,
      };
      const oauthGiven = Object.values(oauthFields).some((v) => v !== undefined);
      if (c.accessToken !== undefined && oauthGiven) {
        ctx.addIssue({
          code: 'custom',
          path: ['accessToken'],
          message:
            'configure exactly one authentication method: either accessToken (API key) or clientId + clientSecret + tokenUrl (OAuth2), not both',
        });
        return;
      }
      if (c.accessToken === undefined && !oauthGiven) {
        ctx.addIssue({
          code: 'custom',
          path: ['accessToken'],
          message:
            'is required (an Esper API key), unless OAuth2 client credentials are configured instead (clientId + clientSecret + tokenUrl)',
        });
        return;
      }
      if (oauthGiven) {
        for (const [name, value] of Object.entries(oauthFields)) {
          if (value === undefined) {
            ctx.addIssue({
              code: 'custom',
              path: [name],
              message:
                'is required for OAuth2 client credentials (clientId + clientSecret + tokenUrl all needed)',
            });
          }
        }
      }
      // Run even when field checks failed, so one message names every problem.
    },
    { when: () => true },
  );

/** The instance configuration as J1 stores it (all strings). */
type ParsedConfig = z.output<typeof configSchema>;
export type IntegrationConfig = ParsedConfig & IntegrationInstanceConfig;

export type EsperAuthConfig =
  | { kind: 'bearer'; accessToken: string }
  | { kind: 'oauth2'; clientId: string; clientSecret: string; tokenUrl: string };

/** What the client and converters use. */
export interface EsperConfig {
  /** Tenant name, e.g. "acme". */
  domain: string;
  /** Lower-case enterprise UUID. */
  enterpriseId: string;
  /** API base without trailing slash, e.g. https://acme-api.esper.cloud/api */
  apiBaseUrl: string;
  /** Console base, used for entity web links, e.g. https://acme.esper.cloud */
  consoleUrl: string;
  auth: EsperAuthConfig;
  /** Optional tuning; every field absent means the defaults. */
  tuning: EsperTuning;
}

function fieldsFromSchema(): IntegrationInstanceConfigFieldMap<IntegrationConfig> {
  const shape = configSchema.shape;
  const fields: Record<string, { type: 'string'; mask?: boolean; optional?: boolean }> = {};
  for (const [name, schema] of Object.entries(shape)) {
    const meta = fieldMeta.get(schema);
    fields[name] = {
      type: 'string',
      ...(meta?.mask ? { mask: true } : {}),
      ...(schema.safeParse(undefined).success ? { optional: true } : {}),
    };
  }
  return fields as IntegrationInstanceConfigFieldMap<IntegrationConfig>;
}

export const instanceConfigFields = fieldsFromSchema();

/** Human descriptions of the fields, for docs and the README. */
export function describeConfigFields(): {
  name: string;
  description: string;
  mask: boolean;
  optional: boolean;
}[] {
  return Object.entries(configSchema.shape).map(([name, schema]) => ({
    name,
    description: fieldMeta.get(schema)?.description ?? '',
    mask: fieldMeta.get(schema)?.mask === true,
    optional: schema.safeParse(undefined).success,
  }));
}

/** The env var the J1 CLI reads a field from: snakeCase(field).toUpperCase(). */
export function envNameOf(field: string): string {
  return field.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase();
}

function formatIssues(error: z.ZodError): string[] {
  // Messages are ours and never echo the input, so secrets cannot leak here.
  return error.issues.map((issue) => {
    const field = issue.path.map(String).join('.');
    return field === ''
      ? `config ${issue.message}`
      : `${field} (${envNameOf(field)}) ${issue.message}`;
  });
}

function toEsperConfig(c: ParsedConfig): EsperConfig {
  // Both helpers were checked by the schema's refinements.
  const domain = normalizeDomain(c.domain) ?? c.domain;
  const apiBaseUrl =
    (c.apiBaseUrl !== undefined ? normalizeHttpsUrl(c.apiBaseUrl) : undefined) ??
    `https://${domain}-api.esper.cloud/api`;
  const auth: EsperAuthConfig =
    c.accessToken !== undefined
      ? { kind: 'bearer', accessToken: c.accessToken }
      : {
          kind: 'oauth2',
          clientId: c.clientId ?? '',
          clientSecret: c.clientSecret ?? '',
          tokenUrl: normalizeHttpsUrl(c.tokenUrl ?? '', { keepPath: true }) ?? '',
        };
  return {
    domain,
    enterpriseId: c.enterpriseId.toLowerCase(),
    apiBaseUrl,
    consoleUrl: `https://${domain}.esper.cloud`,
    auth,
    tuning: {
      requestTimeoutSeconds: c.requestTimeoutSeconds,
      maxConcurrentRequests: c.maxConcurrentRequests,
      requestsPerWindow: c.requestsPerWindow,
      rateWindowSeconds: c.rateWindowSeconds,
      pageSize: c.pageSize,
      caCertificates: c.caCertificates,
    },
  };
}

export type ConfigResult = { ok: true; config: EsperConfig } | { ok: false; errors: string[] };

/**
 * Parses and normalizes without throwing. Each error names the field and its env var, e.g.
 * `enterpriseId (ENTERPRISE_ID) must be the enterprise UUID shown in Esper Console > API Key Management`.
 */
export function parseConfig(raw: unknown): ConfigResult {
  const parsed = configSchema.safeParse(raw ?? {});
  if (!parsed.success) return { ok: false, errors: formatIssues(parsed.error) };
  return { ok: true, config: toEsperConfig(parsed.data) };
}

/**
 * The configuration of a run that validateInvocation accepted; a bad one (a step run on its
 * own) fails with IntegrationValidationError naming every field, as validateInvocation does.
 */
export function requireConfig(raw: unknown): EsperConfig {
  const result = parseConfig(raw);
  if (!result.ok) {
    throw new IntegrationValidationError(
      `Invalid Esper configuration: ${result.errors.join('; ')}`,
    );
  }
  return result.config;
}
