import { readFileSync } from 'node:fs';
import { createSecureContext, rootCertificates, type SecureContext } from 'node:tls';
import { Agent, EnvHttpProxyAgent, type Dispatcher } from 'undici';

/** The environment a dispatcher reads (injectable for tests; default `process.env`). */
export type NetworkEnv = Readonly<Record<string, string | undefined>>;

export interface NetworkOptions {
  /**
   * Extra trusted CA certificates (PEM, one or more concatenated), e.g. the CA of a
   * TLS-inspecting proxy. Added to Node's bundled roots and to `NODE_EXTRA_CA_CERTS`.
   */
  caCertificates?: string;
  /** Where HTTPS_PROXY, HTTP_PROXY, NO_PROXY (either case) and NODE_EXTRA_CA_CERTS are read. */
  env?: NetworkEnv;
  /** TCP + TLS connect timeout. Default 10 s. */
  connectTimeoutMs?: number;
  /**
   * Sockets per origin at most (a tenant pool passes its in-flight limit: undici otherwise opens
   * a few more than the requests in flight). Default: unlimited.
   */
  connections?: number;
}

/** What a dispatcher built by createDispatcher will do, for a log line (no secrets: proxy credentials are dropped). */
export interface NetworkSummary {
  httpsProxy?: string;
  httpProxy?: string;
  noProxy?: string;
  /** Number of extra CA certificates trusted (config + NODE_EXTRA_CA_CERTS). */
  extraCaCertificates: number;
}

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** The PEM certificate blocks in a string (anything else, e.g. comments, is ignored). */
export function pemCertificates(pem: string): string[] {
  return pem.match(PEM_BLOCK) ?? [];
}

function firstSet(env: NetworkEnv, ...names: string[]): string | undefined {
  for (const name of names) {
    const v = env[name];
    if (v !== undefined && v.trim() !== '') return v.trim();
  }
  return undefined;
}

/** A proxy URL without its user:password, for logs. */
function safeProxy(uri: string | undefined): string | undefined {
  if (!uri) return undefined;
  try {
    const u = new URL(uri);
    u.username = '';
    u.password = '';
    return u.href.replace(/\/$/, '');
  } catch {
    return '(unparseable proxy URL)';
  }
}

/** Proxy settings as curl and undici read them: lower case wins over upper case. */
function proxySettings(env: NetworkEnv): {
  httpProxy?: string;
  httpsProxy?: string;
  noProxy?: string;
} {
  const httpProxy = firstSet(env, 'http_proxy', 'HTTP_PROXY');
  // Like undici (and curl), an https URL falls back to HTTP_PROXY when HTTPS_PROXY is unset.
  const httpsProxy = firstSet(env, 'https_proxy', 'HTTPS_PROXY') ?? httpProxy;
  const noProxy = firstSet(env, 'no_proxy', 'NO_PROXY');
  return { httpProxy, httpsProxy, noProxy };
}

/**
 * The extra CA certificates to trust: the config PEM and the file named by
 * NODE_EXTRA_CA_CERTS. Node applies NODE_EXTRA_CA_CERTS itself only to its default
 * store, and an explicit `ca` option replaces that store; so the file is read here and
 * passed together with Node's bundled roots. A configured value without any
 * certificate, or an unreadable file, is an error (a silent fallback would fail later
 * with an opaque TLS error behind the inspecting proxy).
 */
const caFiles = new Map<string, string[]>();

