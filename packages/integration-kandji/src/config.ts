import { isIPv4 } from 'node:net';
import {
  IntegrationValidationError,
  type IntegrationExecutionContext,
  type IntegrationInstanceConfigFieldMap,
  type IntegrationStepExecutionContext,
} from '@jupiterone/integration-sdk-core';
import { z } from 'zod';
import { tuningConfigFields, tuningFields, type KandjiTuningFields } from './tuning';

/**
 * Kandji (Iru Endpoint Management) API hosts. The user pastes the organization API URL
 * shown in Settings > Access: `{subdomain}.api.kandji.io` (US), `{subdomain}.api.eu.kandji.io`
 * (EU) or, on tenants created before the 2023-02 URL change, `{subdomain}.clients.us-1.kandji.io`.
 */
const KANDJI_HOST_FORMS = [
  { suffix: '.api.kandji.io', region: 'us', webSuffix: '.kandji.io' },
  { suffix: '.api.eu.kandji.io', region: 'eu', webSuffix: '.eu.kandji.io' },
  { suffix: '.clients.us-1.kandji.io', region: 'us-legacy', webSuffix: '.kandji.io' },
] as const;

const API_PATH = '/api/v1';
const SUBDOMAIN = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

export type KandjiRegion = (typeof KANDJI_HOST_FORMS)[number]['region'] | 'custom';

/** The API location derived from `apiUrl`. */
export interface KandjiApiLocation {
  /** Normalized API base, always ending in `/api/v1` (no trailing slash). */
  apiUrl: string;
  /** Tenant name: the subdomain of a Kandji host, else the host itself (loopback simulators). */
  tenant: string;
  region: KandjiRegion;
  /** Base of the Kandji web app, for entity webLinks. */
  webUrl: string;
}

function isLoopback(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost') || h === '::1') return true;
  return isIPv4(h) && h.startsWith('127.');
}

/**
 * Parses the organization API URL in any of the forms users paste: with or without
 * `https://`, with or without `/api/v1` and a trailing slash. Returns a message that
 * says how to fix it when it cannot be used.
 */
export function parseApiUrl(
  input: string,
): { ok: true; location: KandjiApiLocation } | { ok: false; message: string } {
  const raw = input.trim();
  if (!raw) return { ok: false, message: 'apiUrl is required' };
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return {
      ok: false,
      message: `apiUrl "${raw}" is not a URL; expected e.g. https://acme.api.kandji.io/api/v1`,
    };
  }
  if (url.username || url.password)
    return { ok: false, message: 'apiUrl must not contain credentials' };
  if (url.search || url.hash)
    return { ok: false, message: 'apiUrl must not contain a query string or fragment' };
  const loopback = isLoopback(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    return { ok: false, message: `apiUrl must use https (got ${url.protocol.replace(':', '')})` };
  }
  const path = url.pathname.replace(/\/+$/, '');
  if (path !== '' && path !== API_PATH) {
    return {
      ok: false,
      message: `apiUrl path must be empty or ${API_PATH} (got "${url.pathname}"); paste the organization API URL from Settings > Access`,
    };
  }
  const host = url.hostname.toLowerCase();
  const apiUrl = `${url.protocol}//${url.host}${API_PATH}`;
  const form = KANDJI_HOST_FORMS.find((f) => host.endsWith(f.suffix));
  if (form) {
    const tenant = host.slice(0, -form.suffix.length);
    if (!SUBDOMAIN.test(tenant)) {
      return {
        ok: false,
        message: `apiUrl host "${host}" must be {subdomain}${form.suffix} with one subdomain label`,
      };
    }
    return {
      ok: true,
      location: {
        apiUrl,
        tenant,
        region: form.region,
        webUrl: `https://${tenant}${form.webSuffix}`,
      },
    };
  }
  if (host.endsWith('.kandji.io')) {
    // e.g. acme.kandji.io is the web app, not the API.
    return {
      ok: false,
      message: `apiUrl host "${host}" is not a Kandji API host; use the organization API URL from Settings > Access, e.g. acme.api.kandji.io`,
    };
  }
  // Loopback (simulators, proxies) and future Iru hosts: accept, name the tenant after the host.
  return {
    ok: true,
    location: {
      apiUrl,
      tenant: url.host,
      region: 'custom',
      webUrl: `${url.protocol}//${url.host}`,
    },
  };
}

/**
 * Optional tuning, not shown in the J1 UI: page sizes for tests, pacing for benchmarks.
 * Defaults honour Kandji's limits (300 per page, 50 requests/s, 10,000 requests/h).
 */
const tuningSchema = z.object({
  pageSize: z.number().int().min(1).max(300).optional(),
  concurrency: z.number().int().min(1).max(64).optional(),
  requestsPerSecond: z.number().int().min(1).optional(),
  requestsPerHour: z.number().int().min(1).optional(),
  maxRetries: z.number().int().min(0).optional(),
});
export type KandjiTuning = z.infer<typeof tuningSchema>;

