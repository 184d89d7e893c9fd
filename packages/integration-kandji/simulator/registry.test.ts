import { describe, expect, it } from 'vitest';
import { simulator, type KandjiSimulator } from '.';

describe('Kandji simulator registry contract', () => {
  it('starts a tenant from the common options; its env is what a collection needs', async () => {
    const sim = await simulator.start({
      profile: 'matrix',
      devices: 5,
      token: 'tok-registry',
      deniedPermissions: ['users'],
    });
    try {
      const native = sim.native as KandjiSimulator;
      expect(native.fleet.devices).toHaveLength(5);
      expect(sim.env).toEqual({ API_URL: sim.url, ACCESS_TOKEN: 'tok-registry' });
      expect(sim.envAt('http://127.0.0.1:1/api/v1').API_URL).toBe('http://127.0.0.1:1/api/v1');
      expect(sim.secrets).toEqual(['tok-registry']);
      const get = (path: string) =>
        fetch(`${sim.url}/${path}`, { headers: { authorization: 'Bearer tok-registry' } });
      expect((await get('devices')).status).toBe(200);
      expect((await get('users')).status).toBe(403);
      // The matrix preset has no rate limit; every request is counted.
      expect(sim.stats().total).toBe(2);
    } finally {
      await sim.close();
    }
  });

  it('the demo preset switches the users source off; unknown permissions are refused', async () => {
    const sim = await simulator.start({ profile: 'demo', devices: 3 });
    try {
      expect(sim.env.DISABLED_INGESTION_SOURCES).toBe('users');
      expect(simulator.profiles.demo?.note).toContain('DISABLED_INGESTION_SOURCES=users');
    } finally {
      await sim.close();
    }
    await expect(simulator.start({ deniedPermissions: ['root'] })).rejects.toThrow(
      'unknown Kandji permission "root"',
    );
    expect(simulator.permissions).toContain(simulator.capabilities.optionalPermission?.permission);
  });
});
