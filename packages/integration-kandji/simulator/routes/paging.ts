import type { SimRequest, SimResponse } from '@mdm-graph/mdm-core/sim';

export const API_PREFIX = '/api/v1';
export const HARD_MAX_PAGE = 300;

/** Route behaviour switches (what differs between tenants, API versions and tests). */
export interface KandjiRouteOptions {
  /** Server cap on `limit` for devices, Prism and blueprints (Kandji: 300). */
  maxPageSize?: number;
  /** Page size of `users` (no limit parameter; default 300). */
  usersPageSize?: number;
  /** Page size of `library/custom-profiles` (set by the server; default 100). */
  customProfilesPageSize?: number;
  /** Prism `total` is null (seen in Kandji's 2024 examples). */
  prismTotalNull?: boolean;
  /**
   * Prism ignores `offset` (serves from the start unless a cursor is given): whether Kandji
   * honours the spec's offset at every depth is unverified, so clients must cope.
   */
  prismIgnoresOffset?: boolean;
  /** 2022-era `devices` headers: x-total-count, x-total-pages, `link: <None>; rel="next"`. */
  legacyDeviceHeaders?: boolean;
  /**
   * Schema drift: Prism columns to leave out, per category (e.g. `{ filevault: ['key_escrowed'] }`),
   * as if Kandji had renamed or dropped them.
   */
  prismDroppedColumns?: Record<string, string[]>;
  /**
   * Fault mode: the device list ends after this many devices while the tenant's own
   * counts (x-total-count in legacy mode, settings/licensing, Prism `total`) still
   * describe the whole fleet, as a backend timing out mid-list would serve it.
   */
  cutDeviceListAfter?: number;
  /** Put `users` next URLs on this origin (the docs example lacks `.api.`), e.g. http://acme.kandji.invalid */
  usersNextOrigin?: string;
}

export function intParam(req: SimRequest, name: string, fallback: number): number {
  const raw = req.query.get(name);
  if (raw === null || raw === '') return fallback;
  const n = Number(raw);
  return Number.isInteger(n) && n >= 0 ? n : fallback;
}

/** Kandji silently caps `limit` (default 300). */
export function limitParam(req: SimRequest, opts: KandjiRouteOptions): number {
  const cap = Math.min(opts.maxPageSize ?? HARD_MAX_PAGE, HARD_MAX_PAGE);
  const asked = intParam(req, 'limit', HARD_MAX_PAGE);
  return Math.max(1, Math.min(asked === 0 ? HARD_MAX_PAGE : asked, cap));
}

export function absoluteUrl(
  req: SimRequest,
  path: string,
  query: Record<string, string | number>,
): string {
  const q = new URLSearchParams(
    Object.entries(query).map(([k, v]): [string, string] => [k, String(v)]),
  );
  return `${req.baseUrl}${API_PREFIX}/${path}?${q.toString()}`;
}

export function notFound(): SimResponse {
  return { status: 404, json: { detail: 'Not found.' } };
}

export function badRequest(detail: string): SimResponse {
  return { status: 400, json: { detail } };
}

/** Opaque cursor bound to the query it was issued for (Prism: "Cursors are only valid for the same query parameters"). */
export function encodeCursor(offset: number, queryKey: string): string {
  return Buffer.from(JSON.stringify({ o: offset, q: queryKey })).toString('base64url');
}

export function decodeCursor(cursor: string, queryKey: string): number | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (parsed && typeof parsed === 'object' && 'o' in parsed && 'q' in parsed) {
      const { o, q } = parsed as { o: unknown; q: unknown };
      if (typeof o === 'number' && Number.isInteger(o) && o >= 0 && q === queryKey) return o;
    }
  } catch {
    // fall through
  }
  return undefined;
}

/** The query minus paging parameters, in a stable order. */
export function queryKey(req: SimRequest, exclude: string[] = ['cursor', 'offset']): string {
  const entries = [...req.query.entries()].filter(([k]) => !exclude.includes(k));
  entries.sort(([a], [b]) => a.localeCompare(b));
  return new URLSearchParams(entries).toString();
}
