import { describe, expect, it } from 'vitest';
import { entityKey, padKey } from './key';

describe('entityKey', () => {
  it('joins prefix and id', () => {
    expect(entityKey('kandji_device', 'A1B2')).toBe('kandji_device:A1B2');
    expect(entityKey('esper_device', 42)).toBe('esper_device:42');
  });
  it('pads short keys deterministically to 10 characters', () => {
    expect(entityKey('dev', 1)).toBe('dev:1_____');
    expect(entityKey('dev', 1)).toBe(entityKey('dev', '1'));
    expect(entityKey('dev', 1)).toHaveLength(10);
  });
  it('keeps distinct ids distinct', () => {
    expect(entityKey('dev', 1)).not.toBe(entityKey('dev', 2));
  });
  it('rejects a missing id or prefix', () => {
    expect(() => entityKey('dev', '  ')).toThrow(TypeError);
    expect(() => entityKey('', 'x')).toThrow(TypeError);
  });
});

describe('padKey', () => {
  it('leaves keys of 10+ characters alone', () => {
    expect(padKey('0123456789')).toBe('0123456789');
    expect(padKey('short')).toBe('short_____');
  });
});
