import { describe, expect, it } from 'vitest';
import { splitIpAddresses } from './ip';

describe('splitIpAddresses', () => {
  it('splits by family and reachability', () => {
    expect(
      splitIpAddresses([
        '10.0.0.5',
        '203.0.113.7',
        'fd12:3456::1',
        '2001:db8::1',
        '172.20.1.1',
        '100.64.0.1',
      ]),
    ).toEqual({
      ipv4Addresses: ['10.0.0.5', '203.0.113.7', '172.20.1.1', '100.64.0.1'],
      ipv6Addresses: ['fd12:3456::1', '2001:db8::1'],
      publicIpAddresses: ['203.0.113.7', '2001:db8::1'],
      privateIpAddresses: ['10.0.0.5', 'fd12:3456::1', '172.20.1.1', '100.64.0.1'],
    });
  });

  it('canonicalizes zone ids and IPv4-mapped IPv6, drops junk, loopback and duplicates', () => {
    expect(
      splitIpAddresses([
        'fe80::1%en0',
        '::ffff:192.168.1.2',
        '192.168.1.2',
        '127.0.0.1',
        '::1',
        '0.0.0.0',
        'x',
        null,
        '999.1.1.1',
      ]),
    ).toEqual({
      ipv4Addresses: ['192.168.1.2'],
      ipv6Addresses: ['fe80::1'],
      publicIpAddresses: null,
      privateIpAddresses: ['fe80::1', '192.168.1.2'],
    });
  });

  it('treats 172.32/12 edges and 169.254 correctly', () => {
    const r = splitIpAddresses(['172.15.0.1', '172.32.0.1', '169.254.10.10']);
    expect(r.publicIpAddresses).toEqual(['172.15.0.1', '172.32.0.1']);
    expect(r.privateIpAddresses).toEqual(['169.254.10.10']);
  });

  it('returns nulls for no addresses', () => {
    expect(splitIpAddresses(undefined)).toEqual({
      ipv4Addresses: null,
      ipv6Addresses: null,
      publicIpAddresses: null,
      privateIpAddresses: null,
    });
  });
});
