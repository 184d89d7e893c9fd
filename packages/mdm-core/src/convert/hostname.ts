import { isIP } from 'node:net';

// The data model's Device.hostname pattern: one DNS label of 2-63 characters.
const LABEL = /^[a-z0-9][a-z0-9-]{0,61}[a-z0-9]$/;
// The data model's Device.fqdn item pattern.
const FQDN = /(?=^.{4,253}$)(^((?!-)[a-zA-Z0-9-]{0,62}[a-zA-Z0-9]\.)+[a-zA-Z]{2,63}$)/;

/**
 * A host or domain name -> its first DNS label, lowercased ("Mac-01.corp.example.com" -> "mac-01",
 * "iPad-7.local" -> "ipad-7"). IP addresses, names with spaces or other characters that a label cannot hold
 * (e.g. "Ada's MacBook") -> null: we do not invent hostnames from display names.
 */
export function toHostnameLabel(v: unknown): string | null {
  if (typeof v !== 'string') return null;
  const s = v.trim().replace(/\.$/, '');
  if (s === '' || isIP(s) !== 0) return null;
  const label = (s.split('.')[0] ?? '').toLowerCase();
  return LABEL.test(label) ? label : null;
}

/**
 * A fully qualified domain name as the data model accepts it, lowercased, or undefined. mDNS ".local" names
 * are not FQDNs (they only resolve on the local link).
 */
export function toFqdn(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  const s = v.trim().replace(/\.$/, '').toLowerCase();
  if (!s.includes('.') || s.endsWith('.local') || isIP(s) !== 0) return undefined;
  return FQDN.test(s) ? s : undefined;
}
