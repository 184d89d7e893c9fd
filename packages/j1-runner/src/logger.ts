import bunyan from 'bunyan';
import { createWriteStream } from 'node:fs';
import { Writable } from 'node:stream';
import { inspect } from 'node:util';
import { IntegrationLogger } from '@jupiterone/integration-sdk-runtime';
import type { IntegrationInstanceConfigFieldMap } from '@jupiterone/integration-sdk-core';

export interface RunLoggerOptions {
  name: string;
  fields?: IntegrationInstanceConfigFieldMap;
  /** Full structured log (bunyan JSON lines). */
  logFile: string;
  /** Receives warn and error records for the console. */
  onConsoleRecord: (record: {
    level: 'warn' | 'error';
    msg: string;
    fields: Record<string, unknown>;
  }) => void;
  level?: bunyan.LogLevel;
  /**
   * Values of masked config fields. Every record is scrubbed of them before it
   * is written anywhere, whatever key an integration logged them under.
   */
  secrets: Set<string>;
}

const REDACTED = '[REDACTED]';

export function scrub(text: string, secrets: Set<string>): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join(REDACTED);
  return out;
}

function safeStringify(record: unknown): string {
  const seen = new WeakSet<object>();
  return JSON.stringify(record, (_k, v: unknown) => {
    if (typeof v === 'object' && v !== null) {
      if (seen.has(v)) return '[Circular]';
      seen.add(v);
    }
    return v;
  });
}

const BUNYAN_FIELDS = new Set(['name', 'hostname', 'pid', 'level', 'msg', 'time', 'v', 'src']);

/**
 * A J1 IntegrationLogger whose full log goes to a file, while warnings and
 * errors reach the console through the progress reporter. Config values of
 * masked fields are serialized as `***`, as the J1 runtime does.
 */
export function createRunLogger(opts: RunLoggerOptions): IntegrationLogger {
  const maskConfig = (config: Record<string, unknown> | undefined) => {
    if (!config) return config;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(config)) {
      const spec = opts.fields?.[key];
      out[key] = spec && !spec.mask ? config[key] : '***';
    }
    return out;
  };
  const file = createWriteStream(opts.logFile, { flags: 'a' });
  const fileStream = new Writable({
    objectMode: true,
    write(record: Record<string, unknown>, _enc, done) {
      file.write(`${scrub(safeStringify(record), opts.secrets)}\n`, done);
    },
    final(done) {
      file.end(done);
    },
  });
  const consoleStream = new Writable({
    objectMode: true,
    write(raw: Record<string, unknown>, _enc, done) {
      const record = JSON.parse(scrub(safeStringify(raw), opts.secrets)) as Record<string, unknown>;
      const level = Number(record.level) >= bunyan.ERROR ? 'error' : 'warn';
      const fields: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(record)) if (!BUNYAN_FIELDS.has(k)) fields[k] = v;
      opts.onConsoleRecord({ level, msg: String(record.msg ?? ''), fields });
      done();
    },
  });
  const logger = bunyan.createLogger({
    name: opts.name,
    level: opts.level ?? ((process.env.LOG_LEVEL as bunyan.LogLevel | undefined) || 'info'),
    serializers: {
      err: (err: unknown) => {
        if (!(err instanceof Error)) return err;
        return { message: err.message, name: err.name, stack: inspect(err, false, 10) };
      },
      integrationInstanceConfig: maskConfig,
      instance: (instance: { config?: Record<string, unknown> } | undefined) =>
        instance ? { ...instance, config: maskConfig(instance.config) } : instance,
    },
    streams: [
      { type: 'raw', stream: fileStream, level: opts.level ?? 'info' },
      { type: 'raw', stream: consoleStream, level: 'warn' },
    ],
  });
  return new IntegrationLogger({ logger, errorSet: new Set() });
}
