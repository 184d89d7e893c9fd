import { isIP } from 'node:net';

export interface DeviceIpAddresses {
  ipv4Addresses: string[] | null;
  ipv6Addresses: string[] | null;
  publicIpAddresses: string[] | null;
  privateIpAddresses: string[] | null;
}

function ipv4Octets(ip: string): number[] {
  return ip.split('.').map(Number);
}

/** RFC 1918, CGNAT 100.64/10 and link-local 169.254/16: not reachable from the internet. */
function isPrivateIpv4(ip: string): boolean {
  const [a = 0, b = 0] = ipv4Octets(ip);
  return (
    a === 10 ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 100 && b >= 64 && b <= 127) ||
    (a === 169 && b === 254)
  );
}

/** Unique-local fc00::/7 and link-local fe80::/10. */
function isPrivateIpv6(ip: string): boolean {
  const first = parseInt(ip.split(':')[0] || '0', 16);
  return (first & 0xfe00) === 0xfc00 || (first & 0xffc0) === 0xfe80;
}

/** Loopback and unspecified addresses say nothing about a device on the network. */
function isMeaningless(ip: string, family: number): boolean {
  if (family === 4) return ip.startsWith('127.') || ip === '0.0.0.0';
  return ip === '::1' || ip === '::';
}

/** "fe80::1%en0" -> "fe80::1"; "::ffff:10.0.0.1" -> "10.0.0.1". */
function canonical(raw: string): string {
  const s = raw.trim().replace(/%.*$/, '').toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  return mapped?.[1] ?? s;
}

function orNull(values: Set<string>): string[] | null {
  return values.size > 0 ? [...values] : null;
}

/**
 * Splits a device's addresses into the four arrays the data model's Device has, dropping invalid, loopback and
 * unspecified addresses and duplicates. Empty arrays become null ("unknown"), as the schema expects.
 */
export function splitIpAddresses(values: readonly unknown[] | null | undefined): DeviceIpAddresses {
  const v4 = new Set<string>();
  const v6 = new Set<string>();
  const pub = new Set<string>();
  const priv = new Set<string>();
  for (const value of values ?? []) {
    if (typeof value !== 'string') continue;
    const ip = canonical(value);
    const family = isIP(ip);
    if (family === 0 || isMeaningless(ip, family)) continue;
    (family === 4 ? v4 : v6).add(ip);
    const isPrivate = family === 4 ? isPrivateIpv4(ip) : isPrivateIpv6(ip);
    (isPrivate ? priv : pub).add(ip);
  }
  return {
    ipv4Addresses: orNull(v4),
    ipv6Addresses: orNull(v6),
    publicIpAddresses: orNull(pub),
    privateIpAddresses: orNull(priv),
  };
}
