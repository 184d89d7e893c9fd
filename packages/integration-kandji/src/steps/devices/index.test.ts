import { toHostnameLabel } from '@mdm-graph/mdm-core';
import { createMockStepExecutionContext } from '@jupiterone/integration-sdk-testing';
import { describe, expect, it } from 'vitest';
import {
  expectedDeviceKeys,
  expectedPosture,
  PRISM_ONLY,
  postureOf,
  withoutPrismOnly,
} from '../../../test/expected';
import {
  byKey,
  captureLogs,
  configFor,
  executeStep,
  keysOf,
  runAllSteps,
  SMALL_FLEET,
  SMALL_PAGE,
  withSimulator,
} from '../../../test/harness';
import type { KandjiIntegrationConfig } from '../../config';
import type { KandjiSimulator } from '../../../simulator';
import { Entities, Relationships, Steps } from '../constants';

const DEVICE_STEPS = [Steps.ACCOUNT, Steps.DEVICE_LIST, Steps.DEVICES];
const POSTURE_CATEGORIES = [
  'prism/filevault',
  'prism/application_firewall',
  'prism/gatekeeper_and_xprotect',
  'prism/startup_settings',
  'prism/activation_lock',
];

function devicesOf(context: {
  jobState: { collectedEntities: { _type: string; _key: string }[] };
}) {
  return context.jobState.collectedEntities
    .filter((e) => e._type === 'kandji_device')
    .sort((a, b) => a._key.localeCompare(b._key)) as unknown as Record<string, unknown>[];
}

async function runDevices(sim: KandjiSimulator, config: KandjiIntegrationConfig) {
  const context = createMockStepExecutionContext({ instanceConfig: config });
  const logs = captureLogs(context);
  await runAllSteps(config, { steps: DEVICE_STEPS, context });
  return { context, logs, devices: devicesOf(context) };
}

/** The Prism categories the simulator was asked for. */
function prismPaths(sim: KandjiSimulator): string[] {
  return Object.keys(sim.prismRequests())
    .map((c) => `prism/${c}`)
    .sort();
}

