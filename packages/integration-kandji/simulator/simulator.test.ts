import { describe, expect, it } from 'vitest';
import { generateKandjiFleet, startKandjiSimulator, type KandjiSimulator } from '.';

async function get(
  sim: KandjiSimulator,
  path: string,
  token = sim.token,
): Promise<{ status: number; body: unknown; headers: Headers }> {
  const res = await fetch(`${sim.url}/${path}`, { headers: { authorization: `Bearer ${token}` } });
  const text = await res.text();
  return {
    status: res.status,
    body: text ? (JSON.parse(text) as unknown) : undefined,
    headers: res.headers,
  };
}

describe('Kandji simulator', () => {
  it('is deterministic from its seed', () => {
    const a = generateKandjiFleet({ seed: 's', devices: 20 });
    const b = generateKandjiFleet({ seed: 's', devices: 20 });
    const c = generateKandjiFleet({ seed: 't', devices: 20 });
    expect(a.devices).toEqual(b.devices);
    expect(a.appsOf(3)).toEqual(b.appsOf(3));
    expect(a.devices).not.toEqual(c.devices);
  });

  it('reproduces the vendor quirks', () => {
    const fleet = generateKandjiFleet({ seed: 'quirks', devices: 60, appsPerDevice: 30 });
    const platforms = new Set(fleet.devices.map((d) => d.platform));
    expect([...platforms].sort()).toEqual(['AppleTV', 'Mac', 'iPad', 'iPhone']);
    expect(fleet.devices.some((d) => d.user === '')).toBe(true);
    expect(
      fleet.devices.every((d) =>
        /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}\+00:00$/.test(d.last_enrollment),
      ),
    ).toBe(true);
    const bundles = fleet.devices.flatMap((_, i) => fleet.appsOf(i).map((a) => a.bundle_id));
    expect(bundles).toContain('');
    expect(bundles).toContain('No value');
    const macApp = fleet.appsOf(fleet.devices.findIndex((d) => d.platform === 'Mac'))[0];
    expect(macApp?.app_id).toMatch(/^\d+$/);
    expect(Object.values(macApp ?? {}).every((v) => typeof v === 'string')).toBe(true);
  });

  it('serves bare device arrays capped at 300, string booleans in details, 404 for unknown devices', async () => {
    const sim = await startKandjiSimulator({ seed: 'x', devices: 320, appsPerDevice: 2 });
    try {
      const page = await get(sim, 'devices?limit=1000');
      expect(Array.isArray(page.body)).toBe(true);
      expect((page.body as unknown[]).length).toBe(300);
      expect((await get(sim, 'devices?offset=400')).body).toEqual([]);
      const mac = sim.fleet.devices.find((d) => d.platform === 'Mac')!;
      const details = (await get(sim, `devices/${mac.device_id}/details`)).body as {
        mdm: { mdm_enabled: string };
        lost_mode?: object;
      };
      expect(details.mdm.mdm_enabled).toBe('True');
      expect((await get(sim, 'devices/nope/details')).status).toBe(404);
      expect(page.headers.get('via')).toMatch(/^kong\//);
      for (const h of [
        'x-ratelimit-limit-hour',
        'x-ratelimit-remaining-hour',
        'x-ratelimit-limit-second',
        'x-ratelimit-remaining-second',
        'ratelimit-limit',
        'ratelimit-remaining',
        'ratelimit-reset',
      ]) {
        expect(page.headers.get(h), h).not.toBeNull();
      }
    } finally {
      await sim.close();
    }
  });

  it('binds Prism cursors to their query and ends on a null cursor', async () => {
    const sim = await startKandjiSimulator({ seed: 'p', devices: 5, appsPerDevice: 4 });
    try {
      const first = (await get(sim, 'prism/apps?limit=8')).body as {
        cursor: string;
        data: unknown[];
        total: number;
      };
      expect(first.data).toHaveLength(8);
      expect(first.total).toBe(20);
      expect((await get(sim, `prism/apps?limit=7&cursor=${first.cursor}`)).status).toBe(400);
      const second = (await get(sim, `prism/apps?limit=8&cursor=${first.cursor}`)).body as {
        cursor: string;
        data: unknown[];
      };
      const third = (await get(sim, `prism/apps?limit=8&cursor=${second.cursor}`)).body as {
        cursor: string | null;
        data: unknown[];
      };
      expect(third.data).toHaveLength(4);
      expect(third.cursor).toBeNull();
    } finally {
      await sim.close();
    }
  });

  it('answers 401 for a wrong token, 403 per denied permission, 404 without Prism, 429 over the limit', async () => {
    const sim = await startKandjiSimulator({
      seed: 'e',
      devices: 3,
      deniedPermissions: ['users'],
      prismAvailable: false,
      rateLimit: { perSecond: 3, retryAfter: true },
    });
    try {
      expect((await get(sim, 'devices', 'nope')).status).toBe(401);
      const statuses = [];
      for (const path of ['users', 'prism/apps']) statuses.push((await get(sim, path)).status);
      expect(statuses).toEqual([403, 404]);
      // 3 per clock-aligned second: a burst may straddle a boundary, so keep asking
      // (at most 20 quick requests; no second can take more than 3 of them).
      let status = 0;
      for (let i = 0; i < 20 && status !== 429; i++) status = (await get(sim, 'devices')).status;
      expect(status).toBe(429);
    } finally {
      await sim.close();
    }
  });

  it('gives absolute next URLs for blueprints and custom profiles', async () => {
    const sim = await startKandjiSimulator({
      seed: 'n',
      devices: 3,
      blueprints: 5,
      customProfiles: 5,
      customProfilesPageSize: 2,
      publicBaseUrl: 'https://acme.api.kandji.io',
    });
    try {
      const bp = (await get(sim, 'blueprints?limit=2')).body as { next: string; count: number };
      expect(bp.next).toBe('https://acme.api.kandji.io/api/v1/blueprints?limit=2&offset=2');
      const cp = (await get(sim, 'library/custom-profiles?page=3')).body as {
        next: string | null;
        results: unknown[];
      };
      expect(cp.next).toBeNull();
      expect(cp.results).toHaveLength(1);
    } finally {
      await sim.close();
    }
  });
});
