import * as crypto from 'node:crypto';

/** One-shot hash (Node >= 20.12): no Hash object per call. */
const oneShot = (crypto as { hash?: (alg: string, data: string, enc: 'buffer') => Buffer }).hash;

function md5(json: string): Buffer {
  return oneShot ? oneShot('md5', json, 'buffer') : crypto.createHash('md5').update(json).digest();
}

/**
 * A row's identity: the MD5 of its JSON (a 128-bit fingerprint, not for security), base64.
 */
export function rowIdentity(raw: unknown): string | undefined {
  const json = JSON.stringify(raw);
  return json === undefined ? undefined : md5(json).toString('base64');
}

/**
 * 64-bit fingerprints in an open-addressing table of two Uint32Arrays' worth of slots: 16
 * bytes per row at most (no string, no Set entry per row), so a listing of hundreds of
 * thousands of rows costs a few MB. Collisions of 64-bit fingerprints are negligible at these
 * sizes (~1e-8 for a million rows).
 */
class FingerprintSet {
  private slots = new Uint32Array(2 * 1024);
  private mask = 1023;
  private size = 0;

  /** Adds the fingerprint; false when it was there already. */
  add(hi: number, lo: number): boolean {
    if ((this.size + 1) * 2 > this.mask + 1) this.grow();
    return this.insert(hi, lo);
  }

  has(hi: number, lo: number): boolean {
    const [h, l] = nonZero(hi, lo);
    for (let i = this.index(h, l); ; i = (i + 1) & this.mask) {
      const sh = this.slots[2 * i] as number;
      const sl = this.slots[2 * i + 1] as number;
      if (sh === 0 && sl === 0) return false;
      if (sh === h && sl === l) return true;
    }
  }

  private insert(hi: number, lo: number): boolean {
    const [h, l] = nonZero(hi, lo);
    for (let i = this.index(h, l); ; i = (i + 1) & this.mask) {
      const sh = this.slots[2 * i] as number;
      const sl = this.slots[2 * i + 1] as number;
      if (sh === 0 && sl === 0) {
        this.slots[2 * i] = h;
        this.slots[2 * i + 1] = l;
        this.size += 1;
        return true;
      }
      if (sh === h && sl === l) return false;
    }
  }

  private index(hi: number, lo: number): number {
    return (lo ^ Math.imul(hi, 0x9e3779b1)) & this.mask;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Uint32Array(old.length * 2);
    this.mask = this.mask * 2 + 1;
    this.size = 0;
    for (let i = 0; i < old.length; i += 2) {
      const h = old[i] as number;
      const l = old[i + 1] as number;
      if (h !== 0 || l !== 0) this.insert(h, l);
    }
  }
}

/**
 * The two 32-bit lanes of the fingerprint being computed. Kept in a typed array rather than in
 * closure variables: the per-character loop then runs on locals (registers), which made the
 * fingerprint of a Prism row about 1.7 times cheaper than mixing through a closure.
 */
const lanes = new Int32Array(2);

/** Mixes one code into both lanes. */
function mixCode(c: number): void {
  let a = lanes[0] as number;
  let b = lanes[1] as number;
  a = Math.imul(a ^ c, 0x85ebca77);
  a ^= a >>> 15;
  b = Math.imul(b ^ c, 0xc2b2ae3d);
  b ^= b >>> 13;
  lanes[0] = a;
  lanes[1] = b;
}

/** Mixes every character of str, then its length as a separator no character code can take. */
function mixText(str: string): void {
  let a = lanes[0] as number;
  let b = lanes[1] as number;
  const n = str.length;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? str.charCodeAt(i) : 0x110000 + n;
    a = Math.imul(a ^ c, 0x85ebca77);
    a ^= a >>> 15;
    b = Math.imul(b ^ c, 0xc2b2ae3d);
    b ^= b >>> 13;
  }
  lanes[0] = a;
  lanes[1] = b;
}

function mixValue(v: unknown): void {
  if (v === null || v === undefined) mixCode(0x110001);
  else if (typeof v === 'string') {
    mixCode(0x110002);
    mixText(v);
  } else if (typeof v === 'number' || typeof v === 'bigint') {
    mixCode(0x110003);
    mixText(String(v));
  } else if (typeof v === 'boolean') mixCode(v ? 0x110004 : 0x110005);
  else if (Array.isArray(v)) {
    mixCode(0x110006);
    for (const item of v) mixValue(item);
    mixCode(0x110007);
  } else if (typeof v === 'object') {
    mixCode(0x110008);
    for (const key of Object.keys(v)) {
      mixText(key);
      mixValue((v as Record<string, unknown>)[key]);
    }
    mixCode(0x110009);
  } else mixCode(0x11000a);
}

/**
 * A 64-bit fingerprint of a JSON value (two 32-bit multiply-xorshift lanes over its keys and
 * values, with type tags and separators), computed by walking it: no JSON string is built per
 * row, which on large listings was as much garbage as the page bodies themselves.
 */
export function fingerprint(value: unknown): [number, number] {
  lanes[0] = 0x9e3779b9;
  lanes[1] = 0x85ebca6b;
  mixValue(value);
  let h1 = lanes[0] as number;
  let h2 = lanes[1] as number;
  // Final avalanche, each lane folded with the other.
  h1 = Math.imul(h1 ^ (h1 >>> 16), 0x85ebca6b) ^ Math.imul(h2 ^ (h2 >>> 13), 0xc2b2ae35);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 0x85ebca6b) ^ Math.imul(h1 ^ (h1 >>> 13), 0xc2b2ae35);
  return [h1 >>> 0, h2 >>> 0];
}

/** (0, 0) marks an empty slot. */
const nonZero = (hi: number, lo: number): [number, number] =>
  hi === 0 && lo === 0 ? [0, 1] : [hi >>> 0, lo >>> 0];

/** The rows a listing has seen, by identity. */
export interface RowMemory {
  /** Remembers the row; false when a row with its identity was remembered before. */
  add(raw: unknown): boolean;
  has(raw: unknown): boolean;
}

/**
 * With a caller's identity (ids): a Set of them (rows without one are never equal to another).
 * Without: 64-bit fingerprints of the rows (fingerprint()).
 */
export function rowMemory(identity?: (raw: unknown) => string | undefined): RowMemory {
  if (identity) {
    const ids = new Set<string>();
    return {
      add(raw) {
        const id = identity(raw);
        if (id === undefined) return true;
        if (ids.has(id)) return false;
        ids.add(id);
        return true;
      },
      has: (raw) => {
        const id = identity(raw);
        return id !== undefined && ids.has(id);
      },
    };
  }
  const prints = new FingerprintSet();
  const print = (raw: unknown): [number, number] | undefined =>
    raw === undefined ? undefined : fingerprint(raw);
  return {
    add(raw) {
      const p = print(raw);
      return p === undefined || prints.add(p[0], p[1]);
    },
    has(raw) {
      const p = print(raw);
      return p !== undefined && prints.has(p[0], p[1]);
    },
  };
}
