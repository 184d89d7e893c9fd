import { IntegrationProviderAuthorizationError } from '@jupiterone/integration-sdk-core';
import { createMockStepExecutionContext } from '@jupiterone/integration-sdk-testing';
import { describe, expect, it } from 'vitest';
import { expectedGraph, sorted } from '../../../test/expected';
import { captureLogs, MULTI_OS_FLEET, runSteps, withSimulator } from '../../../test/harness';
import type { EsperSimulatorOptions } from '../../../simulator';
import type { IntegrationConfig } from '../../config';
import { Relationships, Steps } from '../constants';
import { fetchInstalledApps } from '.';

async function installedApps(options: EsperSimulatorOptions) {
  return withSimulator(options, async (sim) => {
    const context = createMockStepExecutionContext<IntegrationConfig>({
      instanceConfig: sim.config,
    });
    await runSteps(sim.config, {
      context,
      steps: [Steps.ACCOUNT, Steps.APPLICATIONS, Steps.DEVICE_GROUPS, Steps.DEVICES],
    });
    const logs = captureLogs(context);
    const error = await fetchInstalledApps(context).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    const links = context.jobState.collectedRelationships.filter(
      (r) => r._type === Relationships.DEVICE_HAS_APPLICATION._type,
    );
    return { sim, context, logs: logs(), error, links, stats: sim.server.stats().byRoute };
  });
}

const appleIds = (fleet: { devices: { id: string; platform: string }[] }) =>
  new Set(fleet.devices.filter((d) => d.platform === 'APPLE').map((d) => d.id));

describe('installed apps of Apple devices', () => {
  it('come from v2 device-apps, named by one lookup per distinct app; Windows and Linux are not asked', async () => {
    const { sim, error, links, stats, logs } = await installedApps(MULTI_OS_FLEET);
    expect(error).toBeUndefined();
    const expected = expectedGraph(sim.fleet);
    expect(links.map((r) => r._key).sort()).toEqual(sorted(expected.deviceHasApplication));
    const apple = appleIds(sim.fleet);
    const appleLinks = links.filter((r) =>
      apple.has(String(r._fromEntityKey).replace('esper_device:', '')),
    );
    expect(appleLinks.length).toBeGreaterThan(0);
    for (const r of appleLinks) {
      expect(r._toEntityKey).toMatch(/^esper_application:package:/);
      expect(['TENANT_IOS', 'VPP']).toContain(r.appType);
      expect(r).not.toHaveProperty('version');
    }
    // One device-apps call per Apple device (none for Windows/Linux), one lookup per distinct app.
    // (pages of at most 5, the simulator's v2 cap in MULTI_OS_FLEET)
    const pages = [...apple].reduce(
      (n, id) => n + Math.max(1, Math.ceil(sim.fleet.deviceApps(id).length / 5)),
      0,
    );
    expect(stats['v2-device-apps']?.count).toBe(pages);
    const used = new Set(
      [...apple].flatMap((id) => sim.fleet.deviceApps(id).map((a) => `${a.appType}:${a.appId}`)),
    );
    const distinct = (type: string) => [...used].filter((k) => k.startsWith(`${type}:`)).length;
    expect(stats['v2-tenant-app']?.count).toBe(distinct('TENANT_IOS'));
    expect(stats['v2-itunes-apps']?.count).toBe(distinct('VPP'));
    expect(apple.size).toBeGreaterThan(distinct('TENANT_IOS'));
    expect(logs).toMatch(/Windows and Linux devices are skipped/);
  });

  it('names VPP apps with their store name and tenant apps with their bundle id', async () => {
    const { sim, context } = await installedApps(MULTI_OS_FLEET);
    const apps = context.jobState.collectedEntities;
    for (const a of sim.fleet.appleApps) {
      const entity = apps.find((e) => e._key === `esper_application:package:${a.bundleId}`);
      if (a.kind === 'WEBCLIP') continue;
      if (!entity) continue; // not installed on any device of this fleet
      expect(entity).toMatchObject({
        name: a.kind === 'VPP' ? a.name : a.bundleId,
        packageName: a.bundleId,
        inCatalog: false,
      });
    }
  });

  it('fails the step naming the permission when the app lookup is refused (403), after the rest ingested', async () => {
    const { sim, error, links } = await installedApps({
      ...MULTI_OS_FLEET,
      deny: ['v2-tenant-app'],
    });
    expect(error).toBeInstanceOf(IntegrationProviderAuthorizationError);
    expect(error?.message).toMatch(/Installed apps of \d+ of \d+ devices were not ingested/);
    const apple = appleIds(sim.fleet);
    const android = links.filter(
      (r) => !apple.has(String(r._fromEntityKey).replace('esper_device:', '')),
    );
    expect(android.length).toBeGreaterThan(0);
  });

  it('leaves out apps the lookup no longer knows (404), says so once, and succeeds', async () => {
    const { sim, error, links, logs } = await installedApps({
      ...MULTI_OS_FLEET,
      missing: ['v2-tenant-app'],
    });
    expect(error).toBeUndefined();
    const tenantBundles = new Set(
      sim.fleet.appleApps.filter((a) => a.kind === 'TENANT_IOS').map((a) => a.bundleId),
    );
    for (const r of links) {
      const bundle = String(r._toEntityKey).replace('esper_application:package:', '');
      expect(tenantBundles.has(bundle)).toBe(false);
    }
    expect(logs.match(/could not be named/g)).toHaveLength(1);
  });
});
