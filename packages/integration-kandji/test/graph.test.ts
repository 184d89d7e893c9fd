import {
  IntegrationProviderAPIError,
  IntegrationProviderAuthenticationError,
  IntegrationValidationError,
} from '@jupiterone/integration-sdk-core';
import { createMockExecutionContext } from '@jupiterone/integration-sdk-testing';
import { describe, expect, it } from 'vitest';
import { Steps, validateInvocation } from '../src';
import type { KandjiIntegrationConfig } from '../src';
import {
  expectedApps,
  expectedBlueprintAssignments,
  expectedDeviceKeys,
  expectedDeviceUserKeys,
  expectedProfileAssignments,
  expectedUserKeys,
  withoutPrismOnly,
} from './expected';
import { expectedVulnerabilities } from './expected-findings';
import { configFor, keysOf, runAllSteps, SMALL_FLEET, sortedGraph, withSimulator } from './harness';

describe('the whole graph', () => {
  it('matches the seeded fleet and is identical in Prism and per-device modes', async () => {
    await withSimulator(SMALL_FLEET, async (sim) => {
      const prism = sortedGraph(await runAllSteps(configFor(sim)));
      const prismRoutes = sim.server.stats().byRoute;
      sim.server.resetStats();
      sim.setDeniedPermissions(['prism']);
      const perDevice = sortedGraph(await runAllSteps(configFor(sim)));
      const perDeviceRoutes = sim.server.stats().byRoute;

      const { fleet } = sim;
      const { entities, relationships } = prism;
      expect(keysOf(entities, 'kandji_device')).toEqual(expectedDeviceKeys(fleet));
      expect(keysOf(entities, 'kandji_app')).toEqual(expectedApps(fleet).appKeys);
      expect(keysOf(entities, 'kandji_user')).toEqual(expectedUserKeys(fleet));
      expect(keysOf(entities, 'kandji_blueprint')).toHaveLength(fleet.blueprints.length);
      expect(keysOf(entities, 'kandji_profile')).toHaveLength(fleet.customProfiles.length);
      expect(keysOf(entities, 'kandji_account')).toHaveLength(1);
      expect(keysOf(relationships, 'kandji_device_has_app')).toEqual(
        expectedApps(fleet).relationshipKeys,
      );
      expect(keysOf(relationships, 'kandji_device_has_user')).toEqual(
        expectedDeviceUserKeys(fleet),
      );
      expect(keysOf(relationships, 'kandji_device_assigned_blueprint')).toEqual(
        expectedBlueprintAssignments(fleet),
      );
      expect(keysOf(relationships, 'kandji_device_assigned_profile')).toEqual(
        expectedProfileAssignments(fleet),
      );
      expect(keysOf(relationships, 'kandji_account_has_device')).toHaveLength(fleet.devices.length);
      expect(sim.findings().detections.length).toBeGreaterThan(0);
      expect(keysOf(entities, 'kandji_vulnerability')).toEqual(
        expectedVulnerabilities(sim.findings()).keys,
      );
      expect(keysOf(relationships, 'kandji_app_has_vulnerability')).toEqual(
        expectedVulnerabilities(sim.findings()).appRelationshipKeys,
      );

      // Same keys, same properties, except the posture only Prism reports (firewall,
      // Gatekeeper, SIP, secure boot, bootstrap token), which per-device mode cannot have.
      expect(perDevice).toEqual({
        entities: prism.entities.map((e) =>
          e._type === 'kandji_device' ? withoutPrismOnly(e) : e,
        ),
        relationships: prism.relationships,
      });
      const macs = fleet.devices.filter((d) => d.platform === 'Mac').length;
      expect(prism.entities.filter((e) => e.firewallEnabled !== undefined)).toHaveLength(macs);
      // Prism mode: apps in bulk; details once per device (14 devices fit in deviceDetails=auto's
      // budget) for supervision, MACs, remote desktop and activation lock. Per-device mode: both.
      const n = fleet.devices.length;
      expect(prismRoutes['device-apps']).toBeUndefined();
      expect(prismRoutes['device-details']?.count).toBe(n);
      expect(perDeviceRoutes['device-apps']?.count).toBe(n);
      expect(perDeviceRoutes['device-details']?.count).toBe(n);
    });
  });

  it('absorbs 429 bursts and 5xx faults without failing or losing data', async () => {
    await withSimulator(
      {
        ...SMALL_FLEET,
        // The server allows 12/s while the client starts at 50/s with 8 per-device calls in
        // flight: bursts of 429 (Kong headers, no Retry-After) until it adopts the server's count.
        deniedPermissions: ['prism'],
        rateLimit: { perSecond: 12, perHour: 10_000, retryAfter: false },
        faults: [
          { kind: 'status', status: 503, everyN: 9, times: 4 },
          { kind: 'status', status: 502, route: 'prism', times: 1 },
        ],
      },
      async (sim) => {
        const graph = sortedGraph(await runAllSteps(configFor(sim)));
        const stats = sim.server.stats();
        expect(stats.rateLimited).toBeGreaterThan(0);
        expect(stats.faultsInjected).toBe(5);
        expect(keysOf(graph.relationships, 'kandji_device_has_app')).toEqual(
          expectedApps(sim.fleet).relationshipKeys,
        );
        expect(keysOf(graph.entities, 'kandji_device')).toEqual(expectedDeviceKeys(sim.fleet));
      },
    );
  });
});

