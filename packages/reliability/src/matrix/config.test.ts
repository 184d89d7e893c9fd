import { describe, expect } from 'vitest';
import { matrixTest } from './define';
import { startTenant, type Tenant } from './harness';

const CANARY = 'cfg-canary-9b3e51d0a7';

interface ConfigFault {
  field: string;
  fault: string;
  env: (base: Record<string, string>) => Record<string, string | undefined>;
}

const KANDJI: ConfigFault[] = [
  { field: 'apiUrl', fault: 'missing', env: (b) => ({ ...b, API_URL: undefined }) },
  { field: 'apiUrl', fault: 'blank', env: (b) => ({ ...b, API_URL: '  ' }) },
  { field: 'apiUrl', fault: 'not a URL', env: (b) => ({ ...b, API_URL: 'http://exa mple:port' }) },
  {
    field: 'apiUrl',
    fault: 'web app host',
    env: (b) => ({ ...b, API_URL: 'https://acme.kandji.io' }),
  },
  {
    field: 'apiUrl',
    fault: 'plain http',
    env: (b) => ({ ...b, API_URL: 'http://acme.api.kandji.io/api/v1' }),
  },
  {
    field: 'apiUrl',
    fault: 'wrong path',
    env: (b) => ({ ...b, API_URL: 'https://acme.api.kandji.io/v2' }),
  },
  { field: 'accessToken', fault: 'missing', env: (b) => ({ ...b, ACCESS_TOKEN: undefined }) },
  { field: 'accessToken', fault: 'blank', env: (b) => ({ ...b, ACCESS_TOKEN: '' }) },
  {
    field: 'accessToken',
    fault: 'Bearer prefix',
    env: (b) => ({ ...b, ACCESS_TOKEN: `Bearer ${CANARY}` }),
  },
  {
    field: 'accessToken',
    fault: 'contains spaces',
    env: (b) => ({ ...b, ACCESS_TOKEN: `${CANARY} ${CANARY}` }),
  },
  {
    field: 'requestsPerSecond',
    fault: "above Kandji's 50/s",
    env: (b) => ({ ...b, REQUESTS_PER_SECOND: '80' }),
  },
  {
    field: 'requestsPerHour',
    fault: 'above 10,000/h',
    env: (b) => ({ ...b, REQUESTS_PER_HOUR: '20000' }),
  },
  { field: 'pageSize', fault: 'above 300', env: (b) => ({ ...b, PAGE_SIZE: '500' }) },
  {
    field: 'maxConcurrentRequests',
    fault: 'not a number',
    env: (b) => ({ ...b, MAX_CONCURRENT_REQUESTS: 'many' }),
  },
  {
    field: 'requestTimeoutSeconds',
    fault: 'zero',
    env: (b) => ({ ...b, REQUEST_TIMEOUT_SECONDS: '0' }),
  },
  {
    field: 'caCertificates',
    fault: 'no PEM certificate',
    env: (b) => ({ ...b, CA_CERTIFICATES: 'not a cert' }),
  },
];

const TUNING_FAULTS: ConfigFault[] = [
  { field: 'pageSize', fault: 'above 250', env: (b) => ({ ...b, PAGE_SIZE: '1000' }) },
  { field: 'requestsPerWindow', fault: 'zero', env: (b) => ({ ...b, REQUESTS_PER_WINDOW: '0' }) },
  {
    field: 'rateWindowSeconds',
    fault: 'above an hour',
    env: (b) => ({ ...b, RATE_WINDOW_SECONDS: '7200' }),
  },
  {
    field: 'maxConcurrentRequests',
    fault: 'negative',
    env: (b) => ({ ...b, MAX_CONCURRENT_REQUESTS: '-1' }),
  },
  {
    field: 'requestTimeoutSeconds',
    fault: 'fraction',
    env: (b) => ({ ...b, REQUEST_TIMEOUT_SECONDS: '1.5' }),
  },
  {
    field: 'caCertificates',
    fault: 'no PEM certificate',
    env: (b) => ({ ...b, CA_CERTIFICATES: 'not a cert' }),
  },
];

