import { describe, expect, it } from 'vitest';
import { EntityPropertyError, sanitizeProperties } from './properties';

describe('sanitizeProperties', () => {
  it('keeps primitives, null and arrays of primitives; drops undefined and non-finite numbers', () => {
    expect(
      sanitizeProperties({
        blueprintName: 'Default',
        mdmEnabled: true,
        batteryLevel: 0.5,
        tagNames: ['a', null, 'b', undefined],
        assetTag: null,
        missing: undefined,
        broken: Number.NaN,
        'tag.Owner': 'it',
      }),
    ).toEqual({
      blueprintName: 'Default',
      mdmEnabled: true,
      batteryLevel: 0.5,
      tagNames: ['a', 'b'],
      assetTag: null,
      'tag.Owner': 'it',
    });
  });

  it('rejects names the data model rejects, naming the property', () => {
    expect(() => sanitizeProperties({ mdm_enabled: true })).toThrow(EntityPropertyError);
    expect(() => sanitizeProperties({ mdm_enabled: true })).toThrow(/"mdm_enabled"/);
  });

  it('rejects objects, nested arrays and reserved keys', () => {
    expect(() => sanitizeProperties({ details: { a: 1 } })).toThrow(/primitive/);
    expect(() => sanitizeProperties({ list: [{ a: 1 }] })).toThrow(/arrays/);
    expect(() => sanitizeProperties({ when: new Date() })).toThrow(/primitive/);
    expect(() => sanitizeProperties({ _key: 'x' })).toThrow(/set by the converter/);
  });
});
