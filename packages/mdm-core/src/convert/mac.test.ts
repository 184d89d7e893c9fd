import { describe, expect, it } from 'vitest';
import { normalizeMacAddress, normalizeMacAddresses } from './mac';

describe('normalizeMacAddress', () => {
  it.each([
    ['aa:bb:cc:dd:ee:ff', 'aa:bb:cc:dd:ee:ff'],
    ['AA:BB:CC:DD:EE:FF', 'aa:bb:cc:dd:ee:ff'],
    ['aa-bb-cc-dd-ee-0f', 'aa:bb:cc:dd:ee:0f'],
    ['AABB.CCDD.EEFF', 'aa:bb:cc:dd:ee:ff'],
    ['AABBCCDDEEFF', 'aa:bb:cc:dd:ee:ff'],
    ['a:b:c:d:e:f', '0a:0b:0c:0d:0e:0f'],
    ['  3c:22:fb:12:34:56\n', '3c:22:fb:12:34:56'],
  ])('%s -> %s', (input, expected) => {
    expect(normalizeMacAddress(input)).toBe(expected);
  });

  it.each([
    'not a mac',
    'aa:bb:cc:dd:ee',
    'aa:bb:cc:dd:ee:ff:00',
    'aa:bb-cc:dd:ee:ff',
    'gg:bb:cc:dd:ee:ff',
    'aabbccddeef',
    'aab.bccd.deef',
    '00:00:00:00:00:00',
    'FF-FF-FF-FF-FF-FF',
    '',
    null,
    42,
  ])('rejects %s', (input) => {
    expect(normalizeMacAddress(input)).toBeUndefined();
  });
});

describe('normalizeMacAddresses', () => {
  it('normalizes, drops invalid and duplicate spellings of the same address', () => {
    expect(
      normalizeMacAddresses([
        'AA-BB-CC-DD-EE-FF',
        'aa:bb:cc:dd:ee:ff',
        'junk',
        null,
        '11:22:33:44:55:66',
      ]),
    ).toEqual(['aa:bb:cc:dd:ee:ff', '11:22:33:44:55:66']);
  });
  it('returns null when nothing usable is left', () => {
    expect(normalizeMacAddresses(['junk', undefined])).toBeNull();
    expect(normalizeMacAddresses(undefined)).toBeNull();
  });
});
