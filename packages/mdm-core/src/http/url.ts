export type QueryValue = string | number | boolean | undefined | null;
export type Query = Record<string, QueryValue>;

/** 127.0.0.0/8, ::1 and localhost names: where plain http stays on this machine. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost') || h === '::1') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/**
 * https is mandatory: credentials and device data never cross a network in clear
 * text. Plain http is accepted only for loopback hosts (simulators, a local agent).
 */
export function assertHttpsOrLoopback(url: URL, what: string): void {
  if (url.protocol === 'https:') return;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return;
  throw new TypeError(
    url.protocol === 'http:'
      ? `${what} must use https (http is allowed only for loopback hosts such as 127.0.0.1 or localhost), got http://${url.host}`
      : `${what} must use https, got ${url.protocol}`,
  );
}

/** Base URL with a trailing slash so relative paths append to its path. */
export function normalizeBaseUrl(baseUrl: string): URL {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new TypeError(`baseUrl is not a valid absolute URL: ${baseUrl}`);
  }
  assertHttpsOrLoopback(url, 'baseUrl');
  url.search = '';
  url.hash = '';
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url;
}

/**
 * "devices", "/devices" and "devices?x=1" resolve under the base path
 * (a leading slash does not escape .../api/v1/). Absolute URLs are returned as given.
 */
export function resolveUrl(base: URL, pathOrUrl: string, query?: Query): URL {
  const url = /^[a-z][a-z0-9+.-]*:\/\//i.test(pathOrUrl)
    ? new URL(pathOrUrl)
    : pathOrUrl.startsWith(base.pathname) && base.pathname !== '/'
      ? new URL(pathOrUrl, base.origin)
      : new URL(pathOrUrl.replace(/^\/+/, ''), base);
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== undefined && v !== null) url.searchParams.set(k, String(v));
  }
  return url;
}

/** Keep path and query of a vendor-supplied URL, force the base's scheme, host and port. */
export function pinToBase(base: URL, url: string): { url: URL; rewritten: boolean } {
  const parsed = resolveUrl(base, url);
  const rewritten = parsed.origin !== base.origin;
  if (rewritten) {
    parsed.protocol = base.protocol;
    // Setting `host` without a port would keep the foreign port: set both explicitly.
    parsed.hostname = base.hostname;
    parsed.port = base.port;
    parsed.username = '';
    parsed.password = '';
  }
  return { url: parsed, rewritten };
}

/** Plain path segments only: no query, fragment, dot segments or characters needing normalisation. */
const PLAIN_PATH = /^[\w\-.~/%:@!$&'()*+,;=]*$/;
const DOT_SEGMENT = /(^|\/)\.\.?(\/|$)/;

/**
 * Hot-path equivalent of resolveUrl(...).href for plain relative paths (the
 * common case: "devices/abc/apps"), without building URL objects. Returns
 * undefined when the general resolver is needed.
 */
export function fastResolveHref(
  base: URL,
  baseHref: string,
  pathOrUrl: string,
  query?: Query,
): string | undefined {
  if (
    !PLAIN_PATH.test(pathOrUrl) ||
    DOT_SEGMENT.test(pathOrUrl) ||
    pathOrUrl.includes('//') ||
    pathOrUrl.includes(':')
  ) {
    return undefined;
  }
  const href =
    pathOrUrl.startsWith('/') && pathOrUrl.startsWith(base.pathname) && base.pathname !== '/'
      ? base.origin + pathOrUrl
      : baseHref + pathOrUrl.replace(/^\/+/, '');
  if (!query) return href;
  let sep = '?';
  let out = href;
  for (const k in query) {
    const v = query[k];
    if (v === undefined || v === null) continue;
    out += `${sep}${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`;
    sep = '&';
  }
  return out;
}
