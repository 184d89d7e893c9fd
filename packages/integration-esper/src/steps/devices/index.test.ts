import { describe, expect, it } from 'vitest';
import { expectedGraph, sorted } from '../../../test/expected';
import { executeStep, keysOf, SMALL_FLEET, withSimulator } from '../../../test/harness';
import { Entities, Relationships, Steps } from '../constants';
import { deviceStateName } from './converter';

describe('fetch-devices', () => {
  it('ingests every device with its account and group edges', async () => {
    await withSimulator(SMALL_FLEET, async (sim) => {
      const expected = expectedGraph(sim.fleet);
      const result = await executeStep(Steps.DEVICES, sim.config);
      expect(keysOf(result.collectedEntities, Entities.DEVICE._type)).toEqual(
        sorted(expected.devices),
      );
      expect(keysOf(result.collectedRelationships, Relationships.ACCOUNT_HAS_DEVICE._type)).toEqual(
        sorted(expected.accountHasDevice),
      );
      expect(
        keysOf(result.collectedRelationships, Relationships.DEVICE_GROUP_HAS_DEVICE._type),
      ).toEqual(sorted(expected.groupHasDevice));
      // 14 devices, pages capped at 4 by the server: 4 pages.
      expect(sim.server.stats().byRoute.devices?.count).toBe(4);

      for (const d of sim.fleet.devices) {
        const entity = result.collectedEntities.find((e) => e.id === d.id);
        expect(entity).toMatchObject({
          name: d.name,
          state: deviceStateName(d.state),
          stateCode: d.state,
          osType: 'android',
          provisionedOn: Date.parse(d.provisionedOn),
          updatedOn: Date.parse(d.updatedOn),
          ...(d.hasInfo
            ? {
                make: d.brand,
                model: d.model,
                serial: d.serial,
                osVersion: d.androidVersion,
                securityPatchLevel: d.securityPatch,
                macAddresses: [d.wifiMac, d.ethernetMac]
                  .filter((m) => m !== null)
                  .map((m) => m.toLowerCase()),
                deviceId:
                  [d.imei1, d.imei2].filter((i) => i !== null).length > 0
                    ? [d.imei1, d.imei2].filter((i) => i !== null)
                    : null,
              }
            : { make: null, model: null, serial: null }),
        });
      }
    });
  });

  it('skips and counts malformed devices; the rest ingests', async () => {
    await withSimulator({ ...SMALL_FLEET, malformed: { devices: 2 } }, async (sim) => {
      const expected = expectedGraph(sim.fleet);
      expect(expected.skipped.devices).toBe(2);
      const result = await executeStep(Steps.DEVICES, sim.config);
      expect(keysOf(result.collectedEntities, Entities.DEVICE._type)).toEqual(
        sorted(expected.devices),
      );
      expect(
        keysOf(result.collectedRelationships, Relationships.DEVICE_GROUP_HAS_DEVICE._type),
      ).toEqual(sorted(expected.groupHasDevice));
    });
  });

  it('works when the server rejects oversized limits instead of clamping', async () => {
    await withSimulator(
      { ...SMALL_FLEET, maxPageSize: 250, oversizedLimit: 'reject' },
      async (sim) => {
        const result = await executeStep(Steps.DEVICES, sim.config);
        expect(keysOf(result.collectedEntities, Entities.DEVICE._type)).toEqual(
          sorted(expectedGraph(sim.fleet).devices),
        );
      },
    );
  });
});
