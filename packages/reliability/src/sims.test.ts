import { describe, expect, it } from 'vitest';
import { CASES } from './matrix/cases';
import { casePrefixes, matrixIntegrations } from './sims';

describe('the matrix over the registry', () => {
  it('case id prefixes: the first free initials of each id, in registry order', () => {
    expect(casePrefixes(['kandji', 'esper'])).toEqual(['K', 'E']);
    expect(casePrefixes(['kandji', 'esper', 'knox', 'ws-one', 'kolide'])).toEqual([
      'K',
      'E',
      'KN',
      'W',
      'KO',
    ]);
  });

  it('every registered integration gets every generic case its simulator has the capabilities for', () => {
    for (const integration of matrixIntegrations()) {
      const generic = CASES.filter((c) => c.integration === integration.id && c.generic);
      // The cases needing no capability run for everyone.
      for (const g of [
        'RL-1',
        'RL-2',
        'TX-1',
        'TX-2',
        'TX-4',
        'PL-2',
        'PL-3',
        'PL-4',
        'PL-5',
        'SE-1',
      ])
        expect(
          generic.map((c) => c.id),
          integration.id,
        ).toContain(`${integration.prefix}-${g}`);
      const caps = integration.simulator.capabilities;
      expect(generic.some((c) => c.generic === 'CP-1')).toBe(Boolean(caps.cutShortDeviceList));
      expect(generic.some((c) => c.generic === 'TX-5')).toBe(Boolean(caps.independentList));
    }
    const ids = CASES.map((c) => c.id);
    expect(new Set(ids).size, 'case ids are unique').toBe(ids.length);
  });
});
