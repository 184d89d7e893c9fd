import { describe, expect, it } from 'vitest';
import { asOsType, toOsType } from './os-type';

describe('toOsType', () => {
  it.each([
    ['macOS', 'darwin'],
    ['Mac', 'darwin'],
    ['Mac OS X', 'darwin'],
    ['iOS', 'ios'],
    ['iPadOS', 'ios'],
    ['iPhone', 'ios'],
    ['tvOS', 'other'],
    ['AppleTV', 'other'],
    ['Android', 'android'],
    ['Android 14', 'android'],
    ['windows', 'windows'],
    ['ChromeOS', 'chromeos'],
    ['embedded', 'embedded'],
  ])('%s -> %s', (input, expected) => {
    expect(toOsType(input)).toBe(expected);
  });
  it.each(['BeOS', '', null, 3])('%s -> null', (input) => {
    expect(toOsType(input)).toBeNull();
  });
});

describe('asOsType', () => {
  it('keeps enum values and nulls anything else', () => {
    expect(asOsType('ios')).toBe('ios');
    expect(asOsType('iOS')).toBeNull();
    expect(asOsType(undefined)).toBeNull();
  });
});
