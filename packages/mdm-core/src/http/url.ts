export type QueryValue = string | number | boolean | undefined | null;
export type Query = Record<string, QueryValue>;

/** Base URL with a trailing slash so relative paths append to its path. */
export function normalizeBaseUrl(baseUrl: string): URL {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new TypeError(`baseUrl is not a valid absolute URL: ${baseUrl}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError(`baseUrl must use http or https, got ${url.protocol}`);
  }
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
    parsed.host = base.host;
    parsed.username = '';
    parsed.password = '';
  }
  return { url: parsed, rewritten };
}
