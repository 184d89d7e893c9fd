import { describe, expect, it } from 'vitest';
import { toEpochMs } from './time';

const JUNE_24 = Date.UTC(2022, 5, 24, 14, 20, 19, 961);

describe('toEpochMs', () => {
  it.each([
    ['ISO with Z', '2022-06-24T14:20:19.961Z', JUNE_24],
    ["Kandji's space-separated microsecond form", '2022-06-24 14:20:19.961496+00:00', JUNE_24],
    ['offset without colon', '2022-06-24T16:20:19.961+0200', JUNE_24],
    ['trailing UTC', '2022-06-24 14:20:19.961 UTC', JUNE_24],
    ['no zone (read as UTC, not local time)', '2022-06-24 14:20:19.961', JUNE_24],
    ['date only', '2022-06-24', Date.UTC(2022, 5, 24)],
    ['epoch seconds', 1_656_080_419, 1_656_080_419_000],
    ['fractional epoch seconds', 1_656_080_419.961, JUNE_24],
    ['epoch milliseconds', JUNE_24, JUNE_24],
    ['numeric string seconds', '1656080419', 1_656_080_419_000],
    ['numeric string milliseconds', String(JUNE_24), JUNE_24],
    ['Date', new Date(JUNE_24), JUNE_24],
    ['epoch zero', 0, 0],
  ])('reads %s', (_label, input, expected) => {
    expect(toEpochMs(input)).toBe(expected);
  });

  it.each([
    null,
    undefined,
    '',
    '   ',
    'never',
    'not a date',
    -5,
    Number.NaN,
    Infinity,
    {},
    true,
    new Date('x'),
    1e17,
  ])('returns undefined for %s', (input) => {
    expect(toEpochMs(input)).toBeUndefined();
  });

  it('always returns an integer (the data model wants integer lastSeenOn)', () => {
    expect(Number.isInteger(toEpochMs(1_656_080_419.9614))).toBe(true);
  });
});
