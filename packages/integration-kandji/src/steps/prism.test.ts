import { createMockStepExecutionContext } from '@jupiterone/integration-sdk-testing';
import { describe, expect, it } from 'vitest';
import { expectedApps } from '../../test/expected';
import {
  captureLogs,
  configFor,
  keysOf,
  runAllSteps,
  SMALL_FLEET,
  withSimulator,
} from '../../test/harness';
import { Relationships, Steps } from './constants';

const APP_STEPS = [Steps.ACCOUNT, Steps.DEVICE_LIST, Steps.DEVICES, Steps.APPS];

/** Prism requests of a run, and the app relationships it produced against the expected ones. */
async function appsRun(options: Partial<typeof SMALL_FLEET>) {
  return withSimulator({ ...SMALL_FLEET, ...options }, async (sim) => {
    const context = createMockStepExecutionContext({ instanceConfig: configFor(sim) });
    const logs = captureLogs(context);
    await runAllSteps(configFor(sim), { steps: APP_STEPS, context });
    return {
      prismRequests: sim.server.stats().byRoute.prism?.count ?? 0,
      /** Requests per Prism category (prism/count not included). */
      byCategory: sim.prismRequests(),
      got: keysOf(context.jobState.collectedRelationships, Relationships.DEVICE_HAS_APP._type),
      expected: expectedApps(sim.fleet).relationshipKeys,
      logs,
    };
  });
}

describe('Prism paging', () => {
  it('reads offset pages (total from page one): the same graph, no request beyond the pages', async () => {
    const run = await appsRun({});
    expect(run.got).toEqual(run.expected);
    // device_information and apps, 4 rows a page: ceil(rows / 4) requests each, nothing more.
    const baseline = await appsRun({ prismIgnoresOffset: true });
    expect(baseline.got).toEqual(run.expected);
    expect(run.prismRequests).toBeLessThan(baseline.prismRequests);
  });

  it('asks prism/count when total is null, then reads offset pages', async () => {
    const withTotal = await appsRun({});
    const run = await appsRun({ prismTotalNull: true });
    expect(run.got).toEqual(run.expected);
    // The same pages per category, plus one prism/count per category that has more than one
    // page (a category whose page one has no cursor is complete: nothing to count).
    expect(run.byCategory).toEqual(withTotal.byCategory);
    const multiPage = Object.values(withTotal.byCategory).filter((n) => n > 1).length;
    expect(multiPage).toBeGreaterThanOrEqual(2);
    expect(run.prismRequests).toBe(withTotal.prismRequests + multiPage);
  });

  it('falls back to the cursor with one warning per category when offset is not honoured', async () => {
    const run = await appsRun({ prismIgnoresOffset: true });
    expect(run.got).toEqual(run.expected);
    const warned = [
      ...run.logs
        .text()
        .matchAll(/"resource":"([^"]+)","reason":"parallel offset paging not usable/g),
    ].map((m) => m[1]);
    // prism/device_information and the five posture categories (fetch-devices) and prism/apps
    // (fetch-apps): one line each.
    expect(warned.sort()).toEqual([
      'prism activation_lock row',
      'prism app row',
      'prism application_firewall row',
      'prism device_information row',
      'prism filevault row',
      'prism gatekeeper_and_xprotect row',
      'prism startup_settings row',
    ]);
  });
});
