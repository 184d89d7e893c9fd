import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  boundedIntegerSetting,
  caCertificatesSetting,
  settingEnvName,
  timeoutsFromSeconds,
} from './settings';

const pem = `-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----`;

describe('tuning settings', () => {
  const perSecond = z.object({
    requestsPerSecond: boundedIntegerSetting({ min: 1, max: 50, why: 'Kandji allows 50/s' }),
  });

  it('accepts numbers, numeric strings and blanks (default)', () => {
    expect(perSecond.parse({ requestsPerSecond: 20 })).toEqual({ requestsPerSecond: 20 });
    expect(perSecond.parse({ requestsPerSecond: ' 20 ' })).toEqual({ requestsPerSecond: 20 });
    expect(perSecond.parse({ requestsPerSecond: '' })).toEqual({ requestsPerSecond: undefined });
    expect(perSecond.parse({})).toEqual({ requestsPerSecond: undefined });
    expect(boundedIntegerSetting({ min: 1, max: 10_000 }).parse('10,000')).toBe(10_000);
  });

  it('refuses values outside the range, fractions and words, naming the range and why', () => {
    for (const bad of [0, 51, '80', '2.5', 'fast', -1, true]) {
      const r = perSecond.safeParse({ requestsPerSecond: bad });
      expect(r.success, String(bad)).toBe(false);
      expect(r.error?.issues[0]?.path).toEqual(['requestsPerSecond']);
      expect(r.error?.issues[0]?.message).toMatch(
        /^must be a whole number from 1 to 50 \(Kandji allows 50\/s\)/,
      );
    }
  });

  it('reads PEM bundles, also with literal \\n from one-line env files', () => {
    const ca = caCertificatesSetting();
    expect(ca.parse(pem)).toBe(`${pem}\n`);
    expect(ca.parse(pem.replace(/\n/g, '\\n'))).toBe(`${pem}\n`);
    expect(ca.parse('')).toBeUndefined();
    expect(ca.safeParse('hello').error?.issues[0]?.message).toMatch(/PEM certificates/);
  });

  it('names env variables as the J1 CLI does and maps the timeout', () => {
    expect(settingEnvName('requestsPerHour')).toBe('REQUESTS_PER_HOUR');
    expect(settingEnvName('caCertificates')).toBe('CA_CERTIFICATES');
    expect(timeoutsFromSeconds(5)).toEqual({ headersMs: 5000, bodyMs: 10000 });
    expect(timeoutsFromSeconds(undefined)).toBeUndefined();
  });
});
