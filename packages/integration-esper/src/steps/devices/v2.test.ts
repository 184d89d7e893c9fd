import { IntegrationProviderAPIError } from '@jupiterone/integration-sdk-core';
import { createMockStepExecutionContext } from '@jupiterone/integration-sdk-testing';
import { ApiCallError, bearerAuth, HttpClient } from '@mdm-graph/mdm-core';
import { describe, expect, it, vi } from 'vitest';
import { listDevices, listDevicesV2 } from '../../client';
import type { IntegrationConfig } from '../../config';
import { expectedGraph, sorted } from '../../../test/expected';
import {
  captureLogs,
  keysOf,
  MULTI_OS_FLEET,
  runSteps,
  withSimulator,
} from '../../../test/harness';
import { Entities, EsperLimits, Relationships, Steps } from '../constants';
import { fetchDevices } from '.';

async function drain<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

async function devicesStep(config: IntegrationConfig) {
  const context = createMockStepExecutionContext<IntegrationConfig>({ instanceConfig: config });
  const logs = captureLogs(context);
  await runSteps(config, { context, steps: [Steps.ACCOUNT, Steps.DEVICE_GROUPS] });
  const error = await fetchDevices(context).then(
    () => undefined,
    (e: unknown) => e as Error,
  );
  return { context, logs, error };
}

describe('fetch-devices through v2', () => {
  it('pages the v2 list with offsets from count, every platform', async () => {
    await withSimulator(MULTI_OS_FLEET, async (sim) => {
      const { context, error } = await devicesStep(sim.config);
      expect(error).toBeUndefined();
      const expected = expectedGraph(sim.fleet);
      expect(keysOf(context.jobState.collectedEntities, Entities.DEVICE._type)).toEqual(
        sorted(expected.devices),
      );
      expect(
        keysOf(
          context.jobState.collectedRelationships,
          Relationships.DEVICE_GROUP_HAS_DEVICE._type,
        ),
      ).toEqual(sorted(expected.groupHasDevice));
      // 29 devices, v2 pages capped at 5 by the server: 6 pages, no request past the end.
      expect(sim.fleet.devices).toHaveLength(29);
      expect(sim.server.stats().byRoute['v2-devices']?.count).toBe(6);
    });
  });

  it('ingests an Android device only v2 lists (enrolled after the v1 read) from v2', async () => {
    await withSimulator(MULTI_OS_FLEET, async (sim) => {
      const late = sim.fleet.devices.find((d) => d.platform === 'ANDROID' && d.hasInfo);
      if (!late) throw new Error('fleet without an Android device');
      late.hiddenFromV1 = true;
      const { context, error } = await devicesStep(sim.config);
      expect(error).toBeUndefined();
      const entity = context.jobState.collectedEntities.find((e) => e.id === late.id);
      expect(entity).toMatchObject({
        osType: 'android',
        esperPlatform: 'ANDROID',
        serial: late.serial,
        lastSeenOn: Date.parse(late.lastSeen),
        groupIds: late.groupIds.slice(0, 1),
      });
      expect(entity).not.toHaveProperty('userId');
    });
  });

  it('leaves osType empty for an os it cannot classify and reports the drift once', async () => {
    await withSimulator(MULTI_OS_FLEET, async (sim) => {
      const odd = sim.fleet.devices.filter((d) => d.platform === 'APPLE').slice(0, 2);
      for (const d of odd) d.os = 'visionOS';
      const { context, logs, error } = await devicesStep(sim.config);
      expect(error).toBeUndefined();
      for (const d of odd) {
        const entity = context.jobState.collectedEntities.find((e) => e.id === d.id);
        expect(entity).toMatchObject({ osType: null, esperPlatform: 'APPLE', serial: d.serial });
      }
      expect(logs().match(/cannot classify/g)).toHaveLength(1);
      expect(logs()).toContain('"APPLE/visionOS":2');
    });
  });

  it('skips v2 devices of another tenant than enterpriseId, with a warning', async () => {
    await withSimulator(MULTI_OS_FLEET, async (sim) => {
      const context = createMockStepExecutionContext<IntegrationConfig>({
        instanceConfig: sim.config,
      });
      const logs = captureLogs(context);
      await runSteps(sim.config, { context, steps: [Steps.ACCOUNT, Steps.DEVICE_GROUPS] });
      // The v2 host now answers for another tenant (v1 routes keep the configured one).
      sim.fleet.enterprise.id = '99999999-9999-4999-8999-999999999999';
      await fetchDevices(context);
      const devices = context.jobState.collectedEntities.filter(
        (e) => e._type === Entities.DEVICE._type,
      );
      expect(new Set(devices.map((d) => d.osType))).toEqual(new Set(['android']));
      for (const d of devices) expect(d.lastSeenOn).toBeNull();
      expect(logs().match(/another tenant than enterpriseId/g)).toHaveLength(1);
    });
  });

  it('on a key refused v2 (403) ingests Android devices through v1, logs once and succeeds', async () => {
    await withSimulator({ ...MULTI_OS_FLEET, deny: ['v2-devices'] }, async (sim) => {
      const { context, logs, error } = await devicesStep(sim.config);
      expect(error).toBeUndefined();
      expect(keysOf(context.jobState.collectedEntities, Entities.DEVICE._type)).toEqual(
        sorted(expectedGraph(sim.fleet, { v2: false }).devices),
      );
      expect(logs().match(/v2 device API is not available.*HTTP 403/g)).toHaveLength(1);
    });
  });

  it('fails the step after ingesting v1 when the v2 list breaks after its first page', async () => {
    const faults = [
      { kind: 'status' as const, status: 404, route: 'v2-devices', everyN: 2, times: 1 },
    ];
    await withSimulator({ ...MULTI_OS_FLEET, faults }, async (sim) => {
      const { context, error } = await devicesStep(sim.config);
      // Non-fatal: J1 keeps the devices of this step it could not refresh (partial types).
      expect(error).toBeInstanceOf(IntegrationProviderAPIError);
      expect(error?.message).toContain('/v2/devices/');
      const devices = keysOf(context.jobState.collectedEntities, Entities.DEVICE._type);
      const android = expectedGraph(sim.fleet, { v2: false }).devices;
      for (const key of android) expect(devices).toContain(key);
    });
  });
});

