/**
 * Logger shape shared by mdm-core. It is a structural subset of the JupiterOne
 * IntegrationLogger (bunyan style), so steps can pass `context.logger` as is.
 */
export interface MdmLogger {
  debug(obj: object | string, msg?: string): void;
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
}

const noop = (): void => undefined;

/** A logger that drops everything: the default when none is given. */
export const silentLogger: MdmLogger = Object.freeze({
  debug: noop,
  info: noop,
  warn: noop,
  error: noop,
});

export type LogLevel = keyof MdmLogger;

export interface CapturedLogLine {
  level: LogLevel;
  obj: object | string;
  msg?: string;
}

/** A logger that keeps every line in memory; handy in tests to assert what was (not) logged. */
export function createMemoryLogger(): MdmLogger & { lines: CapturedLogLine[]; text(): string } {
  const lines: CapturedLogLine[] = [];
  const at =
    (level: LogLevel) =>
    (obj: object | string, msg?: string): void => {
      lines.push({ level, obj, msg });
    };
  return {
    lines,
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    text: () => lines.map((l) => `${l.level} ${JSON.stringify(l.obj)} ${l.msg ?? ''}`).join('\n'),
  };
}
