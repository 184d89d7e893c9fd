import {
  createMockExecutionContext,
  createMockStepExecutionContext,
} from '@jupiterone/integration-sdk-testing';
import { ingestionSourceProblems } from '@mdm-graph/mdm-core/steps';
import { describe, expect, it } from 'vitest';
import { expectedDeviceUserKeys, expectedUserKeys } from '../test/expected';
import {
  captureLogs,
  configFor,
  keysOf,
  runAllSteps,
  SMALL_FLEET,
  sortedGraph,
  withSimulator,
} from '../test/harness';
import { invocationConfig, type KandjiIntegrationConfig } from '.';
import { IngestionSources, SOURCE_PERMISSIONS } from './sources';
import { Steps } from './steps/constants';
import { validateInvocation } from './validate';

const steps = invocationConfig.integrationSteps;
const byId = new Map(steps.map((s) => [s.id, s]));
const sourceIds = Object.keys(invocationConfig.ingestionConfig ?? {});

function ancestors(id: string, seen = new Set<string>()): Set<string> {
  for (const dep of byId.get(id)?.dependsOn ?? []) {
    if (seen.has(dep)) continue;
    seen.add(dep);
    ancestors(dep, seen);
  }
  return seen;
}

const disabled = (...ids: string[]) => ids.map((ingestionSourceId) => ({ ingestionSourceId }));

describe('ingestion sources', () => {
  it('declares the agreed sources; the core cannot be disabled, blueprints and profiles default to off, findings to on', () => {
    expect(sourceIds.sort()).toEqual(
      [
        'blueprints',
        'custom-profiles',
        'device-details',
        'devices',
        'threats',
        'users',
        'vulnerabilities',
      ].sort(),
    );
    const config = invocationConfig.ingestionConfig!;
    expect(config.devices?.cannotBeDisabled).toBe(true);
    for (const id of ['blueprints', 'custom-profiles'])
      expect(config[id]?.defaultsToDisabled, id).toBe(true);
    for (const id of ['users', 'device-details', 'vulnerabilities', 'threats'])
      expect(config[id]?.defaultsToDisabled, id).toBeFalsy();
    for (const [id, field] of Object.entries(config)) {
      expect(field.title, id).toBeTruthy();
      expect(field.description, id).toBeTruthy();
    }
  });

  it("pass mdm-core's checks of sources against steps (the same for every integration)", () => {
    // Every step names a declared source and its authorization (permissions and endpoints); no
    // step depends on a step of another optional source (record-collection-health depends on
    // every step and prunes the disabled ones itself); every source has a step, except
    // device-details, a switch the devices step reads.
    expect(
      ingestionSourceProblems(invocationConfig, {
        core: IngestionSources.DEVICES,
        exempt: [Steps.COLLECTION_HEALTH],
        switches: [IngestionSources.DEVICE_DETAILS],
      }),
    ).toEqual([]);
  });

  it('the optional steps belong to their own source; the device -> user links do not need the directory', () => {
    expect(byId.get(Steps.USERS)?.ingestionSourceId).toBe(IngestionSources.USERS);
    expect(byId.get(Steps.BLUEPRINTS)?.ingestionSourceId).toBe(IngestionSources.BLUEPRINTS);
    expect(byId.get(Steps.CUSTOM_PROFILES)?.ingestionSourceId).toBe(
      IngestionSources.CUSTOM_PROFILES,
    );
    expect(byId.get(Steps.INSTALLED_PROFILES)?.ingestionSourceId).toBe(
      IngestionSources.CUSTOM_PROFILES,
    );
    expect(byId.get(Steps.DEVICE_USERS)?.ingestionSourceId).toBe(IngestionSources.DEVICES);
    expect(ancestors(Steps.DEVICE_USERS).has(Steps.USERS)).toBe(false);
  });
});