describe('a token rejected mid-run (401)', () => {
  it('fails with an authentication error naming accessToken (ACCESS_TOKEN), from required and Prism reads', async () => {
    for (const route of ['devices', 'prism']) {
      await withSimulator(
        { ...SMALL_FLEET, faults: [{ kind: 'status', status: 401, route }] },
        async (sim) => {
          const failures = new Map<string, Error>();
          await runAllSteps(configFor(sim), {
            failures,
            steps: [Steps.ACCOUNT, Steps.DEVICE_LIST, Steps.DEVICES],
          });
          const step = route === 'devices' ? Steps.DEVICE_LIST : Steps.DEVICES;
          const error = failures.get(step);
          expect(error, route).toBeInstanceOf(IntegrationProviderAuthenticationError);
          expect(error?.message).toContain('401');
          expect(error?.message).toContain('accessToken (ACCESS_TOKEN)');
          expect(error?.message).not.toContain(sim.token);
        },
      );
    }
  });
});

describe('validateInvocation', () => {
  const run = (config: Partial<KandjiIntegrationConfig>) =>
    validateInvocation(
      createMockExecutionContext({ instanceConfig: config as KandjiIntegrationConfig }),
    ).then(
      () => undefined,
      (err: unknown) => err,
    );

  it('accepts a working config with one probe request (+ one per enabled optional source)', async () => {
    await withSimulator(SMALL_FLEET, async (sim) => {
      expect(
        await run({ apiUrl: sim.url.replace('/api/v1', '/'), accessToken: sim.token }),
      ).toBeUndefined();
      // devices, then the preflight (a mock instance has every source on): users, blueprints,
      // library/custom-profiles, vulnerability detections, threats (the last two 404 here:
      // inconclusive, no warning).
      expect(sim.server.stats().total).toBe(6);
    });
  });

  it('names the missing or malformed field', async () => {
    expect(await run({ accessToken: 'x' })).toBeInstanceOf(IntegrationValidationError);
    expect(String(await run({ accessToken: 'x' }))).toContain('apiUrl');
    expect(String(await run({ apiUrl: 'acme.api.kandji.io' }))).toContain('accessToken');
    expect(String(await run({ apiUrl: 'http://acme.api.kandji.io', accessToken: 'x' }))).toContain(
      'https',
    );
  });

  it('reports 401 as an authentication error naming the setting to fix, without the token', async () => {
    await withSimulator(SMALL_FLEET, async (sim) => {
      const err = await run({ apiUrl: sim.url, accessToken: 'wrong-token-value' });
      expect(err).toBeInstanceOf(IntegrationProviderAuthenticationError);
      expect(String((err as Error).message)).toContain('accessToken (ACCESS_TOKEN)');
      expect(String((err as Error).message)).not.toContain('wrong-token-value');
    });
  });

  it('does not call a server error bad credentials', async () => {
    await withSimulator(
      { ...SMALL_FLEET, faults: [{ kind: 'status', status: 500 }] },
      async (sim) => {
        const err = await run({
          apiUrl: sim.url,
          accessToken: sim.token,
          tuning: { maxRetries: 1 },
        } as KandjiIntegrationConfig);
        expect(err).toBeInstanceOf(IntegrationProviderAPIError);
        expect(err).not.toBeInstanceOf(IntegrationProviderAuthenticationError);
        expect(err).toMatchObject({ status: 500 });
      },
    );
  });
});
