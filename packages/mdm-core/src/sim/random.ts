/**
 * Deterministic pseudo-random numbers for synthetic fleets: the same seed gives the same fleet on every
 * machine and run. sfc32 (small fast counter) seeded from a 128-bit string hash (cyrb128); not cryptographic.
 */
function hash128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

const HEX = '0123456789abcdef';
// Apple-style serials: uppercase letters and digits without the easily confused I and O.
const SERIAL_CHARS = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';

export class SeededRandom {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(readonly seed: number | string) {
    [this.a, this.b, this.c, this.d] = hash128(String(seed));
    // Warm up: the first outputs of sfc32 are correlated with the seed words.
    for (let i = 0; i < 12; i++) this.next();
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.a |= 0;
    this.b |= 0;
    this.c |= 0;
    this.d |= 0;
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    if (max < min) throw new RangeError(`int(${min}, ${max}): max is below min`);
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick() from an empty array');
    return items[this.int(0, items.length - 1)] as T;
  }

  /** True with probability p (default 0.5). */
  bool(p = 0.5): boolean {
    return this.next() < p;
  }

  /** n lowercase hex characters. */
  hex(n: number): string {
    let out = '';
    for (let i = 0; i < n; i++) out += HEX[this.int(0, 15)];
    return out;
  }

  /** A random (version 4 layout) UUID, lowercase. */
  uuid(): string {
    const variant = HEX[8 + this.int(0, 3)];
    return `${this.hex(8)}-${this.hex(4)}-4${this.hex(3)}-${variant}${this.hex(3)}-${this.hex(12)}`;
  }

  /** A unicast, globally administered MAC address, lowercase colon form. */
  mac(): string {
    const first = this.int(0, 255) & 0xfc;
    const rest = Array.from({ length: 5 }, () => this.hex(2));
    return [first.toString(16).padStart(2, '0'), ...rest].join(':');
  }

  serial(len = 12): string {
    let out = '';
    for (let i = 0; i < len; i++) out += SERIAL_CHARS[this.int(0, SERIAL_CHARS.length - 1)];
    return out;
  }

  /** A date uniformly between from and to, at whole milliseconds. */
  date(from: Date, to: Date): Date {
    return new Date(this.int(from.getTime(), to.getTime()));
  }

  /**
   * A last check-in as a real fleet has them, relative to `now`: 80% within the last 3 days,
   * 12% 3 to 30 days ago, 8% 30 to 120 days ago. One draw, like date().
   */
  lastSeen(now: Date): Date {
    return lastSeenAt(now, this.next());
  }

  /** Shuffles in place (Fisher-Yates) and returns the same array. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      [items[i], items[j]] = [items[j] as T, items[i] as T];
    }
    return items;
  }

  /** An independent generator for a named sub-stream (e.g. per device), stable whatever else is drawn. */
  derive(label: string | number): SeededRandom {
    return new SeededRandom(`${String(this.seed)}/${String(label)}`);
  }
}

const DAY_MS = 86_400_000;

/** Maps u in [0, 1) to a check-in age: 80% under 3 days, 12% 3-30 days, 8% 30-120 days. */
export function lastSeenAt(now: Date, u: number): Date {
  const age =
    u < 0.8
      ? (u / 0.8) * 3 * DAY_MS
      : u < 0.92
        ? 3 * DAY_MS + ((u - 0.8) / 0.12) * 27 * DAY_MS
        : 30 * DAY_MS + ((u - 0.92) / 0.08) * 90 * DAY_MS;
  return new Date(now.getTime() - Math.round(age));
}

/**
 * `count` records made by `make(i, rng)`, where each index has its own generator derived from the seed: record
 * i is the same whether the fleet has 10 or 10,000 records, so small test fleets are prefixes of large ones.
 */
export function fleetRange<T>(
  count: number,
  seed: number | string,
  make: (i: number, rng: SeededRandom) => T,
): T[] {
  const root = new SeededRandom(seed);
  return Array.from({ length: count }, (_, i) => make(i, root.derive(i)));
}
