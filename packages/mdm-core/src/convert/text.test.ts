import { describe, expect, it } from 'vitest';
import { cleanString, firstString, normalizeEmail, stringArrayOrNull, toWebLink } from './text';

describe('text helpers', () => {
  it('cleanString trims, stringifies finite numbers and nulls blanks', () => {
    expect(cleanString('  a ')).toBe('a');
    expect(cleanString(12)).toBe('12');
    expect(cleanString('   ')).toBeNull();
    expect(cleanString(Number.NaN)).toBeNull();
    expect(cleanString({})).toBeNull();
  });

  it('firstString returns the first usable candidate', () => {
    expect(firstString('', null, ' x ', 'y')).toBe('x');
    expect(firstString(undefined, '')).toBeUndefined();
  });

  it('stringArrayOrNull cleans and de-duplicates', () => {
    expect(stringArrayOrNull([' a', 'a', '', null, 'b'])).toEqual(['a', 'b']);
    expect(stringArrayOrNull([null, ''])).toBeNull();
  });

  it('toWebLink keeps only absolute http(s) URLs', () => {
    expect(toWebLink('https://acme.kandji.io/devices/1')).toBe('https://acme.kandji.io/devices/1');
    expect(toWebLink('/devices/1')).toBeUndefined();
    expect(toWebLink('ftp://x.example.com/')).toBeUndefined();
  });

  it('normalizeEmail lowercases plausible addresses only', () => {
    expect(normalizeEmail(' Ada@Example.COM ')).toBe('ada@example.com');
    expect(normalizeEmail('ada@localhost')).toBeUndefined();
    expect(normalizeEmail('a b@example.com')).toBeUndefined();
  });
});
