import { describe, expect, it } from 'vitest';
import { fleetRange, lastSeenAt, SeededRandom } from './random';

function draw(rng: SeededRandom, n = 5): number[] {
  return Array.from({ length: n }, () => rng.next());
}

describe('SeededRandom', () => {
  it('is deterministic per seed and differs between seeds', () => {
    expect(draw(new SeededRandom('fleet-1'))).toEqual(draw(new SeededRandom('fleet-1')));
    expect(draw(new SeededRandom(42))).toEqual(draw(new SeededRandom('42')));
    expect(draw(new SeededRandom('fleet-1'))).not.toEqual(draw(new SeededRandom('fleet-2')));
  });

  it('stays in range and looks uniform', () => {
    const rng = new SeededRandom('uniform');
    const buckets = new Array<number>(10).fill(0);
    let min = 1;
    let max = 0;
    for (let i = 0; i < 20_000; i++) {
      const x = rng.next();
      min = Math.min(min, x);
      max = Math.max(max, x);
      const b = Math.floor(x * 10);
      buckets[b] = (buckets[b] ?? 0) + 1;
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    for (const b of buckets) expect(b).toBeGreaterThan(1_800);
    for (const b of buckets) expect(b).toBeLessThan(2_200);
  });

  it('int() covers both bounds inclusive and nothing outside', () => {
    const rng = new SeededRandom('int');
    const seen = new Set<number>();
    for (let i = 0; i < 2_000; i++) seen.add(rng.int(3, 7));
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7]);
    expect(() => rng.int(5, 1)).toThrow(RangeError);
  });

  it('generates well-formed identifiers', () => {
    const rng = new SeededRandom('ids');
    for (let i = 0; i < 200; i++) {
      expect(rng.uuid()).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
      const mac = rng.mac();
      expect(mac).toMatch(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/);
      expect(parseInt(mac.slice(0, 2), 16) & 0x03).toBe(0);
      expect(rng.serial()).toMatch(/^[A-HJ-NP-Z0-9]{12}$/);
      expect(rng.hex(6)).toMatch(/^[0-9a-f]{6}$/);
    }
  });

  it('picks, shuffles, flips and dates deterministically', () => {
    const a = new SeededRandom('mix');
    const b = new SeededRandom('mix');
    const from = new Date('2024-01-01T00:00:00Z');
    const to = new Date('2024-12-31T00:00:00Z');
    const run = (r: SeededRandom) => [
      r.pick(['x', 'y', 'z']),
      r.shuffle([1, 2, 3, 4, 5]),
      r.bool(0.3),
      r.date(from, to).toISOString(),
    ];
    expect(run(a)).toEqual(run(b));
    const d = new SeededRandom('d').date(from, to);
    expect(d.getTime()).toBeGreaterThanOrEqual(from.getTime());
    expect(d.getTime()).toBeLessThanOrEqual(to.getTime());
    expect(new SeededRandom('s').shuffle([1, 2, 3, 4, 5]).sort()).toEqual([1, 2, 3, 4, 5]);
    expect(() => a.pick([])).toThrow(RangeError);
  });

  it('bool(p) follows p', () => {
    const rng = new SeededRandom('bool');
    let hits = 0;
    for (let i = 0; i < 10_000; i++) if (rng.bool(0.2)) hits++;
    expect(hits).toBeGreaterThan(1_800);
    expect(hits).toBeLessThan(2_200);
  });
});

describe('fleetRange', () => {
  it('makes count records, deterministic, small fleets being prefixes of large ones', () => {
    const make = (i: number, rng: SeededRandom) => ({ i, id: rng.uuid(), serial: rng.serial() });
    const small = fleetRange(10, 'acme', make);
    const large = fleetRange(1_000, 'acme', make);
    expect(small).toHaveLength(10);
    expect(large.slice(0, 10)).toEqual(small);
    expect(fleetRange(10, 'other', make)).not.toEqual(small);
    expect(new Set(large.map((d) => d.id)).size).toBe(1_000);
  });
});

describe('lastSeenAt', () => {
  const now = new Date('2026-12-01T12:00:00Z');
  const ageDays = (u: number) => (now.getTime() - lastSeenAt(now, u).getTime()) / 86_400_000;

  it('puts 80% of check-ins within 3 days, 12% within 3-30 days, 8% within 30-120 days', () => {
    expect(ageDays(0)).toBe(0);
    expect(ageDays(0.79)).toBeLessThan(3);
    expect(ageDays(0.8)).toBeCloseTo(3, 6);
    expect(ageDays(0.91)).toBeLessThan(30);
    expect(ageDays(0.92)).toBeCloseTo(30, 6);
    expect(ageDays(0.999)).toBeLessThan(120);
  });

  it('SeededRandom.lastSeen draws once, like date(), so a fleet keeps its other values', () => {
    const a = new SeededRandom('x');
    const b = new SeededRandom('x');
    a.lastSeen(now);
    b.date(new Date(0), now);
    expect(a.next()).toBe(b.next());
  });
});