describe('device -> user links without the directory', () => {
  const linkSteps = [Steps.ACCOUNT, Steps.DEVICE_LIST, Steps.DEVICES, Steps.DEVICE_USERS];

  it('users source off: no users request, every link, users created from the device list', async () => {
    await withSimulator(SMALL_FLEET, async (sim) => {
      const context = createMockStepExecutionContext({ instanceConfig: configFor(sim) });
      context.instance.disabledSources = disabled(IngestionSources.USERS);
      await runAllSteps(configFor(sim), { context, steps: linkSteps });
      expect(sim.server.stats().byRoute.users?.count ?? 0).toBe(0);
      expect(keysOf(context.jobState.collectedRelationships, 'kandji_device_has_user')).toEqual(
        expectedDeviceUserKeys(sim.fleet),
      );
      expect(keysOf(context.jobState.collectedEntities, 'kandji_user')).toEqual(
        expectedUserKeys(sim.fleet, { directory: false }),
      );
    });
  });

  it('the same graph whichever of fetch-users and the link step runs first, with one directory read', async () => {
    await withSimulator(SMALL_FLEET, async (sim) => {
      const first = createMockStepExecutionContext({ instanceConfig: configFor(sim) });
      for (const id of [...linkSteps, Steps.USERS])
        await runAllSteps(configFor(sim), { context: first, steps: [id] });
      const linkFirst = sortedGraph(first);
      const requests = sim.server.stats().byRoute.users?.count;
      expect(requests).toBe(Math.ceil(sim.fleet.users.length / 3));
      const context = createMockStepExecutionContext({ instanceConfig: configFor(sim) });
      for (const id of [Steps.ACCOUNT, Steps.DEVICE_LIST, Steps.DEVICES, Steps.USERS])
        await runAllSteps(configFor(sim), { context, steps: [id] });
      await runAllSteps(configFor(sim), { context, steps: [Steps.DEVICE_USERS] });
      expect(sortedGraph(context)).toEqual(linkFirst);
      expect(keysOf(linkFirst.entities, 'kandji_user')).toEqual(expectedUserKeys(sim.fleet));
    });
  });
});

describe('permission preflight', () => {
  const context = (config: KandjiIntegrationConfig, off: string[] = []) => {
    const c = createMockExecutionContext({ instanceConfig: config });
    c.instance.disabledSources = disabled(...off);
    return c;
  };

  it('probes each enabled optional source once and warns once, listing what is partial with both fixes', async () => {
    await withSimulator(
      { ...SMALL_FLEET, deniedPermissions: ['users', 'libraryItems', 'prism'] },
      async (sim) => {
        const c = context(configFor(sim), [
          IngestionSources.BLUEPRINTS,
          IngestionSources.VULNERABILITIES,
          IngestionSources.THREATS,
        ]);
        const logs = captureLogs(c as unknown as Parameters<typeof captureLogs>[0]);
        await validateInvocation(c);
        const stats = sim.server.stats();
        expect(stats.byRoute.users?.count).toBe(1);
        expect(stats.byRoute['custom-profiles']?.count).toBe(1);
        expect(stats.byRoute.blueprints?.count ?? 0).toBe(0);
        expect(stats.total).toBe(3);
        const events = logs.warnEvents();
        expect(events).toHaveLength(1);
        const [warning] = events;
        expect(warning).toContain('2 enabled ingestion source(s) will be partial');
        for (const p of SOURCE_PERMISSIONS.filter((x) =>
          ['users', 'custom-profiles'].includes(x.source),
        )) {
          expect(warning).toContain(`grant "${p.permission}" to the API token`);
          expect(warning).toContain(`switch off the "${p.source}" ingestion source`);
        }
        expect(warning).not.toContain('blueprints');
        expect(logs.text()).not.toContain(sim.token);
      },
    );
  });

  it('says nothing when every enabled source is readable, and probes nothing that is off', async () => {
    await withSimulator({ ...SMALL_FLEET, deniedPermissions: ['users'] }, async (sim) => {
      const c = context(configFor(sim), [
        IngestionSources.USERS,
        IngestionSources.BLUEPRINTS,
        IngestionSources.CUSTOM_PROFILES,
        IngestionSources.VULNERABILITIES,
        IngestionSources.THREATS,
      ]);
      const logs = captureLogs(c as unknown as Parameters<typeof captureLogs>[0]);
      await validateInvocation(c);
      expect(sim.server.stats().total).toBe(1);
      expect(logs.warnEvents()).toEqual([]);
    });
  });
});
