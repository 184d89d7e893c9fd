import { describe, expect, it } from 'vitest';
import { startEsperSimulator } from '.';

describe('Esper simulator: list cut short (completeness fault)', () => {
  it('ends the device list early while DRF count still says the whole fleet', async () => {
    const sim = await startEsperSimulator({ seed: 'cut', devices: 12, cutShort: { devices: 5 } });
    const get = async (query: string) => {
      const res = await fetch(`${sim.url}/enterprise/${sim.enterpriseId}/device/?${query}`, {
        headers: { authorization: `Bearer ${sim.token}` },
      });
      return (await res.json()) as { count: number; next: string | null; results: unknown[] };
    };
    try {
      const first = await get('limit=3');
      expect(first).toMatchObject({ count: 12 });
      expect(first.results).toHaveLength(3);
      expect(first.next).not.toBeNull();
      const second = await get('limit=3&offset=3');
      expect(second.results).toHaveLength(2);
      expect(second.next).toBeNull();
      expect(second.count).toBe(12);
      expect((await get('limit=3&offset=6')).results).toEqual([]);
    } finally {
      await sim.close();
    }
  });
});
