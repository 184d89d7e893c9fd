import { IntegrationValidationError } from '@jupiterone/integration-sdk-core';
import { describe, expect, it } from 'vitest';
import { createKandjiApi } from './client';
import { instanceConfigFields, loadConfig, parseConfig } from './config';
import { planDeviceDetails } from './steps/devices/details-plan';

const base = { apiUrl: 'https://acme.api.kandji.io', accessToken: 'tok-0123456789' };
const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----';

function failure(extra: Record<string, unknown>): string {
  const result = parseConfig({ ...base, ...extra });
  if (result.ok) throw new Error('expected a validation error');
  expect(() => loadConfig({ ...base, ...extra })).toThrow(IntegrationValidationError);
  return result.errors.join('; ');
}

describe('tuning settings (instance config fields)', () => {
  it('are optional J1 config fields; defaults stay unchanged when blank', () => {
    for (const f of [
      'requestTimeoutSeconds',
      'maxConcurrentRequests',
      'requestsPerSecond',
      'requestsPerHour',
      'pageSize',
      'caCertificates',
    ] as const) {
      expect(instanceConfigFields[f]).toMatchObject({ type: 'string', optional: true });
    }
    const api = createKandjiApi(
      loadConfig({ ...base, pageSize: '', requestsPerHour: ' ' }),
      console as never,
    );
    expect(api.pageSize).toBe(300);
    expect(api.concurrency).toBe(8);
    void api.close();
  });

  it('apply when set (strings as env and the J1 form give them)', () => {
    const config = loadConfig({
      ...base,
      requestTimeoutSeconds: '5',
      maxConcurrentRequests: '4',
      requestsPerSecond: '20',
      requestsPerHour: '5,000',
      pageSize: '100',
      caCertificates: PEM,
    });
    expect(config.tuning).toMatchObject({
      pageSize: 100,
      concurrency: 4,
      requestsPerSecond: 20,
      requestsPerHour: 5000,
    });
    expect(config.requestTimeoutSeconds).toBe(5);
    expect(config.caCertificates).toBe(`${PEM}\n`);
    const api = createKandjiApi(config, console as never);
    expect(api.pageSize).toBe(100);
    expect(api.concurrency).toBe(4);
    void api.close();
  });

  it.each([
    [
      'requestsPerSecond',
      '80',
      /requestsPerSecond \(REQUESTS_PER_SECOND\) must be a whole number from 1 to 50 \(Kandji allows at most 50 requests per second/,
    ],
    [
      'requestsPerHour',
      '20000',
      /requestsPerHour \(REQUESTS_PER_HOUR\) must be a whole number from 1 to 10,000 \(Kandji allows at most 10,000 requests per hour/,
    ],
    [
      'pageSize',
      '500',
      /pageSize \(PAGE_SIZE\) must be a whole number from 1 to 300 .*Kandji caps it at 300/,
    ],
    ['pageSize', '0', /pageSize \(PAGE_SIZE\) must be a whole number from 1 to 300/],
    [
      'maxConcurrentRequests',
      'many',
      /maxConcurrentRequests \(MAX_CONCURRENT_REQUESTS\) must be a whole number from 1 to 64/,
    ],
    [
      'requestTimeoutSeconds',
      '1.5',
      /requestTimeoutSeconds \(REQUEST_TIMEOUT_SECONDS\) must be a whole number from 1 to 600/,
    ],
    [
      'caCertificates',
      'not a certificate',
      /caCertificates \(CA_CERTIFICATES\) must be one or more PEM certificates/,
    ],
  ])('refuses %s=%s naming the field and the range', (field, value, message) => {
    const msg = failure({ [field]: value });
    expect(msg).toMatch(message);
    expect(msg).not.toContain(base.accessToken);
  });
});

describe('tuning settings with the deviceDetails setting', () => {
  it('requestsPerHour sets the budget deviceDetails=auto plans device details against', () => {
    const lowered = loadConfig({ ...base, requestsPerHour: '2000', deviceDetails: 'auto' });
    // 10% of 2,000 per hour: 200 devices fit, 201 do not.
    expect(planDeviceDetails(lowered, 200, false)).toMatchObject({ fetch: true, budget: 200 });
    expect(planDeviceDetails(lowered, 201, false)).toMatchObject({ fetch: false, budget: 200 });
    // Kandji's default 10,000 per hour otherwise.
    expect(planDeviceDetails(loadConfig(base), 1_000, false)).toMatchObject({
      fetch: true,
      budget: 1_000,
    });
    // always / never are not touched by the budget; a disabled device-details source wins.
    const always = loadConfig({ ...base, requestsPerHour: '100', deviceDetails: 'always' });
    expect(planDeviceDetails(always, 5_000, false).fetch).toBe(true);
    expect(planDeviceDetails(always, 5_000, false, false).fetch).toBe(false);
  });
});
