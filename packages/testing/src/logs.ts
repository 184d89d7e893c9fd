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

/** What captureLogs returns: call it (or `.text()`) for every line as one string. */
export type CapturedLogs = (() => string) & {
  text: () => string;
  /** The descriptions of the warning events published (publishWarnEvent). */
  warnEvents: () => string[];
};

/**
 * Everything a step logs from now on, published events included (errors by name and message), as
 * one string to search for warnings and for secrets that must not be there.
 */
export function captureLogs(context: Pick<StepExecutionContext, 'logger'>): CapturedLogs {
  const lines: unknown[] = [];
  const events: string[] = [];
  const target = context.logger as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const method of LOG_METHODS) {
    if (typeof target[method] !== 'function') continue;
    vi.spyOn(target, method).mockImplementation((...args: unknown[]) => {
      if (method === 'publishWarnEvent') {
        events.push((args[0] as { description?: string } | undefined)?.description ?? '');
      }
      lines.push(args.map((a) => (a instanceof Error ? `${a.name}: ${a.message}` : a)));
      return undefined;
    });
  }
  const text = () => JSON.stringify(lines);
  return Object.assign(text, { text, warnEvents: () => [...events] });
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
