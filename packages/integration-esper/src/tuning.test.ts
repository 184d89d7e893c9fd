import { describe, expect, it } from 'vitest';
import { startEsperSimulator } from '../simulator';
import { testConfig } from '../test/config';
import { createEsperClient, listDevices } from './client';
import { describeConfigFields, instanceConfigFields, parseConfig } from './config';

const EID = '3f2a7d9e-1b4c-4e8f-9a6b-0c1d2e3f4a5b';
const bearer = { domain: 'acme', enterpriseId: EID, accessToken: 'key-1234567' };
const silent = { debug() {}, info() {}, warn() {}, error() {} } as never;

function failure(raw: Record<string, unknown>): string {
  const r = parseConfig({ ...bearer, ...raw });
  if (r.ok) throw new Error('expected a validation failure');
  return r.errors.join('; ');
}

describe('tuning settings (instance config fields)', () => {
  it('are optional, described fields; absent means the defaults', () => {
    const names = [
      'requestTimeoutSeconds',
      'maxConcurrentRequests',
      'requestsPerWindow',
      'rateWindowSeconds',
      'pageSize',
      'caCertificates',
    ];
    for (const name of names) {
      expect(instanceConfigFields[name as keyof typeof instanceConfigFields]).toEqual({
        type: 'string',
        optional: true,
      });
      expect(describeConfigFields().find((f) => f.name === name)?.description).toMatch(
        /^Optional: /,
      );
    }
    expect(testConfig(bearer).tuning).toEqual({
      requestTimeoutSeconds: undefined,
      maxConcurrentRequests: undefined,
      requestsPerWindow: undefined,
      rateWindowSeconds: undefined,
      pageSize: undefined,
      caCertificates: undefined,
    });
  });

  it('parses env-style strings', () => {
    expect(
      testConfig({
        ...bearer,
        requestTimeoutSeconds: '10',
        maxConcurrentRequests: '4',
        requestsPerWindow: '4000',
        rateWindowSeconds: '300',
        pageSize: '100',
      }).tuning,
    ).toMatchObject({
      requestTimeoutSeconds: 10,
      maxConcurrentRequests: 4,
      requestsPerWindow: 4000,
      rateWindowSeconds: 300,
      pageSize: 100,
    });
  });

  it.each([
    [
      'pageSize',
      '1000',
      /pageSize \(PAGE_SIZE\) must be a whole number from 1 to 250 .*Esper documents no maximum/,
    ],
    [
      'requestsPerWindow',
      '0',
      /requestsPerWindow \(REQUESTS_PER_WINDOW\) must be a whole number from 1 to 100,000 .*8,000 per 300 s/,
    ],
    [
      'rateWindowSeconds',
      '7200',
      /rateWindowSeconds \(RATE_WINDOW_SECONDS\) must be a whole number from 1 to 3,600/,
    ],
    [
      'maxConcurrentRequests',
      '-2',
      /maxConcurrentRequests \(MAX_CONCURRENT_REQUESTS\) must be a whole number from 1 to 64/,
    ],
    [
      'requestTimeoutSeconds',
      'soon',
      /requestTimeoutSeconds \(REQUEST_TIMEOUT_SECONDS\) must be a whole number from 1 to 600/,
    ],
    [
      'caCertificates',
      'abc',
      /caCertificates \(CA_CERTIFICATES\) must be one or more PEM certificates/,
    ],
  ])('refuses %s=%s naming the field and the range', (field, value, message) => {
    const msg = failure({ [field]: value });
    expect(msg).toMatch(message);
    expect(msg).not.toContain(bearer.accessToken);
  });

  it('pageSize is the limit the list calls send', async () => {
    const sim = await startEsperSimulator({ seed: 'tuning', devices: 12 });
    try {
      const config = testConfig({ ...sim.config, pageSize: '5' });
      const client = createEsperClient(config, silent);
      const ids: string[] = [];
      for await (const d of listDevices(client, config.enterpriseId)) ids.push(d.id);
      await client.close();
      expect(new Set(ids).size).toBe(12);
      const pages = sim.server.stats().byRoute.devices?.count;
      expect(pages).toBe(3); // 5 + 5 + 2
    } finally {
      await sim.close();
    }
  });
});
