import { describe, expect, it } from 'vitest';
import { startKandjiSimulator, type KandjiSimulator } from '.';

interface Envelope {
  results: unknown[];
  next: string | null;
  previous: string | null;
  [key: string]: unknown;
}

async function get(
  sim: KandjiSimulator,
  path: string,
): Promise<{ status: number; body: Envelope }> {
  const res = await fetch(path.startsWith('http') ? path : `${sim.url}/${path}`, {
    headers: { authorization: `Bearer ${sim.token}` },
  });
  return { status: res.status, body: (await res.json()) as Envelope };
}

describe('Kandji simulator: security findings', () => {
  it('pages detections by an `after` cursor in an absolute next URL, size capped at 300', async () => {
    const sim = await startKandjiSimulator({
      seed: 'sim-findings',
      devices: 400,
      appsPerDevice: 20,
      vulnerableInstallRate: 0.3,
    });
    try {
      const total = sim.findings().detections.length;
      expect(total).toBeGreaterThan(600);
      const first = await get(sim, 'vulnerability-management/detections?size=1000');
      expect(first.body.results).toHaveLength(300);
      expect(first.body.previous).toBeNull();
      const next = new URL(first.body.next as string);
      expect(next.pathname).toBe('/api/v1/vulnerability-management/detections');
      expect(next.searchParams.get('after')).toBeTruthy();
      const seen = [...first.body.results];
      let url: string | null = first.body.next as string;
      while (url) {
        const page = await get(sim, url);
        seen.push(...page.body.results);
        url = page.body.next;
      }
      expect(seen).toEqual(sim.findings().detections);
      // A cursor is bound to its query.
      const forged = `vulnerability-management/detections?size=10&after=${next.searchParams.get('after')}`;
      expect((await get(sim, forged)).status).toBe(400);
    } finally {
      await sim.close();
    }
  });

  it('pages the CVE listing by page/size (max 50) and threats by limit/offset (max 1000)', async () => {
    const sim = await startKandjiSimulator({
      seed: 'sim-findings',
      devices: 400,
      appsPerDevice: 20,
      vulnerableInstallRate: 0.3,
      threatRate: 0.5,
    });
    try {
      const cves = sim.findings().cves;
      expect(cves.length).toBeGreaterThan(50);
      const page = await get(sim, 'vulnerability-management/vulnerabilities?page=2&size=100');
      expect(page.body).toMatchObject({ total: cves.length, page: 2, size: 50 });
      expect(page.body.results).toEqual(cves.slice(50, 100));
      const threats = await get(sim, 'threat-details?limit=5&offset=5');
      expect(threats.body.count).toBe(sim.findings().threats.length);
      expect(threats.body.results).toEqual(sim.findings().threats.slice(5, 10));
      expect(new URL(threats.body.next as string).searchParams.get('offset')).toBe('10');
      expect(Number(threats.body.malware_count) + Number(threats.body.pup_count)).toBe(
        threats.body.count,
      );
      const behavioral = await get(sim, 'behavioral-detections');
      expect(behavioral.body.total_count).toBe(sim.findings().behavioral.length);
    } finally {
      await sim.close();
    }
  });

  it('answers 404 for tenants without the products and 403 for a token without the permissions', async () => {
    const absent = await startKandjiSimulator({
      devices: 5,
      vulnerabilityManagement: false,
      edr: 'no-behavioral',
    });
    try {
      expect((await get(absent, 'vulnerability-management/detections')).status).toBe(404);
      expect((await get(absent, 'vulnerability-management/vulnerabilities')).status).toBe(404);
      expect((await get(absent, 'threat-details')).status).toBe(200);
      expect((await get(absent, 'behavioral-detections')).status).toBe(404);
      absent.setDeniedPermissions(['threats', 'vulnerabilityManagement']);
      expect((await get(absent, 'threat-details')).status).toBe(403);
      expect((await get(absent, 'vulnerability-management/detections')).status).toBe(403);
    } finally {
      await absent.close();
    }
  });
});
