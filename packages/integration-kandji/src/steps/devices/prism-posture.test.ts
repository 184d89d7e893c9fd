import { bearerAuth, HttpClient, ValidationReport } from '@mdm-graph/mdm-core';
import { createMockStepExecutionContext } from '@jupiterone/integration-sdk-testing';
import { MockAgent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { captureLogs } from '../../../test/harness';
import type { KandjiApi } from '../../client';
import { loadConfig, type KandjiIntegrationConfig } from '../../config';
import { readPrismPosture } from './prism-posture';

const ORIGIN = 'https://acme.api.kandji.io';
const config = { apiUrl: ORIGIN, accessToken: 't' } as KandjiIntegrationConfig;
const agents: MockAgent[] = [];
afterEach(async () => {
  await Promise.all(agents.splice(0).map((a) => a.close()));
});

/** A KandjiApi whose Prism categories answer with the given rows (403 for `denied`). */
function apiServing(rows: Record<string, unknown[]>, denied: string[] = []): KandjiApi {
  const agent = new MockAgent();
  agent.disableNetConnect();
  agents.push(agent);
  agent
    .get(ORIGIN)
    .intercept({ path: () => true, method: 'GET' })
    .reply((opts) => {
      const category = new URL(String(opts.path), ORIGIN).pathname.replace('/api/v1/prism/', '');
      if (denied.includes(category))
        return { statusCode: 403, data: JSON.stringify({ detail: 'forbidden' }) };
      return {
        statusCode: 200,
        data: JSON.stringify({
          offset: 0,
          limit: 300,
          total: null,
          cursor: null,
          data: rows[category] ?? [],
        }),
        responseOptions: { headers: { 'content-type': 'application/json' } },
      };
    })
    .persist();
  const http = new HttpClient({
    baseUrl: `${ORIGIN}/api/v1`,
    auth: bearerAuth('t'),
    dispatcher: agent,
    retry: { maxRetries: 0 },
  });
  return {
    http,
    location: loadConfig(config).apiUrl,
    pageSize: 300,
    concurrency: 2,
    close: () => http.close(),
  };
}

describe('readPrismPosture', () => {
  it('reads activation lock from prism/activation_lock when its rows carry activation-lock columns', async () => {
    const context = createMockStepExecutionContext({ instanceConfig: config });
    const logs = captureLogs(context);
    const api = apiServing({
      activation_lock: [
        {
          device_id: 'a',
          device_activation_lock_enabled: false,
          user_activation_lock_enabled: true,
        },
        {
          device_id: 'b',
          device_activation_lock_enabled: false,
          user_activation_lock_enabled: false,
        },
      ],
      filevault: [{ device_id: 'a', status: true, key_escrowed: true, key_type: 'personal' }],
    });
    const posture = await readPrismPosture(api, context, new ValidationReport());
    expect(posture.activationLock).toBe(true);
    expect(posture.byId.get('a')).toMatchObject({
      deviceActivationLockEnabled: false,
      userActivationLockEnabled: true,
      filevaultEnabled: true,
      filevaultRecoveryKeyEscrowed: true,
    });
    expect(posture.byId.get('b')).toMatchObject({ userActivationLockEnabled: false });
    expect(logs.text()).toContain('activation lock read from Prism');
  });

  it("falls back when activation_lock rows are device_information copies (Kandji's published example)", async () => {
    const context = createMockStepExecutionContext({ instanceConfig: config });
    const api = apiServing({
      activation_lock: [{ device_id: 'a', os_version: '14.1.1', model: 'Virtual Machine' }],
    });
    const posture = await readPrismPosture(api, context, new ValidationReport());
    expect(posture.activationLock).toBe(false);
    expect(posture.activationLockWhy).toContain('carry no activation-lock column');
    expect(posture.byId.get('a')).toBeUndefined();
  });

  it('leaves a category the token may not read empty and keeps the others', async () => {
    const context = createMockStepExecutionContext({ instanceConfig: config });
    const logs = captureLogs(context);
    const api = apiServing(
      {
        gatekeeper_and_xprotect: [{ device_id: 'a', gatekeeper_status: 'True' }],
        application_firewall: [{ device_id: 'a', status: false }],
      },
      ['filevault', 'activation_lock'],
    );
    const posture = await readPrismPosture(api, context, new ValidationReport());
    expect(posture.byId.get('a')).toEqual({ gatekeeperEnabled: true, firewallEnabled: false });
    expect(posture.activationLock).toBe(false);
    expect(posture.activationLockWhy).toContain('unavailable');
    expect(logs.text()).toContain('Prism prism/filevault unavailable');
  });
});
