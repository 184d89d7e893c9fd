import { describe, expect, it } from 'vitest';
import { COLLECT_HEAP_GROWING_PERCENT, tuneHeapForCollection } from './heap';

describe('tuneHeapForCollection', () => {
  it('sets the collection heap growth when the process has no flag of its own', () => {
    const set: string[] = [];
    const flag = tuneHeapForCollection({
      execArgv: [],
      nodeOptions: '--max-old-space-size=2048',
      setFlags: (f) => set.push(f),
    });
    expect(flag).toBe(`--heap-growing-percent=${COLLECT_HEAP_GROWING_PERCENT}`);
    expect(set).toEqual([flag]);
  });

  it.each([
    { execArgv: ['--heap-growing-percent=20'], nodeOptions: '' },
    { execArgv: ['--heap_growing_percent=20'], nodeOptions: '' },
    { execArgv: [], nodeOptions: '--enable-source-maps --heap-growing-percent=80' },
  ])('leaves a flag of the user own alone ($execArgv $nodeOptions)', (opts) => {
    const set: string[] = [];
    expect(tuneHeapForCollection({ ...opts, setFlags: (f) => set.push(f) })).toBeUndefined();
    expect(set).toEqual([]);
  });
});
