import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import dotenv from 'dotenv';
import snakeCase from 'lodash/snakeCase';
import {
  IntegrationValidationError,
  type IntegrationInstanceConfig,
  type IntegrationInstanceConfigFieldMap,
} from '@jupiterone/integration-sdk-core';

/** The J1 CLI's env naming: `accessToken` -> `ACCESS_TOKEN`, `subdomainV2` -> `SUBDOMAIN_V_2`. */
export function envVarName(field: string): string {
  return snakeCase(field).toUpperCase();
}

/**
 * Reads `<projectDir>/.env` without overriding variables already set, so an
 * explicit environment always wins over the file (as with the J1 CLI).
 */
export function readDotEnv(projectDir: string): Record<string, string> {
  const file = join(projectDir, '.env');
  return existsSync(file) ? dotenv.parse(readFileSync(file)) : {};
}

/**
 * Builds the instance config from environment variables. A missing required
 * field fails with a message naming both the field and its variable.
 */
export function configFromEnv<T extends IntegrationInstanceConfig>(
  fields: IntegrationInstanceConfigFieldMap<T> | undefined,
  env: Record<string, string | undefined>,
): T {
  const config: Record<string, unknown> = {};
  const missing: string[] = [];
  for (const [field, spec] of Object.entries(fields ?? {})) {
    const name = envVarName(field);
    const raw = env[name];
    if (raw === undefined || raw === '') {
      if (!spec.optional) missing.push(`${field} (${name})`);
      continue;
    }
    config[field] = convert(field, name, spec.type ?? 'string', raw);
  }
  if (missing.length > 0) {
    throw new IntegrationValidationError(
      `Missing required config: ${missing.join(', ')}. Set it in the environment or in .env.`,
    );
  }
  return config as T;
}

function convert(field: string, name: string, type: string, raw: string): unknown {
  if (type === 'boolean') {
    const v = raw.trim().toLowerCase();
    if (v === 'true' || v === 'false') return v === 'true';
    throw new IntegrationValidationError(`Config field ${field} (${name}) must be true or false.`);
  }
  if (type === 'json') {
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      throw new IntegrationValidationError(`Config field ${field} (${name}) is not valid JSON.`);
    }
  }
  return raw;
}
