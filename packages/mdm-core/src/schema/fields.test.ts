import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  fields,
  idString,
  lenientSection,
  looseArray,
  looseBoolean,
  looseNumber,
  optionalBoolean,
  optionalNumber,
  optionalString,
  rawId,
  section,
  stringList,
} from './fields';

const ok = <T>(schema: z.ZodType<T>, v: unknown) => schema.parse(v);
const fails = (schema: z.ZodType, v: unknown) => expect(schema.safeParse(v).success).toBe(false);

describe('lenient field helpers', () => {
  it('idString / optionalString: strings or numbers, as strings', () => {
    expect(ok(idString, 42)).toBe('42');
    expect(ok(idString, 'a-uuid')).toBe('a-uuid');
    fails(idString, null);
    fails(idString, { id: 1 });
    expect(ok(optionalString, null)).toBeNull();
    expect(ok(optionalString, undefined)).toBeUndefined();
    expect(ok(optionalString, 7)).toBe('7');
  });

  it('optionalNumber: numbers and integer strings; looseNumber never fails', () => {
    expect(ok(optionalNumber, 3.5)).toBe(3.5);
    expect(ok(optionalNumber, '-12')).toBe(-12);
    expect(ok(optionalNumber, null)).toBeNull();
    fails(optionalNumber, '1.5');
    fails(optionalNumber, 'many');
    expect(ok(looseNumber, '9.8')).toBe(9.8);
    expect(ok(looseNumber, 'high')).toBeNull();
    expect(ok(looseNumber, Number.NaN)).toBeNull();
    expect(ok(looseNumber, undefined)).toBeNull();
    expect(ok(looseNumber, ' ')).toBeNull();
  });

  it('optionalBoolean is strict; looseBoolean reads the vendor spellings and never fails', () => {
    expect(ok(optionalBoolean, false)).toBe(false);
    expect(ok(optionalBoolean, null)).toBeNull();
    fails(optionalBoolean, 'true');
    expect(ok(looseBoolean, 'Yes')).toBe(true);
    expect(ok(looseBoolean, 'False')).toBe(false);
    expect(ok(looseBoolean, 1)).toBe(true);
    expect(ok(looseBoolean, 'maybe')).toBeNull();
    expect(ok(looseBoolean, undefined)).toBeNull();
  });

  it('section: a non-object reads as undefined, a bad field still fails the record', () => {
    const s = section({ name: z.string() });
    expect(ok(s, { name: 'x' })).toEqual({ name: 'x' });
    expect(ok(s, [])).toBeUndefined();
    expect(ok(s, 'n/a')).toBeUndefined();
    expect(ok(s, null)).toBeUndefined();
    fails(s, { name: 5 });
  });

  it('lenientSection: a malformed block is dropped, the record kept', () => {
    const record = z.object({ id: idString, details: lenientSection({ name: z.string() }) });
    expect(ok(record, { id: 1, details: { name: 5 } })).toEqual({ id: '1', details: undefined });
    expect(ok(record, { id: 1, details: { name: 'x' } })).toEqual({
      id: '1',
      details: { name: 'x' },
    });
    expect(ok(record, { id: 1, details: null }).details).toBeNull();
  });

  it('looseArray / stringList: a non-array reads as empty; stringList keeps strings and numbers', () => {
    expect(ok(looseArray(z.number()), 'x')).toEqual([]);
    expect(ok(looseArray(z.number()), [1, 2])).toEqual([1, 2]);
    fails(looseArray(z.number()), [1, 'a']);
    expect(ok(stringList, ['a', null, 3, { x: 1 }])).toEqual(['a', '3']);
    expect(ok(stringList, null)).toEqual([]);
  });

  it('rawId reads the id of a raw record (or another key)', () => {
    expect(rawId({ id: 12 })).toBe('12');
    expect(rawId({ device_id: 'd-1' }, 'device_id')).toBe('d-1');
    expect(rawId({ id: { nested: true } })).toBeUndefined();
    expect(rawId('x')).toBeUndefined();
    expect(rawId(null)).toBeUndefined();
  });

  it('fields groups every helper under one name', () => {
    expect(Object.keys(fields).sort()).toEqual(
      [
        'idString',
        'optionalString',
        'optionalNumber',
        'looseNumber',
        'optionalBoolean',
        'looseBoolean',
        'section',
        'lenientSection',
        'looseArray',
        'stringList',
        'rawId',
      ].sort(),
    );
    expect(fields.idString).toBe(idString);
  });
});