/**
 * When Prism mode also reads devices/{id}/details (one request per device) for what no Prism
 * category has: supervision, MAC addresses, remote desktop, and activation lock when
 * prism/activation_lock lacks it. `auto` (default): when those calls fit in 10% of the
 * tenant's hourly budget; `always`; `never`. Without Prism, details are the only source of
 * device details and are always read.
 */
export const DEVICE_DETAILS_MODES = ['auto', 'always', 'never'] as const;
export type DeviceDetailsMode = (typeof DEVICE_DETAILS_MODES)[number];

const deviceDetailsSchema = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim().toLowerCase() || undefined : (v ?? undefined)),
  z.enum(DEVICE_DETAILS_MODES, { error: () => 'must be auto, always or never' }).default('auto'),
);

export const configSchema = z.object({
  apiUrl: z
    .string({
      error: (issue) => (issue.input === undefined ? 'is required' : 'must be a string'),
    })
    .transform((value, ctx) => {
      const parsed = parseApiUrl(value);
      if (!parsed.ok) {
        ctx.addIssue({ code: 'custom', message: parsed.message });
        return z.NEVER;
      }
      return parsed.location;
    }),
  accessToken: z
    .string({
      error: (issue) => (issue.input === undefined ? 'is required' : 'must be a string'),
    })
    .trim()
    .min(1, 'is required')
    .refine(
      (t) => !/\s/.test(t) && !/^bearer$/i.test(t),
      'must be the API token alone (no spaces, no "Bearer " prefix)',
    ),
  deviceDetails: deviceDetailsSchema,
  tuning: tuningSchema.optional(),
  ...tuningFields,
});

/** The parsed, normalized configuration every layer below the J1 entry points works with. */
export type ParsedKandjiConfig = z.output<typeof configSchema>;

/** What the J1 instance config holds (and `.env` for collect: API_URL, ACCESS_TOKEN). */
export interface KandjiIntegrationConfig extends KandjiTuningFields {
  apiUrl: string;
  accessToken: string;
  /** auto (default), always or never: see DEVICE_DETAILS_MODES. */
  deviceDetails?: string;
}

export const instanceConfigFields = {
  apiUrl: { type: 'string', mask: false },
  accessToken: { type: 'string', mask: true },
  deviceDetails: { type: 'string', mask: false, optional: true },
  ...tuningConfigFields,
} satisfies IntegrationInstanceConfigFieldMap<KandjiIntegrationConfig>;

// Every J1 field is a field of the schema and the other way round (`tuning` is internal:
// tests and benchmarks), so the form, the type and the validation cannot drift apart.
type SchemaFields = Exclude<keyof z.input<typeof configSchema>, 'tuning'>;
type FieldsAgree = [SchemaFields] extends [keyof typeof instanceConfigFields]
  ? [keyof typeof instanceConfigFields] extends [SchemaFields]
    ? true
    : false
  : false;
const fieldsAgree: FieldsAgree = true;
void fieldsAgree;

/** The variable `collect` reads a field from: the J1 CLI's snake case (apiUrl -> API_URL). */
export function envName(field: string): string {
  return field.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}

export type ConfigResult =
  { ok: true; config: ParsedKandjiConfig } | { ok: false; errors: string[] };

/**
 * Parses the instance config. Each error names the field and its env variable, e.g.
 * `apiUrl (API_URL) is required`; none echoes a value (the token never appears).
 */
export function parseConfig(raw: unknown): ConfigResult {
  const result = configSchema.safeParse(raw ?? {});
  if (!result.success) {
    return {
      ok: false,
      errors: result.error.issues.map((issue) => {
        const field = issue.path.map(String).join('.') || 'config';
        const label = field in instanceConfigFields ? `${field} (${envName(field)})` : field;
        // parseApiUrl's messages start with the field name; the label replaces it.
        const prefix = [`${field} `, `${field}: `].find((p) => issue.message.startsWith(p));
        return `${label} ${prefix ? issue.message.slice(prefix.length) : issue.message}`;
      }),
    };
  }
  // The user-facing fields win over the internal `tuning` object (tests, benchmarks).
  const d = result.data;
  const fields = {
    pageSize: d.pageSize,
    concurrency: d.maxConcurrentRequests,
    requestsPerSecond: d.requestsPerSecond,
    requestsPerHour: d.requestsPerHour,
  };
  const set = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
  const config = Object.keys(set).length > 0 ? { ...d, tuning: { ...d.tuning, ...set } } : d;
  return { ok: true, config };
}

/** The message of the IntegrationValidationError for a config that failed parseConfig. */
export function configErrorMessage(errors: readonly string[]): string {
  return `Invalid Kandji configuration: ${errors.join('; ')}`;
}

/** parseConfig for the steps: throws IntegrationValidationError naming the field(s). */
export function loadConfig(raw: unknown): ParsedKandjiConfig {
  const result = parseConfig(raw);
  if (!result.ok) throw new IntegrationValidationError(configErrorMessage(result.errors));
  return result.config;
}

export type KandjiExecutionContext = IntegrationExecutionContext<KandjiIntegrationConfig>;
export type KandjiStepContext = IntegrationStepExecutionContext<KandjiIntegrationConfig>;
