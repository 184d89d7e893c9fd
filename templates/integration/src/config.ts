import {
  type IntegrationInstanceConfig,
  type IntegrationInstanceConfigFieldMap,
  IntegrationValidationError,
} from '@jupiterone/integration-sdk-core';
import { z } from 'zod';

/**
 * The one description of the instance configuration: the zod schema gives the TypeScript type,
 * the J1 `instanceConfigFields` (secrets masked) and the validation messages. Env names follow
 * the J1 CLI: snakeCase(field).toUpperCase() (API_URL, ACCESS_TOKEN).
 */
export interface IntegrationConfig extends IntegrationInstanceConfig {
  apiUrl: string;
  accessToken: string;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

const blankToUndefined = (v: unknown) =>
  typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v;

const schema = z.object({
  apiUrl: z.preprocess(
    blankToUndefined,
    z
      .string({ error: (i) => (i.input === undefined ? 'is required' : 'must be a string') })
      .refine(isHttpsOrLoopback, {
        message:
          'must be an https URL (http only for 127.0.0.1/localhost), e.g. https://acme.example.com/api/v1',
      }),
  ),
  accessToken: z.preprocess(
    blankToUndefined,
    z.string({ error: (i) => (i.input === undefined ? 'is required' : 'must be a string') }),
  ),
});

function isHttpsOrLoopback(input: string): boolean {
  try {
    const url = new URL(input);
    if (url.username || url.password || url.search || url.hash) return false;
    return (
      url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname))
    );
  } catch {
    return false;
  }
}

/** What the client needs: the base URL without a trailing slash. */
export interface __VendorPascal__Config {
  apiUrl: string;
  accessToken: string;
}

export type ConfigResult =
  { ok: true; config: __VendorPascal__Config } | { ok: false; errors: string[] };

const ENV_NAMES: Record<keyof __VendorPascal__Config, string> = {
  apiUrl: 'API_URL',
  accessToken: 'ACCESS_TOKEN',
};

/** Validates the instance configuration; every error names the field and its env variable. */
export function parseConfig(input: Partial<Record<string, unknown>>): ConfigResult {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((issue) => {
        const field = String(issue.path[0]) as keyof __VendorPascal__Config;
        return `${field} (${ENV_NAMES[field] ?? field}) ${issue.message}`;
      }),
    };
  }
  return {
    ok: true,
    config: {
      apiUrl: parsed.data.apiUrl.replace(/\/+$/, ''),
      accessToken: parsed.data.accessToken,
    },
  };
}

/** The configuration of a step: parsed, or an IntegrationValidationError naming every bad field. */
export function requireConfig(input: Partial<Record<string, unknown>>): __VendorPascal__Config {
  const result = parseConfig(input);
  if (!result.ok) {
    throw new IntegrationValidationError(`Invalid configuration: ${result.errors.join('; ')}`);
  }
  return result.config;
}

export const instanceConfigFields = {
  apiUrl: { type: 'string' },
  accessToken: { type: 'string', mask: true },
} satisfies IntegrationInstanceConfigFieldMap<IntegrationConfig>;