const ESPER: ConfigFault[] = [
  { field: 'domain', fault: 'missing', env: (b) => ({ ...b, DOMAIN: undefined }) },
  { field: 'domain', fault: 'another host', env: (b) => ({ ...b, DOMAIN: 'acme.example.com' }) },
  { field: 'enterpriseId', fault: 'missing', env: (b) => ({ ...b, ENTERPRISE_ID: undefined }) },
  {
    field: 'enterpriseId',
    fault: 'not a UUID',
    env: (b) => ({ ...b, ENTERPRISE_ID: 'enterprise-1' }),
  },
  {
    field: 'accessToken',
    fault: 'missing (no OAuth2 either)',
    env: (b) => ({ ...b, ACCESS_TOKEN: undefined }),
  },
  {
    field: 'apiBaseUrl',
    fault: 'plain http to a remote host',
    env: (b) => ({ ...b, API_BASE_URL: 'http://acme-api.esper.cloud/api' }),
  },
  { field: 'apiBaseUrl', fault: 'not a URL', env: (b) => ({ ...b, API_BASE_URL: 'acme api' }) },
  {
    field: 'clientSecret',
    fault: 'missing with OAuth2',
    env: (b) => ({
      ...b,
      ACCESS_TOKEN: undefined,
      CLIENT_ID: 'client-1',
      TOKEN_URL: 'https://auth.example.com/token',
    }),
  },
  {
    field: 'clientId',
    fault: 'missing with OAuth2',
    env: (b) => ({
      ...b,
      ACCESS_TOKEN: undefined,
      CLIENT_SECRET: CANARY,
      TOKEN_URL: 'https://auth.example.com/token',
    }),
  },
  {
    field: 'tokenUrl',
    fault: 'not https',
    env: (b) => ({
      ...b,
      ACCESS_TOKEN: undefined,
      CLIENT_ID: 'client-1',
      CLIENT_SECRET: CANARY,
      TOKEN_URL: 'ftp://auth.example.com/token',
    }),
  },
  ...TUNING_FAULTS,
];

const ALL_FIELDS: Record<string, string[]> = {
  kandji: [
    'apiUrl',
    'accessToken',
    'requestTimeoutSeconds',
    'maxConcurrentRequests',
    'requestsPerSecond',
    'requestsPerHour',
    'pageSize',
    'caCertificates',
  ],
  esper: [
    'domain',
    'enterpriseId',
    'accessToken',
    'apiBaseUrl',
    'clientId',
    'clientSecret',
    'tokenUrl',
    'requestTimeoutSeconds',
    'maxConcurrentRequests',
    'requestsPerWindow',
    'rateWindowSeconds',
    'pageSize',
    'caCertificates',
  ],
};

async function checkFaults(tenant: Tenant, faults: ConfigFault[]): Promise<void> {
  for (const f of faults) {
    const before = tenant.server.stats().total;
    const run = await tenant.run(`config-${f.field}`, f.env(tenant.env));
    const what = `${f.field} ${f.fault}`;
    expect(run.result.ok, what).toBe(false);
    expect(run.result.exitCode, what).toBe(1);
    const message = run.result.validationError ?? '';
    expect(message, what).toMatch(new RegExp(`\\b${f.field}\\b`));
    // One message, about that field: it is the first field the message names (an
    // alternative may follow, e.g. "accessToken is required ... unless clientId + ...").
    const named = (ALL_FIELDS[tenant.integration] ?? [])
      .map((x) => ({ x, at: message.search(new RegExp(`\\b${x}\\b`)) }))
      .filter((n) => n.at >= 0)
      .sort((a, b) => a.at - b.at);
    expect(named[0]?.x, `${what}: ${message}`).toBe(f.field);
    expect(message, what).not.toContain(CANARY);
    expect(run.log, what).not.toContain(CANARY);
    expect(tenant.server.stats().total - before, `${what}: no API call before validation`).toBe(0);
  }
}

describe('config validation', () => {
  matrixTest('K-CF-1', async () => {
    const tenant = await startTenant('kandji');
    try {
      await checkFaults(tenant, KANDJI);
    } finally {
      await tenant.close();
    }
  });
  matrixTest('E-CF-1', async () => {
    const tenant = await startTenant('esper');
    try {
      await checkFaults(tenant, ESPER);
    } finally {
      await tenant.close();
    }
  });
});
