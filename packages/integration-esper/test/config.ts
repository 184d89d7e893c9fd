import { type EsperConfig, parseConfig } from '../src/config';

/** A parsed configuration for tests that need one; fails the test on a bad one. */
export function testConfig(raw: Record<string, unknown>): EsperConfig {
  const result = parseConfig(raw);
  if (!result.ok) throw new Error(`test configuration is invalid: ${result.errors.join('; ')}`);
  return result.config;
}
