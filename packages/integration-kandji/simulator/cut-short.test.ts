import { describe, expect, it } from 'vitest';
import { startKandjiSimulator } from '.';

describe('Kandji simulator: device list cut short (completeness fault)', () => {
  it('ends GET devices early while x-total-count, licensing and Prism still count the fleet', async () => {
    const sim = await startKandjiSimulator({
      seed: 'cut',
      devices: 12,
      rateLimit: false,
      legacyDeviceHeaders: true,
      cutDeviceListAfter: 5,
    });
    const get = async (path: string) => {
      const res = await fetch(`${sim.url}/${path}`, {
        headers: { authorization: `Bearer ${sim.token}` },
      });
      return { body: (await res.json()) as unknown, headers: res.headers };
    };
    try {
      const first = await get('devices?limit=3&offset=0');
      expect(first.body).toHaveLength(3);
      expect(first.headers.get('x-total-count')).toBe('12');
      const second = await get('devices?limit=3&offset=3');
      expect(second.body).toHaveLength(2);
      expect((await get('devices?limit=3&offset=6')).body).toEqual([]);
      const licensing = (await get('settings/licensing')).body as {
        counts: Record<string, number>;
      };
      const c = licensing.counts;
      expect(
        (c.macos_count ?? 0) + (c.ios_count ?? 0) + (c.ipados_count ?? 0) + (c.tvos_count ?? 0),
      ).toBe(12);
      const prism = (await get('prism/device_information?limit=300')).body as {
        total: number;
        data: unknown[];
      };
      expect(prism.total).toBe(12);
      expect(prism.data).toHaveLength(12);
    } finally {
      await sim.close();
    }
  });
});
