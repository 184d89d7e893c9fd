import { describe, expect, it } from 'vitest';
import { generateFleet, startEsperSimulator } from '.';

async function get(
  url: string,
  token?: string,
): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const res = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return {
    status: res.status,
    body: (await res.json()) as Record<string, unknown>,
    headers: res.headers,
  };
}

describe('generateFleet', () => {
  it('is deterministic for a seed and different across seeds', () => {
    const a = generateFleet({ seed: 7, devices: 20 });
    const b = generateFleet({ seed: 7, devices: 20 });
    expect(JSON.stringify(a.devices)).toBe(JSON.stringify(b.devices));
    expect(a.deviceApps(a.devices[3]?.id ?? '')).toEqual(b.deviceApps(b.devices[3]?.id ?? ''));
    expect(generateFleet({ seed: 8, devices: 20 }).enterprise.id).not.toBe(a.enterprise.id);
  });

  it('keeps group counts consistent with the devices and the tree', () => {
    const fleet = generateFleet({ seed: 3, devices: 200, groups: 15 });
    for (const g of fleet.groups) {
      expect(g.deviceCount).toBe(fleet.devices.filter((d) => d.groupIds.includes(g.id)).length);
      expect(g.childrenCount).toBe(fleet.groups.filter((c) => c.parentId === g.id).length);
      const parent = fleet.groups.find((p) => p.id === g.parentId);
      expect(g.path).toBe(parent ? `${parent.path}/${g.name}` : g.name);
    }
    const groupsPerDevice = new Set(fleet.devices.map((d) => d.groupIds.length));
    expect([...groupsPerDevice].sort()).toEqual([0, 1, 2]);
    expect(fleet.devices.some((d) => d.userId === null)).toBe(true);
    expect(fleet.devices.some((d) => !d.hasInfo)).toBe(true);
  });

  it('gives devices the requested number of installed apps, including the Esper agent', () => {
    const fleet = generateFleet({ seed: 1, devices: 5, appsPerDevice: 40 });
    for (const d of fleet.devices) {
      const apps = fleet.deviceApps(d.id);
      expect(apps).toHaveLength(40);
      expect(new Set(apps.map((a) => a.packageName)).size).toBe(40);
      expect(apps.map((a) => a.packageName)).toContain('io.shoonya.shoonyadpc');
    }
  });
});

