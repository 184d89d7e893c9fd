import { describe, expect, it } from 'vitest';
import { type EsperSimulator, esperPlatformMix, simulator } from '.';

describe('Esper simulator registry contract', () => {
  it('starts a tenant from the common options; its env is what a collection needs', async () => {
    const sim = await simulator.start({
      profile: 'matrix',
      devices: 4,
      token: 'esper-key-registry',
      deniedPermissions: ['users'],
    });
    try {
      const native = sim.native as EsperSimulator;
      expect(native.fleet.devices).toHaveLength(4);
      expect(sim.env).toEqual({
        DOMAIN: native.domain,
        ENTERPRISE_ID: native.enterpriseId,
        ACCESS_TOKEN: 'esper-key-registry',
        API_BASE_URL: sim.url,
      });
      expect(sim.secrets).toEqual(['esper-key-registry', native.oauth.clientSecret]);
      const get = (path: string) =>
        fetch(`${sim.url}/${path}`, { headers: { authorization: 'Bearer esper-key-registry' } });
      expect((await get(`enterprise/${native.enterpriseId}/device/`)).status).toBe(200);
      expect((await get(`user/`)).status).toBe(403);
    } finally {
      await sim.close();
    }
  });

  it('the demo preset is a multi-OS enterprise with every source on', async () => {
    expect(esperPlatformMix(100)).toEqual({ devices: 70, apple: 20, windows: 8, linux: 2 });
    const sim = await simulator.start({ profile: 'demo', devices: 20 });
    try {
      const platforms = new Set(
        (sim.native as EsperSimulator).fleet.devices.map((d) => d.platform),
      );
      expect(platforms.size).toBeGreaterThan(1);
      expect((sim.native as EsperSimulator).fleet.devices).toHaveLength(20);
      expect(sim.env.ENABLED_INGESTION_SOURCES).toBe('all');
    } finally {
      await sim.close();
    }
    await expect(simulator.start({ deniedPermissions: ['root'] })).rejects.toThrow(
      'unknown Esper route "root"',
    );
  });
});