describe('listDevicesV2 on a slow tenant', () => {
  const clientFor = (sim: { url: string; token: string }, headersMs: number): HttpClient =>
    new HttpClient({
      baseUrl: sim.url,
      auth: bearerAuth(sim.token),
      timeouts: { headersMs },
      retry: { maxRetries: 0 },
    });

  it('waits longer for the v2 device list than for other routes', async () => {
    const faults = [{ kind: 'slow' as const, delayMs: 1_200 }];
    await withSimulator({ ...MULTI_OS_FLEET, faults }, async (sim) => {
      const client = clientFor(sim, 200);
      try {
        // A v1 list with the client's (short, for the test) default timeout gives up...
        const v1 = await drain(listDevices(client, sim.enterpriseId)).catch((e: unknown) => e);
        expect(v1).toBeInstanceOf(ApiCallError);
        expect((v1 as ApiCallError).kind).toBe('timeout');
        // ...the v2 device list has its own, longer timeout.
        expect(EsperLimits.V2_DEVICES_TIMEOUT_MS).toBeGreaterThan(30_000);
        const devices = await drain(listDevicesV2(client, { pageRetry: { attempts: 0 } }));
        expect(devices).toHaveLength(sim.fleet.devices.length);
      } finally {
        await client.close();
      }
    });
  }, 30_000);

  it('tries a failing page again after a pause, a bounded number of times', async () => {
    const faults = [{ kind: 'status' as const, status: 504, route: 'v2-devices', times: 2 }];
    await withSimulator({ ...MULTI_OS_FLEET, faults }, async (sim) => {
      const client = clientFor(sim, 5_000);
      const sleep = vi.fn(async () => {});
      try {
        const devices = await drain(listDevicesV2(client, { pageRetry: { sleep } }));
        expect(devices).toHaveLength(sim.fleet.devices.length);
        expect(sleep.mock.calls).toEqual([
          [EsperLimits.V2_PAGE_RETRY_DELAY_MS],
          [EsperLimits.V2_PAGE_RETRY_DELAY_MS],
        ]);
      } finally {
        await client.close();
      }
    });
    const always = [{ kind: 'status' as const, status: 504, route: 'v2-devices' }];
    await withSimulator({ ...MULTI_OS_FLEET, faults: always }, async (sim) => {
      const client = clientFor(sim, 5_000);
      const sleep = vi.fn(async () => {});
      try {
        const err = await drain(listDevicesV2(client, { pageRetry: { sleep } })).catch(
          (e: unknown) => e,
        );
        expect((err as ApiCallError).status).toBe(504);
        expect(sleep).toHaveBeenCalledTimes(EsperLimits.V2_PAGE_EXTRA_ATTEMPTS);
        expect(sim.server.stats().byRoute['v2-devices']?.count).toBe(
          1 + EsperLimits.V2_PAGE_EXTRA_ATTEMPTS,
        );
      } finally {
        await client.close();
      }
    });
  });
});
