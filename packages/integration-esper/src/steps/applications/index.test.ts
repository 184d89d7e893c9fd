import { describe, expect, it } from 'vitest';
import { expectedGraph, sorted } from '../../../test/expected';
import { executeStep, keysOf, SMALL_FLEET, withSimulator } from '../../../test/harness';
import { Entities, Relationships, Steps } from '../constants';

describe('fetch-applications', () => {
  it('ingests the whole catalog across pages, each HAS-linked to the account', async () => {
    await withSimulator(SMALL_FLEET, async (sim) => {
      const expected = expectedGraph(sim.fleet);
      const result = await executeStep(Steps.APPLICATIONS, sim.config);
      expect(keysOf(result.collectedEntities, Entities.APPLICATION._type)).toEqual(
        sorted(expected.applications),
      );
      expect(
        keysOf(result.collectedRelationships, Relationships.ACCOUNT_HAS_APPLICATION._type),
      ).toEqual(sorted(expected.applications.map((k) => `${expected.account}|has|${k}`)));
      expect(sim.server.stats().byRoute.applications?.count).toBeGreaterThanOrEqual(3);
      const agent = result.collectedEntities.find((e) => e.packageName === 'io.shoonya.shoonyadpc');
      expect(agent).toMatchObject({
        name: 'Esper Device Management',
        hidden: true,
        inCatalog: true,
      });
    });
  });

  it('pins hostile next URLs to the configured host and scheme', async () => {
    for (const hostileNext of ['host', 'scheme'] as const) {
      await withSimulator({ ...SMALL_FLEET, hostileNext }, async (sim) => {
        const result = await executeStep(Steps.APPLICATIONS, sim.config);
        expect(keysOf(result.collectedEntities, Entities.APPLICATION._type)).toEqual(
          sorted(expectedGraph(sim.fleet).applications),
        );
      });
    }
  });

  it('skips and counts malformed applications', async () => {
    await withSimulator({ ...SMALL_FLEET, malformed: { applications: 2 } }, async (sim) => {
      const expected = expectedGraph(sim.fleet);
      expect(expected.skipped.applications).toBe(2);
      const result = await executeStep(Steps.APPLICATIONS, sim.config);
      expect(keysOf(result.collectedEntities, Entities.APPLICATION._type)).toEqual(
        sorted(expected.applications),
      );
      expect(expected.applications).toHaveLength(sim.fleet.applications.length - 2);
    });
  });
});
