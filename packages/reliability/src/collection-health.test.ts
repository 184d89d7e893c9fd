import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SOURCE_PERMISSIONS as KANDJI_SOURCES } from '@mdm-graph/integration-kandji';
import type { Collected } from './collect';
import { startTenant } from './matrix/harness';

/** Every entity the run wrote, with its properties. */
function entities(run: Collected): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.json')) {
        const file = JSON.parse(readFileSync(path, 'utf8')) as {
          entities?: Record<string, unknown>[];
        };
        out.push(...(file.entities ?? []));
      }
    }
  };
  walk(join(run.projectDir, '.j1-integration', 'graph'));
  return out;
}

function account(run: Collected, type: string): Record<string, unknown> {
  const found = entities(run).filter((e) => e._type === type);
  expect(found).toHaveLength(1);
  return found[0] as Record<string, unknown>;
}

/**
 * Requests validateInvocation sends before any step (every source on): Kandji GET devices
 * (limit=1) and one probe per probed optional source; Esper the enterprise, users (limit=1),
 * one device (limit=1) and that device's app list.
 */
const VALIDATION_REQUESTS = {
  kandji: 1 + KANDJI_SOURCES.filter((p) => p.probe !== undefined).length,
  esper: 4,
} as const;

/** Each simulator's own options for a device list cut after 5 devices, with 2 invalid records. */
const CUT_SHORT_WITH_BAD_RECORDS: Record<'kandji' | 'esper', Record<string, unknown>> = {
  kandji: { cutDeviceListAfter: 5, badRecords: { devices: 2 } },
  esper: { cutShort: { devices: 5 }, malformed: { devices: 2 } },
};

describe('collection health on the account entity', () => {
  for (const [integration, type, device] of [
    ['kandji', 'kandji_account', 'kandji_device'],
    ['esper', 'esper_account', 'esper_device'],
  ] as const) {
    it(`${integration}: a clean run is complete, with its request count`, async () => {
      const tenant = await startTenant(integration);
      try {
        const run = await tenant.run('health-clean');
        expect(run.result.ok).toBe(true);
        const a = account(run, type);
        expect(a).toMatchObject({
          lastCollectionComplete: true,
          lastCollectionPartialTypes: [],
          lastCollectionPartialReasons: [],
          lastCollectionSkippedRecords: 0,
        });
        expect(a.lastCollectionCompleteTypes).toEqual(expect.arrayContaining([type, device]));
        // Every request the steps sent reached the simulator; the rest are validateInvocation's:
        // its connectivity probe and the permission preflight's limit=1 probes.
        const served = tenant.server.stats().total;
        expect(a.lastCollectionRequests).toBeGreaterThan(0);
        expect(served - (a.lastCollectionRequests as number)).toBe(
          VALIDATION_REQUESTS[integration],
        );
        expect(typeof a.lastCollectionOn).toBe('number');
      } finally {
        await tenant.close();
      }
    }, 30_000);

    it(`${integration}: a cut-short device list and skipped records show in the account`, async () => {
      const tenant = await startTenant(integration, {
        vendor: CUT_SHORT_WITH_BAD_RECORDS[integration],
      });
      try {
        const run = await tenant.run('health-partial');
        expect(run.result.ok).toBe(false);
        const a = account(run, type);
        expect(a.lastCollectionComplete).toBe(false);
        expect(a.lastCollectionPartialTypes).toContain(device);
        expect(a.lastCollectionPartialReasons).toContain(`${device}: completeness`);
        expect(a.lastCollectionCompleteTypes).not.toContain(device);
        expect(a.lastCollectionSkippedRecords).toBeGreaterThanOrEqual(1);
      } finally {
        await tenant.close();
      }
    }, 30_000);
  }

  it('kandji: a denied optional endpoint reads as permission', async () => {
    const tenant = await startTenant('kandji', { sim: { deniedPermissions: ['users'] } });
    try {
      const run = await tenant.run('health-permission');
      const a = account(run, 'kandji_account');
      expect(a.lastCollectionPartialReasons).toContain('kandji_user: permission');
      expect(a.lastCollectionCompleteTypes).toContain('kandji_device');
    } finally {
      await tenant.close();
    }
  }, 30_000);
});