/** The certificates of a CA bundle file, read once per process. */
function caFile(file: string): string[] {
  const cached = caFiles.get(file);
  if (cached) return cached;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new TypeError(
      `NODE_EXTRA_CA_CERTS names a file that cannot be read (${file}): ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    );
  }
  const certs = pemCertificates(text);
  if (certs.length === 0)
    throw new TypeError(`NODE_EXTRA_CA_CERTS file ${file} contains no PEM certificate`);
  caFiles.set(file, certs);
  return certs;
}

export function extraCaCertificates(
  opts: Pick<NetworkOptions, 'caCertificates' | 'env'>,
): string[] {
  const env = opts.env ?? process.env;
  const out: string[] = [];
  if (opts.caCertificates !== undefined && opts.caCertificates.trim() !== '') {
    const certs = pemCertificates(opts.caCertificates);
    if (certs.length === 0)
      throw new TypeError(
        'caCertificates must contain at least one PEM certificate (-----BEGIN CERTIFICATE----- ... -----END CERTIFICATE-----)',
      );
    out.push(...certs);
  }
  const file = firstSet(env, 'NODE_EXTRA_CA_CERTS');
  if (file) out.push(...caFile(file));
  return out;
}

/**
 * One TLS secure context per distinct CA set for the process: parsing Node's ~150
 * roots plus a corporate bundle costs milliseconds, and without a shared context
 * every new connection would parse them again.
 */
const secureContexts = new Map<string, SecureContext>();

function secureContextFor(extra: string[]): SecureContext {
  const key = extra.join('\n');
  let ctx = secureContexts.get(key);
  if (!ctx) {
    ctx = createSecureContext({ ca: [...rootCertificates, ...extra] });
    secureContexts.set(key, ctx);
  }
  return ctx;
}

export function describeNetwork(opts: NetworkOptions = {}): NetworkSummary {
  const { httpProxy, httpsProxy, noProxy } = proxySettings(opts.env ?? process.env);
  return {
    httpsProxy: safeProxy(httpsProxy),
    httpProxy: safeProxy(httpProxy),
    noProxy,
    extraCaCertificates: extraCaCertificates(opts).length,
  };
}

/**
 * The one way mdm-core reaches the network: a keep-alive undici dispatcher with
 * undici's environment proxy semantics (EnvHttpProxyAgent: HTTPS_PROXY / HTTP_PROXY /
 * NO_PROXY in either case, https through CONNECT tunnels, NO_PROXY host, domain,
 * port and `*` entries), trusting Node's roots plus the extra CA certificates. The
 * proxy itself may be https; its certificate is checked against the same roots.
 */
export function createDispatcher(opts: NetworkOptions = {}): Dispatcher {
  const env = opts.env ?? process.env;
  const { httpProxy, httpsProxy, noProxy } = proxySettings(env);
  const extra = extraCaCertificates({ ...opts, env });
  const timeout = opts.connectTimeoutMs ?? 10_000;
  const tls = extra.length > 0 ? { secureContext: secureContextFor(extra) } : {};
  const keepAlive = {
    keepAliveTimeout: 30_000,
    keepAliveMaxTimeout: 600_000,
    ...(opts.connections !== undefined && { connections: opts.connections }),
  };
  // No proxy configured: a plain Agent, without the per-request proxy decision.
  if (!httpProxy && !httpsProxy) return new Agent({ ...keepAlive, connect: { timeout, ...tls } });
  return new EnvHttpProxyAgent({
    ...keepAlive,
    connect: { timeout, ...tls },
    // The target's TLS inside a CONNECT tunnel, and the proxy's own TLS (https proxies).
    requestTls: { timeout, ...tls },
    proxyTls: { timeout, ...tls },
    // '' (not undefined) stops undici from reading process.env behind our back.
    httpProxy: httpProxy ?? '',
    httpsProxy: httpsProxy ?? '',
    noProxy: noProxy ?? '',
  });
}

/**
 * Logs what the network will do, once per run (validateInvocation), and turns a
 * broken CA setup (an unreadable NODE_EXTRA_CA_CERTS file) into a message for the
 * user before any step runs. Returns the error message, if any.
 */
export function checkNetwork(
  logger: { info(fields: object, msg: string): void },
  opts: NetworkOptions = {},
): string | undefined {
  let summary: NetworkSummary;
  try {
    summary = describeNetwork(opts);
  } catch (err) {
    return (err as Error).message;
  }
  const via = summary.httpsProxy ? `through proxy ${summary.httpsProxy}` : 'directly (no proxy)';
  logger.info(
    { ...summary },
    `Network: https ${via}${summary.noProxy ? `, NO_PROXY ${summary.noProxy}` : ''}; ${summary.extraCaCertificates} extra CA certificate(s) trusted`,
  );
  return undefined;
}
