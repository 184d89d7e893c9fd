import { describe, expect, it } from 'vitest';
import { readKongWindows as readServerWindows, serverClockSkew } from './kong-headers';
import { nextBoundary } from './server-windows';

const NOW = 1_700_000_000_250; // 22:13:20.250 UTC

describe('readServerWindows', () => {
  it('gives ratelimit-reset to the window it describes, clock boundaries to the others', () => {
    // Kandji behind Kong (recorded 2024-07): the ratelimit-* trio tracks the second window.
    const reports = readServerWindows(
      {
        'x-ratelimit-limit-hour': '10000',
        'x-ratelimit-remaining-hour': '9966',
        'x-ratelimit-limit-second': '50',
        'x-ratelimit-remaining-second': '49',
        'ratelimit-limit': '50',
        'ratelimit-remaining': '49',
        'ratelimit-reset': '1',
      },
      200,
      NOW,
    );
    expect(reports).toEqual(
      expect.arrayContaining([
        { unit: 'second', windowMs: 1_000, left: 49, resetAt: NOW + 1_000, exact: true, limit: 50 },
        {
          unit: 'hour',
          windowMs: 3_600_000,
          left: 9966,
          resetAt: 1_700_002_800_000,
          exact: false,
          limit: 10_000,
        },
      ]),
    );
    expect(reports).toHaveLength(2);
  });

  it('gives a 429 Retry-After to the spent window, the longer one on a tie (as Kong does)', () => {
    const both = readServerWindows(
      {
        'x-ratelimit-remaining-second': '0',
        'x-ratelimit-remaining-hour': '0',
        'retry-after': '2400',
      },
      429,
      NOW,
    );
    expect(both.find((r) => r.unit === 'hour')).toMatchObject({
      resetAt: NOW + 2_400_000,
      exact: true,
    });
    expect(both.find((r) => r.unit === 'second')).toMatchObject({ exact: false });
    // A reset longer than the window cannot belong to it.
    const secondOnly = readServerWindows(
      { 'x-ratelimit-remaining-second': '0', 'retry-after': '30' },
      429,
      NOW,
    );
    expect(secondOnly[0]).toMatchObject({ unit: 'second', exact: false, resetAt: NOW + 750 });
  });

  it('matches ratelimit-limit so an equal remaining count on another window does not steal the reset', () => {
    const reports = readServerWindows(
      {
        'x-ratelimit-limit-minute': '100',
        'x-ratelimit-remaining-minute': '5',
        'x-ratelimit-limit-hour': '1000',
        'x-ratelimit-remaining-hour': '5',
        'ratelimit-limit': '100',
        'ratelimit-remaining': '5',
        'ratelimit-reset': '20',
      },
      200,
      NOW,
    );
    expect(reports.find((r) => r.unit === 'minute')).toMatchObject({
      resetAt: NOW + 20_000,
      exact: true,
    });
    expect(reports.find((r) => r.unit === 'hour')).toMatchObject({ exact: false });
  });

  it('ignores unknown units and non-numeric values, and answers nothing without unit headers', () => {
    expect(
      readServerWindows(
        { 'x-ratelimit-remaining-fortnight': '0', 'x-ratelimit-remaining-hour': 'n/a' },
        200,
        NOW,
      ),
    ).toEqual([]);
    expect(readServerWindows({ 'ratelimit-remaining': '0', 'retry-after': '3' }, 429, NOW)).toEqual(
      [],
    );
  });

  it('nextBoundary is the start of the next clock-aligned window', () => {
    expect(nextBoundary(NOW, 1_000)).toBe(1_700_000_001_000);
    expect(nextBoundary(NOW, 3_600_000)).toBe(1_700_002_800_000);
    expect(nextBoundary(1_700_002_800_000, 3_600_000)).toBe(1_700_006_400_000);
  });

  it("places a guessed hour on the server's clock (its date header) when the clocks disagree", () => {
    // Our clock reads 22:13:20.250; the server's reads 22:58:30 (45 min ahead).
    const headers = {
      date: new Date(1_700_002_710_000).toUTCString(),
      'x-ratelimit-remaining-hour': '0',
      'x-ratelimit-remaining-second': '0',
    };
    expect(serverClockSkew(headers, NOW)).toBe(2_709_750);
    const reports = readServerWindows(headers, 200, NOW);
    // The server's hour ends in 90 s, not in 46 min 40 s as our clock would say.
    expect(reports.find((r) => r.unit === 'hour')?.resetAt).toBe(NOW + 90_000);
    // The second window stays on our clock (date has whole seconds only).
    expect(reports.find((r) => r.unit === 'second')?.resetAt).toBe(NOW + 750);
    // Clocks within 2 s, or no usable date: our own clock.
    expect(serverClockSkew({ date: new Date(NOW + 1_500).toUTCString() }, NOW)).toBeUndefined();
    expect(serverClockSkew({ date: 'yesterday' }, NOW)).toBeUndefined();
  });
});
