import { describe, expect, it } from 'vitest';
import { parseLooseBoolean } from './boolean';

describe('parseLooseBoolean', () => {
  it.each([true, 'True', 'true', ' TRUE ', 'Yes', 'yes', 'Y', '1', 1, 'on', 'Enabled'])(
    '%s -> true',
    (v) => {
      expect(parseLooseBoolean(v)).toBe(true);
    },
  );
  it.each([false, 'False', 'false', 'No', 'no', 'N', '0', 0, 'off', 'Disabled'])(
    '%s -> false',
    (v) => {
      expect(parseLooseBoolean(v)).toBe(false);
    },
  );
  it.each([null, undefined, '', 'unknown', 'maybe', 2, -1, {}, []])('%s -> undefined', (v) => {
    expect(parseLooseBoolean(v)).toBeUndefined();
  });
});
