import {
  IntegrationProviderAPIError,
  IntegrationProviderAuthenticationError,
  IntegrationProviderAuthorizationError,
  IntegrationWarnEventName,
} from '@jupiterone/integration-sdk-core';
import { describe, expect, it } from 'vitest';
import { optionalResource, PartialData, partialDataStep, requiredResource } from './partial-data';
import { defineVendor, type OptionalEndpoint } from './vendor';
import { fakeContext, httpError } from './__tests__/context';

const vendor = defineVendor({
  name: 'Kandji',
  credential: 'API token',
  grantWhere: 'Kandji Settings > Access',
  credentialField: 'accessToken (ACCESS_TOKEN)',
});

const USERS: OptionalEndpoint = {
  endpoint: 'GET users',
  permission: 'Users',
  skipped: 'the user directory',
  source: 'users',
};
const BLUEPRINTS: OptionalEndpoint = {
  endpoint: 'GET blueprints',
  permission: 'Blueprints',
  skipped: 'blueprints',
  source: 'blueprints',
};

describe('PartialData', () => {
  it('warns once per endpoint (log + MissingPermission event) and fails the step naming every permission', () => {
    const context = fakeContext();
    const partial = new PartialData(vendor, context);
    expect(partial.record(USERS, httpError(403))).toBe(true);
    expect(partial.record(USERS, httpError(403))).toBe(true);
    partial.record(BLUEPRINTS, httpError(403));
    expect(partial.size).toBe(2);
    expect(context.events).toEqual([
      {
        name: IntegrationWarnEventName.MissingPermission,
        description: expect.stringContaining('"Users" permission') as string,
      },
      {
        name: IntegrationWarnEventName.MissingPermission,
        description: expect.stringContaining('"Blueprints" permission') as string,
      },
    ]);
    expect(context.warnings()).toHaveLength(2);
    const err = partial.error();
    expect(err).toBeInstanceOf(IntegrationProviderAuthorizationError);
    expect(err?.message).toContain('GET users, GET blueprints');
    expect(err?.message).toContain(
      'Forbidden (requires Kandji API token permission "Users", "Blueprints"; the user directory; blueprints not ingested, previously ingested data of this step is kept as partial; to fix: grant "Users" to the API token (Kandji Settings > Access), or switch off the "users" ingestion source; grant "Blueprints"',
    );
    expect(() => partial.throwIfAny()).toThrow(IntegrationProviderAuthorizationError);
  });

  it('a 404 is IncompleteData and ends the step with a provider API error (404)', () => {
    const context = fakeContext();
    const partial = new PartialData(vendor, context);
    partial.record(USERS, httpError(404));
    expect(context.events[0]?.name).toBe(IntegrationWarnEventName.IncompleteData);
    const err = partial.error();
    expect(err).toBeInstanceOf(IntegrationProviderAPIError);
    expect(err).not.toBeInstanceOf(IntegrationProviderAuthorizationError);
    expect((err as IntegrationProviderAPIError).status).toBe(404);
    expect(err?.message).toContain('the user directory not ingested');
  });

  it('a refusal wins over a 404 of the same endpoint, and is warned about', () => {
    const context = fakeContext();
    const partial = new PartialData(vendor, context);
    partial.absent(USERS);
    partial.refused(USERS);
    partial.absent(USERS);
    expect(partial.unavailable.map((u) => u.status)).toEqual([403]);
    expect(context.events.map((e) => e.name)).toEqual([
      IntegrationWarnEventName.IncompleteData,
      IntegrationWarnEventName.MissingPermission,
    ]);
    expect(partial.error()).toBeInstanceOf(IntegrationProviderAuthorizationError);
  });

  it('records only 403 and 404; does not warn again when told the warning was given', () => {
    const context = fakeContext();
    const partial = new PartialData(vendor, context);
    expect(partial.record(USERS, httpError(500))).toBe(false);
    expect(partial.record(USERS, new Error('x'))).toBe(false);
    expect(partial.record(USERS, httpError(403), { warned: true })).toBe(true);
    expect(context.events).toEqual([]);
    expect(partial.has(USERS)).toBe(true);
    expect(partial.error()).toBeDefined();
  });

  it('no recording, no error', () => {
    const partial = new PartialData(vendor, fakeContext());
    expect(partial.error()).toBeUndefined();
    expect(() => partial.throwIfAny()).not.toThrow();
  });
});

describe('partialDataStep / optionalResource / requiredResource', () => {
  it('ingests the rest, then fails the step once for the refused endpoint', async () => {
    const context = fakeContext();
    const ingested: string[] = [];
    const step = partialDataStep(vendor, async (_ctx, partial) => {
      const users = await optionalResource(partial, USERS, () => Promise.reject(httpError(403)));
      expect(users).toBe(false);
      const blueprints = await optionalResource(partial, BLUEPRINTS, async () => {
        ingested.push('blueprint-1');
      });
      expect(blueprints).toBe(true);
    });
    await expect(step(context)).rejects.toBeInstanceOf(IntegrationProviderAuthorizationError);
    expect(ingested).toEqual(['blueprint-1']);
    expect(context.events).toHaveLength(1);
  });

  it('a step without refusals succeeds; a handler error is the step error', async () => {
    await expect(partialDataStep(vendor, async () => undefined)(fakeContext())).resolves.toBe(
      undefined,
    );
    const boom = new Error('boom');
    await expect(partialDataStep(vendor, () => Promise.reject(boom))(fakeContext())).rejects.toBe(
      boom,
    );
  });

  it('optionalResource maps other failures to J1 errors naming endpoint, permission and the credential on 401', async () => {
    const partial = new PartialData(vendor, fakeContext());
    const unauth = optionalResource(partial, USERS, () => Promise.reject(httpError(401)));
    await expect(unauth).rejects.toBeInstanceOf(IntegrationProviderAuthenticationError);
    await expect(unauth).rejects.toThrow(/GET users.*check accessToken \(ACCESS_TOKEN\)/);
    await expect(
      optionalResource(partial, USERS, () => Promise.reject(httpError(503))),
    ).rejects.toBeInstanceOf(IntegrationProviderAPIError);
    // A 404 is not partial data when the caller says it is not (e.g. a product the tenant lacks).
    await expect(
      optionalResource(partial, USERS, () => Promise.reject(httpError(404)), {
        statuses: [403],
      }),
    ).rejects.toBeInstanceOf(IntegrationProviderAPIError);
    expect(partial.size).toBe(0);
  });

  it('requiredResource returns the value or the mapped error (403 names the permission)', async () => {
    const scope = { vendor, context: fakeContext() };
    const devices = { endpoint: 'GET devices', permission: 'Device list' };
    await expect(requiredResource(scope, devices, async () => 42)).resolves.toBe(42);
    await expect(
      requiredResource(scope, devices, () => Promise.reject(httpError(403))),
    ).rejects.toThrow(/requires permission: Device list/);
  });
});