describe('startEsperSimulator', () => {
  it('serves DRF pages with absolute next URLs, default 20, capped at 250 (clamp)', async () => {
    const sim = await startEsperSimulator({ devices: 300 });
    try {
      const base = `${sim.url}/enterprise/${sim.enterpriseId}/device/`;
      const first = await get(base, sim.token);
      expect(first.status).toBe(200);
      expect(first.headers.get('server')).toMatch(/^nginx/);
      expect(first.body.count).toBe(300);
      expect(first.body.results).toHaveLength(20);
      expect(first.body.previous).toBeNull();
      expect(first.body.next).toBe(`${base}?limit=20&offset=20`);
      const big = await get(`${base}?limit=1000&state=1`, sim.token);
      expect((big.body.results as unknown[]).length).toBe(big.body.count);
      const capped = await get(`${base}?limit=1000`, sim.token);
      expect(capped.body.results).toHaveLength(250);
      expect(capped.body.next).toBe(`${base}?limit=250&offset=250`);
      const past = await get(`${base}?limit=10&offset=900`, sim.token);
      expect(past.body).toMatchObject({ count: 300, results: [], next: null });
      expect(sim.server.stats().emptyPages).toBe(1);
    } finally {
      await sim.close();
    }
  });

  it('rejects oversized limits with 400 when configured, and emits hostile next URLs on demand', async () => {
    const sim = await startEsperSimulator({
      devices: 30,
      oversizedLimit: 'reject',
      maxPageSize: 25,
      hostileNext: 'host',
    });
    try {
      const base = `${sim.url}/enterprise/${sim.enterpriseId}/device/`;
      expect((await get(`${base}?limit=26`, sim.token)).status).toBe(400);
      const page = await get(`${base}?limit=25`, sim.token);
      expect(new URL(String(page.body.next)).hostname).toBe('attacker.invalid');
    } finally {
      await sim.close();
    }
  });

  it('answers 401 without a valid key, 404 for another enterprise, 403 for denied routes', async () => {
    const sim = await startEsperSimulator({ devices: 3, deny: ['users'] });
    try {
      expect((await get(`${sim.url}/enterprise/${sim.enterpriseId}/`)).status).toBe(401);
      expect((await get(`${sim.url}/enterprise/${sim.enterpriseId}/`, 'nope')).status).toBe(401);
      expect(
        (await get(`${sim.url}/enterprise/00000000-0000-4000-8000-000000000000/`, sim.token))
          .status,
      ).toBe(404);
      expect((await get(`${sim.url}/user/`, sim.token)).status).toBe(403);
      const enterprise = await get(`${sim.url}/enterprise/${sim.enterpriseId}/`, sim.token);
      // The secrets are there, so leak tests mean something.
      expect(JSON.stringify(enterprise.body)).toContain(
        sim.fleet.enterprise.secrets.enterpriseToken,
      );
    } finally {
      await sim.close();
    }
  });

  it('serves every platform through v2 ({content}, prev, default 10, cap 1000) and Android only through v1', async () => {
    const sim = await startEsperSimulator({ devices: 8, apple: 1200, windows: 2, linux: 1 });
    try {
      const v2 = `${sim.url}/v2/devices/`;
      const first = await get(v2, sim.token);
      const content = first.body.content as Record<string, unknown>;
      expect(Object.keys(first.body)).toEqual(['content']);
      expect(content.count).toBe(1211);
      expect(content.results).toHaveLength(10);
      expect(content.prev).toBeNull();
      expect(content.next).toBe(`${v2}?limit=10&offset=10`);
      const big = await get(`${v2}?limit=5000&offset=1000`, sim.token);
      expect((big.body.content as { results: unknown[] }).results).toHaveLength(211);
      const apple = await get(`${v2}?platform=APPLE&limit=1`, sim.token);
      expect((apple.body.content as { count: number }).count).toBe(1200);
      const v1 = await get(`${sim.url}/enterprise/${sim.enterpriseId}/device/`, sim.token);
      expect(v1.body.count).toBe(8);
    } finally {
      await sim.close();
    }
  });

  it('answers 404 on every v2 route of a tenant without v2', async () => {
    const sim = await startEsperSimulator({ devices: 3, apple: 1, v2Absent: true });
    try {
      const apple = sim.fleet.devices.find((d) => d.platform === 'APPLE')?.id ?? '';
      for (const path of [
        '/v2/devices/',
        `/v2/devices/${apple}/`,
        `/v2/devices/${apple}/device-apps/`,
      ]) {
        expect((await get(`${sim.url}${path}`, sim.token)).status).toBe(404);
      }
      expect(
        (await get(`${sim.url}/enterprise/${sim.enterpriseId}/device/`, sim.token)).status,
      ).toBe(200);
    } finally {
      await sim.close();
    }
  });

  it("lists device-role, Google-role and login-less accounts only when Esper's filters are not sent", async () => {
    const sim = await startEsperSimulator({ devices: 1, users: 4 });
    try {
      const all = await get(`${sim.url}/user/?limit=100`, sim.token);
      const filtered = await get(
        `${sim.url}/user/?limit=100&exclude_google_roles=true&exclude_enterprise_device_role=true&authn_user_id_null=false`,
        sim.token,
      );
      expect(all.body.count).toBe(sim.fleet.users.length);
      expect(filtered.body.count).toBe(
        sim.fleet.users.filter((u) => ['person', 'service', 'no-email'].includes(u.kind)).length,
      );
    } finally {
      await sim.close();
    }
  });

  it('issues short-lived OAuth2 tokens the API accepts until revoked', async () => {
    const sim = await startEsperSimulator({ devices: 3 });
    try {
      const basic = Buffer.from(`${sim.oauth.clientId}:${sim.oauth.clientSecret}`).toString(
        'base64',
      );
      const res = await fetch(sim.oauth.tokenUrl, {
        method: 'POST',
        headers: {
          authorization: `Basic ${basic}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: 'grant_type=client_credentials',
      });
      const token = (await res.json()) as { access_token: string; expires_in: number };
      expect(token.expires_in).toBeGreaterThan(0);
      expect(
        (await get(`${sim.url}/enterprise/${sim.enterpriseId}/`, token.access_token)).status,
      ).toBe(200);
      sim.revokeTokens();
      expect(
        (await get(`${sim.url}/enterprise/${sim.enterpriseId}/`, token.access_token)).status,
      ).toBe(401);
      const bad = await fetch(sim.oauth.tokenUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `grant_type=client_credentials&client_id=${sim.oauth.clientId}&client_secret=wrong`,
      });
      expect(bad.status).toBe(401);
    } finally {
      await sim.close();
    }
  });

  it('answers 429 without rate-limit headers once over the server limit', async () => {
    const sim = await startEsperSimulator({
      devices: 3,
      rateLimit: { windows: [{ name: 's', limit: 2, intervalMs: 60_000 }] },
    });
    try {
      const url = `${sim.url}/enterprise/${sim.enterpriseId}/`;
      await get(url, sim.token);
      await get(url, sim.token);
      const limited = await get(url, sim.token);
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBeNull();
      expect([...limited.headers.keys()].filter((k) => k.includes('ratelimit'))).toEqual([]);
    } finally {
      await sim.close();
    }
  });
});
