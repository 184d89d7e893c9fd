import {
  createIntegrationEntity,
  type Entity,
  IntegrationProviderAuthorizationError,
  type IntegrationStep,
  type IntegrationStepExecutionContext,
} from '@jupiterone/integration-sdk-core';
import { createMockStepExecutionContext } from '@jupiterone/integration-sdk-testing';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { bearerAuth } from '../http/auth';
import { json, startLoopback, type Loopback } from '../http/__tests__/loopback';
import { RateLimiter } from '../http/rate-limit/index';
import { TenantPools } from '../http/tenant-pool';
import { paginate } from '../paginate/paginate';
import { nextUrlEnvelope } from '../paginate/strategies';
import { parseRecords } from '../schema/parse-records';
import {
  defineVendor,
  fanOut,
  newReport,
  optionalResource,
  partialDataStep,
  publishSkipped,
  stepData,
  tenantRegistry,
} from './index';

// A whole step on the step layer against a loopback vendor, with the J1 SDK's own mock
// context: the types line up with IntegrationStep, and the behaviour is what J1 sees.

interface AcmeConfig {
  apiUrl: string;
  apiToken: string;
}
type AcmeContext = IntegrationStepExecutionContext<AcmeConfig>;

const acme = defineVendor<AcmeConfig>({
  name: 'Acme',
  credential: 'API token',
  grantWhere: 'Acme Admin > API',
  credentialField: 'apiToken (API_TOKEN)',
});
const USERS = {
  endpoint: 'GET users',
  permission: 'Users: read',
  skipped: 'the user directory',
  source: 'users',
};
const DEVICE_APPS = {
  endpoint: 'GET devices/{id}/apps',
  permission: 'Apps: read',
  skipped: 'installed apps',
  source: 'installed-apps',
};
const DeviceIds = stepData<string[]>('ACME_DEVICE_IDS', { producerStep: 'fetch-devices' });
const pools = new TenantPools();
const tenants = tenantRegistry('acme-usage', pools);

const client = (context: AcmeContext) =>
  tenants.client({
    tenant: [context.instance.config.apiUrl, context.instance.config.apiToken],
    baseUrl: context.instance.config.apiUrl,
    auth: bearerAuth(context.instance.config.apiToken),
    maxConcurrency: 4,
    rateLimit: {
      create: () => new RateLimiter({ windows: [{ name: 's', limit: 100, intervalMs: 1000 }] }),
    },
    retry: { maxRetries: 0 },
    logger: context.logger,
  });

const step: IntegrationStep<AcmeConfig> = {
  id: 'fetch-apps-and-users',
  name: 'Fetch apps and users',
  entities: [],
  relationships: [],
  executionHandler: partialDataStep(acme, async (context: AcmeContext, partial) => {
    const http = client(context);
    const report = newReport(context);
    try {
      await optionalResource(partial, USERS, async () => {
        const users = paginate(http, nextUrlEnvelope({ path: 'users' }), {
          resource: 'user',
          schema: z.object({ id: z.string() }),
          report,
        });
        for await (const u of users) await context.jobState.addEntity(userEntity(u.id));
      });
      const ids = await DeviceIds.get(context.jobState);
      const apps = fanOut(
        ids,
        async (id) =>
          parseRecords(
            z.object({ name: z.string() }),
            (await http.getJson<unknown[]>(`devices/${id}/apps`)).data,
            { resource: 'app', report },
          ),
        { partial, endpoint: DEVICE_APPS, concurrency: 2, idOf: (id) => id },
      );
      for await (const { item, value } of apps)
        await context.jobState.setData(
          `apps:${item}`,
          value.map((a) => a.name),
        );
      publishSkipped(partial, report);
    } finally {
      await http.close();
    }
  }),
};

function userEntity(id: string): Entity {
  return createIntegrationEntity({
    entityData: {
      source: {},
      assign: { _key: `acme_user:${id}`, _type: 'acme_user', _class: 'Record', name: id },
    },
  });
}

let server: Loopback | undefined;
afterEach(async () => {
  await tenants.close();
  await server?.close();
  server = undefined;
});

describe('a step on the step layer', () => {
  it('ingests what it may read, warns once per refused endpoint, then fails the step (types partial)', async () => {
    server = await startLoopback((req, res) => {
      if (req.url.startsWith('/users'))
        return json(res, 200, { results: [{ id: 'u1' }, { id: 2 }], next: null });
      if (req.url === '/devices/d2/apps') return json(res, 403, { detail: 'forbidden' });
      if (req.url === '/devices/d3/apps') return json(res, 404, { detail: 'gone' });
      return json(res, 200, [{ name: 'Safari' }]);
    });
    const context = createMockStepExecutionContext<AcmeConfig>({
      instanceConfig: { apiUrl: server.url, apiToken: 'acme-secret-token-1' },
    });
    await DeviceIds.set(context.jobState, ['d1', 'd2', 'd3']);
    const err = await Promise.resolve(step.executionHandler(context)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IntegrationProviderAuthorizationError);
    expect((err as Error).message).toContain('"Apps: read"');
    expect(context.jobState.collectedEntities.map((e) => e._key)).toEqual(['acme_user:u1']);
    expect(JSON.stringify(err)).not.toContain('acme-secret-token-1');
  });

  it('a dependent step without its prerequisite fails naming the step', async () => {
    server = await startLoopback((_req, res) => json(res, 200, { results: [], next: null }));
    const context = createMockStepExecutionContext<AcmeConfig>({
      instanceConfig: { apiUrl: server.url, apiToken: 'acme-secret-token-1' },
    });
    await expect(Promise.resolve(step.executionHandler(context))).rejects.toThrow(
      'the fetch-devices step did not complete',
    );
  });
});
