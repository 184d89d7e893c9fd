import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
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
        // Every request the steps sent reached the simulator (validateInvocation's probe aside).
        const served = tenant.server.stats().total;
        expect(a.lastCollectionRequests).toBeGreaterThan(0);
        expect(a.lastCollectionRequests).toBeLessThanOrEqual(served);
        expect(served - (a.lastCollectionRequests as number)).toBeLessThanOrEqual(2);
        expect(typeof a.lastCollectionOn).toBe('number');
      } finally {
        await tenant.close();
      }
    }, 30_000);

    it(`${integration}: a cut-short device list and skipped records show in the account`, async () => {
      const tenant = await startTenant(
        integration,
        integration === 'kandji'
          ? { kandji: { cutDeviceListAfter: 5, badRecords: { devices: 2 } } }
          : { esper: { cutShort: { devices: 5 }, malformed: { devices: 2 } } },
      );
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
    const tenant = await startTenant('kandji', { kandji: { deniedPermissions: ['users'] } });
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
