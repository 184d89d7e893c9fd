import type { StepExecutionContext } from '@jupiterone/integration-sdk-core';
import { vi } from 'vitest';

const LOG_METHODS = [
  'trace',
  'debug',
  'info',
  'warn',
  'error',
  'fatal',
  'publishWarnEvent',
  'publishInfoEvent',
  'publishErrorEvent',
] as const;

/** Everything a step logs from now on (errors by name and message), as one string to search for secrets. */
export function captureLogs(context: Pick<StepExecutionContext, 'logger'>): () => string {
  const lines: unknown[] = [];
  for (const method of LOG_METHODS) {
    const target = context.logger as unknown as Record<string, (...args: unknown[]) => unknown>;
    if (typeof target[method] !== 'function') continue;
    vi.spyOn(target, method).mockImplementation((...args: unknown[]) => {
      lines.push(args.map((a) => (a instanceof Error ? `${a.name}: ${a.message}` : a)));
      return undefined;
    });
  }
  return () => JSON.stringify(lines);
}

/** The sorted `_key`s of the graph objects of one `_type`. */
export function keysOf(
  objects: readonly { _key: string; _type: string }[],
  type: string,
): string[] {
  return objects
    .filter((o) => o._type === type)
    .map((o) => o._key)
    .sort();
}
