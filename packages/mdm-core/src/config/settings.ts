import { z } from 'zod';
import { pemCertificates } from '../http/dispatcher';

/**
 * Optional tuning settings as JupiterOne stores them (instance config strings, env
 * variables) or as numbers (programmatic configs). Blank means "use the default".
 */

/** The env variable the J1 CLI and our runner read for a field: `requestsPerHour` -> `REQUESTS_PER_HOUR`. */
export function settingEnvName(field: string): string {
  return field
    .replace(/([a-z])([A-Z0-9])/g, '$1_$2')
    .replace(/([0-9])([A-Za-z])/g, '$1_$2')
    .toUpperCase();
}

export interface BoundedIntegerSetting {
  min: number;
  max: number;
  /** Why the range is what it is, e.g. "Kandji allows at most 50 requests per second". */
  why?: string;
}

function blankToUndefined(v: unknown): unknown {
  if (v === null) return undefined;
  if (typeof v !== 'string') return v;
  const t = v.trim().replace(/[_,](?=\d{3}\b)/g, ''); // "10,000" and "10_000" read as 10000
  return t === '' ? undefined : t;
}

const fmt = (n: number) => n.toLocaleString('en-US');

/**
 * An optional whole number within [min, max]. The message names the range and why
 * (the vendor's documented limit where there is one); the caller's error formatting
 * adds the field name. The input is echoed: tuning values are not secrets.
 */
export function boundedIntegerSetting(o: BoundedIntegerSetting) {
  const range = `a whole number from ${fmt(o.min)} to ${fmt(o.max)}${o.why ? ` (${o.why})` : ''}`;
  return z.preprocess(
    blankToUndefined,
    z
      .union([z.number(), z.string()], { error: `must be ${range}` })
      .transform((v, ctx) => {
        const n = typeof v === 'number' ? v : /^[+]?\d+$/.test(v) ? Number(v) : Number.NaN;
        if (!Number.isInteger(n) || n < o.min || n > o.max) {
          ctx.addIssue({
            code: 'custom',
            message: `must be ${range}, got ${JSON.stringify(v).slice(0, 40)}`,
          });
          return z.NEVER;
        }
        return n;
      })
      .optional(),
  );
}

/**
 * An optional PEM bundle of CA certificates to trust (a TLS-inspecting proxy's CA).
 * Env files often carry one line: literal `\n` sequences are turned into newlines.
 * Returns the normalized PEM (certificate blocks only).
 */
export function caCertificatesSetting() {
  return z.preprocess(
    blankToUndefined,
    z
      .string({ error: 'must be PEM text' })
      .transform((v, ctx) => {
        const certs = pemCertificates(v.replace(/\\n/g, '\n'));
        if (certs.length === 0) {
          ctx.addIssue({
            code: 'custom',
            message:
              'must be one or more PEM certificates (-----BEGIN CERTIFICATE----- ... -----END CERTIFICATE-----)',
          });
          return z.NEVER;
        }
        return `${certs.join('\n')}\n`;
      })
      .optional(),
  );
}

/** Request timeout, the same range for every vendor (no vendor documents one). */
export const REQUEST_TIMEOUT_SECONDS = { min: 1, max: 600, default: 30 } as const;

export function requestTimeoutSetting() {
  return boundedIntegerSetting({
    min: REQUEST_TIMEOUT_SECONDS.min,
    max: REQUEST_TIMEOUT_SECONDS.max,
    why: `seconds to wait for a response; default ${REQUEST_TIMEOUT_SECONDS.default}`,
  });
}

/** HttpClient timeouts for a request timeout in seconds: headers within it, the body within twice it. */
export function timeoutsFromSeconds(
  seconds: number | undefined,
): { headersMs: number; bodyMs: number } | undefined {
  if (seconds === undefined) return undefined;
  return { headersMs: seconds * 1000, bodyMs: seconds * 2000 };
}
