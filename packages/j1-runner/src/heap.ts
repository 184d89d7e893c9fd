import { setFlagsFromString } from 'node:v8';

/**
 * How far V8 lets the heap grow past what the last full GC kept before it collects again, for
 * a collection process (`pnpm run collect` and the benchmarks' collect child): 50 % instead of
 * V8's default, which scales with the machine's memory (on a 24 GB machine the heap grew to about
 * 4.5 x the live data: a Kandji 10,000 devices x 40 apps run peaked at 545-600 MB RSS for about
 * 125 MB live, most of it the J1 SDK's duplicate-key index of every entity and relationship key).
 * Measured on that run: peak RSS 346 MB, CPU 23.4 s instead of 21-22 s (more, smaller GCs).
 * A flag of the user's own (`node --heap-growing-percent=N` or NODE_OPTIONS) wins.
 */
export const COLLECT_HEAP_GROWING_PERCENT = 50;

const FLAG = 'heap-growing-percent';

/** Applies the collection's heap growth unless the process was started with its own. Returns the flag set, if any. */
export function tuneHeapForCollection(
  opts: {
    execArgv?: readonly string[];
    nodeOptions?: string;
    setFlags?: (flags: string) => void;
  } = {},
): string | undefined {
  const execArgv = opts.execArgv ?? process.execArgv;
  const nodeOptions = opts.nodeOptions ?? process.env.NODE_OPTIONS ?? '';
  const own = (s: string) => s.replace(/_/g, '-').includes(FLAG);
  if (execArgv.some(own) || own(nodeOptions)) return undefined;
  const flag = `--${FLAG}=${COLLECT_HEAP_GROWING_PERCENT}`;
  (opts.setFlags ?? setFlagsFromString)(flag);
  return flag;
}