describe('fetch-devices', () => {
  it('creates every listed device with Prism identity and posture, details within budget, and account HAS device', async () => {
    await withSimulator(SMALL_FLEET, async (sim) => {
      const { collectedEntities, collectedRelationships } = await executeStep(
        Steps.DEVICES,
        configFor(sim),
      );
      const { fleet } = sim;
      expect(keysOf(collectedEntities, Entities.DEVICE._type)).toEqual(expectedDeviceKeys(fleet));
      const entities = byKey(collectedEntities);
      fleet.devices.forEach((d, i) => {
        const f = fleet.facts[i]!;
        const e = entities.get(`kandji_device:${d.device_id}`)!;
        expect(e).toMatchGraphObjectSchema({ _class: ['Device'] });
        expect(e).toMatchObject({
          name: d.device_name,
          serial: d.serial_number,
          model: d.model,
          osVersion: d.os_version,
          platform: d.platform,
          hostname: toHostnameLabel(f.hostname),
          macAddresses: [f.macAddress.toLowerCase()],
          lastSeenOn: Date.parse(d.last_check_in),
          modelIdentifier: f.modelIdentifier,
          agentInstalled: d.agent_installed,
          blueprintId: d.blueprint_id,
        });
        // Exactly the posture that applies to the platform: Prism categories + details.
        expect(postureOf(e), d.platform).toEqual(
          expectedPosture(fleet, i, { prism: true, details: true }),
        );
      });
      const macs = fleet.devices.filter((d) => d.platform === 'Mac').length;
      expect(macs).toBeGreaterThan(0);
      expect(
        [...entities.values()].filter((e) => e._type === 'kandji_device' && 'firewallEnabled' in e),
      ).toHaveLength(macs);
      const account = `kandji_account:${new URL(sim.url).host}`;
      expect(keysOf(collectedRelationships, Relationships.ACCOUNT_HAS_DEVICE._type)).toEqual(
        expectedDeviceKeys(fleet)
          .map((k) => `${account}|has|${k}`)
          .sort(),
      );
      // 14 devices fit in 10% of 10,000 requests/h: details read once per device.
      expect(sim.server.stats().byRoute['device-details']?.count).toBe(fleet.devices.length);
    });
  });

  it('reads each posture category with the existing Prism reader', async () => {
    await withSimulator(SMALL_FLEET, async (sim) => {
      await runDevices(sim, configFor(sim));
      expect(prismPaths(sim)).toEqual(['prism/device_information', ...POSTURE_CATEGORIES].sort());
    });
  });

  it('falls back to per-device details without Prism: the same devices, without the Prism-only posture', async () => {
    await withSimulator(SMALL_FLEET, async (sim) => {
      const prism = await runDevices(sim, configFor(sim));
      sim.server.resetStats();
      sim.setDeniedPermissions(['prism']);
      const perDevice = await runDevices(sim, configFor(sim));
      expect(perDevice.devices).toEqual(prism.devices.map(withoutPrismOnly));
      for (const d of perDevice.devices)
        for (const p of PRISM_ONLY) expect(d, p).not.toHaveProperty(p);
      sim.fleet.devices.forEach((d, i) => {
        const e = perDevice.devices.find((x) => x._key === `kandji_device:${d.device_id}`)!;
        expect(postureOf(e)).toEqual(
          expectedPosture(sim.fleet, i, { prism: false, details: true }),
        );
      });
      expect(sim.server.stats().byRoute['device-details']?.count).toBe(sim.fleet.devices.length);
      // One log line about the fallback, one naming what only Prism has.
      expect(perDevice.logs.text().match(/falling back to per-device/g)).toHaveLength(1);
      expect(perDevice.logs.text().match(/Without Prism, Kandji device properties/g)).toHaveLength(
        1,
      );
      expect(perDevice.logs.text()).toContain('firewallEnabled');
    });
  });

  it('deviceDetails=never: Prism posture only, no details call, said once', async () => {
    await withSimulator(SMALL_FLEET, async (sim) => {
      const { devices, logs } = await runDevices(sim, {
        ...configFor(sim),
        deviceDetails: 'never',
      });
      expect(sim.server.stats().byRoute['device-details']).toBeUndefined();
      sim.fleet.devices.forEach((d, i) => {
        const e = devices.find((x) => x._key === `kandji_device:${d.device_id}`)!;
        expect(postureOf(e)).toEqual(
          expectedPosture(sim.fleet, i, { prism: true, details: false }),
        );
        expect(e).toMatchObject({ macAddresses: null });
        expect(e).toMatchGraphObjectSchema({ _class: ['Device'] });
      });
      expect(logs.warnEvents()).toEqual([]);
      expect(logs.text().match(/deviceDetails=never/g)).toHaveLength(1);
      // The simulator's prism/activation_lock (like Kandji's published example) has no lock column.
      expect(logs.text().match(/carry no activation-lock column/g)).toHaveLength(1);
    });
  });

  it('the device-details ingestion source off: no details request in Prism mode, said once', async () => {
    await withSimulator(SMALL_FLEET, async (sim) => {
      const config = configFor(sim);
      const context = createMockStepExecutionContext({ instanceConfig: config });
      context.instance.disabledSources = [{ ingestionSourceId: 'device-details' }];
      const logs = captureLogs(context);
      await runAllSteps(config, { steps: DEVICE_STEPS, context });
      expect(sim.server.stats().byRoute['device-details']).toBeUndefined();
      const devices = devicesOf(context);
      expect(devices).toHaveLength(sim.fleet.devices.length);
      sim.fleet.devices.forEach((d, i) => {
        const e = devices.find((x) => x._key === `kandji_device:${d.device_id}`)!;
        expect(postureOf(e)).toEqual(
          expectedPosture(sim.fleet, i, { prism: true, details: false }),
        );
      });
      expect(logs.warnEvents()).toEqual([]);
      expect(logs.text().match(/device-details\\" ingestion source is off/g)).toHaveLength(1);
    });
  });

  it('the device-details ingestion source off without Prism: every device from the list, no details request', async () => {
    await withSimulator({ ...SMALL_FLEET, deniedPermissions: ['prism'] }, async (sim) => {
      const config = configFor(sim);
      const context = createMockStepExecutionContext({ instanceConfig: config });
      context.instance.disabledSources = [{ ingestionSourceId: 'device-details' }];
      const logs = captureLogs(context);
      await runAllSteps(config, { steps: DEVICE_STEPS, context });
      expect(sim.server.stats().byRoute['device-details']).toBeUndefined();
      const devices = devicesOf(context);
      expect(devices.map((d) => d._key)).toEqual(expectedDeviceKeys(sim.fleet));
      for (const e of devices) {
        expect(e).not.toHaveProperty('supervised');
        expect(e).toMatchGraphObjectSchema({ _class: ['Device'] });
      }
      expect(logs.text()).toMatch(/device-details\\" ingestion source off/);
    });
  });

  it('deviceDetails=auto skips details past 10% of the hourly budget with one warning naming the properties and the setting', async () => {
    await withSimulator(SMALL_FLEET, async (sim) => {
      // 100 requests/h: 10 details calls allowed, 14 devices.
      const tuning = { ...SMALL_PAGE, requestsPerHour: 100 };
      const { devices, logs } = await runDevices(sim, configFor(sim, tuning));
      expect(sim.server.stats().byRoute['device-details']).toBeUndefined();
      for (const d of devices) {
        expect(d).not.toHaveProperty('supervised');
        expect(d).not.toHaveProperty('activationLockEnabled');
      }
      const warnings = logs.warnEvents();
      expect(warnings).toHaveLength(1);
      for (const word of [
        'supervised',
        'macAddresses',
        'remoteDesktopEnabled',
        'activationLockEnabled',
        'deviceDetails (env DEVICE_DETAILS)',
        '"always"',
        '10 requests',
      ])
        expect(warnings[0]).toContain(word);
    });
  });

  it('deviceDetails=always reads details even past the budget', async () => {
    await withSimulator(SMALL_FLEET, async (sim) => {
      const tuning = { ...SMALL_PAGE, requestsPerHour: 100 };
      const { devices, logs } = await runDevices(sim, {
        ...configFor(sim, tuning),
        deviceDetails: 'always',
      });
      expect(sim.server.stats().byRoute['device-details']?.count).toBe(sim.fleet.devices.length);
      expect(logs.warnEvents()).toEqual([]);
      sim.fleet.devices.forEach((d, i) => {
        const e = devices.find((x) => x._key === `kandji_device:${d.device_id}`)!;
        expect(postureOf(e)).toEqual(expectedPosture(sim.fleet, i, { prism: true, details: true }));
      });
    });
  });

  it('keeps Prism posture and warns once when the token lacks Device details in Prism mode', async () => {
    await withSimulator({ ...SMALL_FLEET, deniedPermissions: ['deviceDetails'] }, async (sim) => {
      const { devices, logs } = await runDevices(sim, configFor(sim));
      expect(devices).toHaveLength(sim.fleet.devices.length);
      sim.fleet.devices.forEach((d, i) => {
        const e = devices.find((x) => x._key === `kandji_device:${d.device_id}`)!;
        expect(postureOf(e)).toEqual(
          expectedPosture(sim.fleet, i, { prism: true, details: false }),
        );
      });
      const warnings = logs.warnEvents();
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain('"Device details" permission');
      expect(warnings[0]).toContain('supervised');
    });
  });

  it('skips devices removed between the list and their details (404) with a log line', async () => {
    await withSimulator(
      { ...SMALL_FLEET, deniedPermissions: ['prism'], removedAfterList: 2 },
      async (sim) => {
        const context = createMockStepExecutionContext({ instanceConfig: configFor(sim) });
        const logs = captureLogs(context);
        await runAllSteps(configFor(sim), { steps: DEVICE_STEPS, context });
        expect(keysOf(context.jobState.collectedEntities, 'kandji_device')).toEqual(
          expectedDeviceKeys(sim.fleet, { skipRemoved: true }),
        );
        // One line for the fan-out (mdm-core), naming how many devices were gone.
        expect(
          logs.text().match(/2 device\(s\) were removed from Kandji after they were listed/g),
        ).toHaveLength(1);
      },
    );
  });

  it('ingests list-only devices with a warning when neither Prism nor Device details is allowed', async () => {
    await withSimulator(
      { ...SMALL_FLEET, deniedPermissions: ['prism', 'deviceDetails'] },
      async (sim) => {
        const context = createMockStepExecutionContext({ instanceConfig: configFor(sim) });
        const logs = captureLogs(context);
        await runAllSteps(configFor(sim), { steps: DEVICE_STEPS, context });
        const devices = context.jobState.collectedEntities.filter(
          (e) => e._type === 'kandji_device',
        );
        expect(devices).toHaveLength(sim.fleet.devices.length);
        for (const d of devices) {
          expect(d).toMatchGraphObjectSchema({ _class: ['Device'] });
          expect(d).toMatchObject({ hostname: null, macAddresses: null });
          expect(postureOf(d)).toEqual({});
        }
        expect(logs.warnEvents()).toEqual([expect.stringContaining('"Device details" permission')]);
      },
    );
  });

  it('logs once per run a published Prism column no row carries (schema drift), leaving its property empty', async () => {
    await withSimulator(
      {
        ...SMALL_FLEET,
        prismDroppedColumns: { filevault: ['key_escrowed'], startup_settings: ['sip'] },
      },
      async (sim) => {
        const { devices, logs } = await runDevices(sim, {
          ...configFor(sim),
          deviceDetails: 'never',
        });
        const macs = devices.filter((d) => d.platform === 'Mac');
        expect(macs.length).toBeGreaterThan(0);
        for (const d of macs) {
          expect(d).not.toHaveProperty('filevaultRecoveryKeyEscrowed');
          expect(d).not.toHaveProperty('sipEnabled');
          expect(d).toHaveProperty('filevaultEnabled');
          expect(d).toHaveProperty('secureBootLevel');
        }
        const text = logs.text();
        expect(
          text.match(/prism\/filevault rows carry no \\"key_escrowed\\" column/g),
        ).toHaveLength(1);
        expect(text.match(/prism\/startup_settings rows carry no \\"sip\\" column/g)).toHaveLength(
          1,
        );
        expect(text).toContain('filevaultRecoveryKeyEscrowed left empty');
      },
    );
  });

  it('without Prism reads details for every device whatever deviceDetails says (they are the only source)', async () => {
    await withSimulator({ ...SMALL_FLEET, deniedPermissions: ['prism'] }, async (sim) => {
      const { devices } = await runDevices(sim, { ...configFor(sim), deviceDetails: 'never' });
      expect(sim.server.stats().byRoute['device-details']?.count).toBe(sim.fleet.devices.length);
      sim.fleet.devices.forEach((d, i) => {
        const e = devices.find((x) => x._key === `kandji_device:${d.device_id}`)!;
        expect(postureOf(e)).toEqual(
          expectedPosture(sim.fleet, i, { prism: false, details: true }),
        );
      });
    });
  });
});
