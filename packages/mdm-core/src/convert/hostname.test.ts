import { describe, expect, it } from 'vitest';
import { toFqdn, toHostnameLabel } from './hostname';

describe('toHostnameLabel', () => {
  it.each([
    ['mac-01', 'mac-01'],
    ['Mac-01.corp.example.com', 'mac-01'],
    ['iPad-7.local', 'ipad-7'],
    ['host.example.com.', 'host'],
    ['ab', 'ab'],
  ])('%s -> %s', (input, expected) => {
    expect(toHostnameLabel(input)).toBe(expected);
  });

  it.each([
    "Ada's MacBook Pro",
    'with space',
    '-leading-dash',
    'trailing-dash-',
    'x',
    'a'.repeat(64),
    '10.0.0.1',
    'fe80::1',
    '',
    null,
    7,
  ])('returns null for %s', (input) => {
    expect(toHostnameLabel(input)).toBeNull();
  });
});

describe('toFqdn', () => {
  it('accepts and lowercases fully qualified names', () => {
    expect(toFqdn('Mac-01.Corp.Example.com.')).toBe('mac-01.corp.example.com');
  });
  it.each(['mac-01', 'ipad-7.local', '10.0.0.1', 'bad_name.example.com', '', undefined])(
    'rejects %s',
    (input) => {
      expect(toFqdn(input)).toBeUndefined();
    },
  );
});
