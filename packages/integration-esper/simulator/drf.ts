import type { SimRequest, SimResponse } from '@mdm-graph/mdm-core/sim';

/**
 * Django REST Framework limit/offset pagination as Esper's v1 API serves it:
 * `{count, next, previous, results}` with absolute `next`/`previous` URLs that
 * repeat the query. Esper documents a default limit of 20 and no maximum, so the
 * cap and what happens above it (clamp or 400) are options.
 */
export interface DrfOptions {
  defaultPageSize: number;
  maxPageSize: number;
  oversizedLimit: 'clamp' | 'reject';
  /** Fault mode: next/previous with another scheme or host, to prove clients pin them. */
  hostileNext?: 'scheme' | 'host' | false;
  /**
   * Fault mode: lists (by route name) that end after this many records while `count`
   * still announces the whole list, as a backend timing out mid-list would serve them.
   */
  cutShort?: Readonly<Record<string, number>>;
}

function intParam(v: string | null): number | undefined {
  if (v === null || !/^\d+$/.test(v)) return undefined;
  return Number(v);
}

function pageUrl(req: SimRequest, limit: number, offset: number, o: DrfOptions): string {
  const url = new URL(req.path, req.baseUrl);
  req.query.forEach((value, key) => url.searchParams.append(key, value));
  url.searchParams.set('limit', String(limit));
  // DRF leaves offset out of the URL of the first page.
  if (offset > 0) url.searchParams.set('offset', String(offset));
  else url.searchParams.delete('offset');
  if (o.hostileNext === 'scheme') url.protocol = url.protocol === 'https:' ? 'http:' : 'https:';
  if (o.hostileNext === 'host') url.hostname = 'attacker.invalid';
  return url.toString();
}

export function drfPage<T>(
  req: SimRequest,
  items: readonly T[],
  render: (item: T) => unknown,
  o: DrfOptions,
): SimResponse {
  let limit = intParam(req.query.get('limit')) ?? o.defaultPageSize;
  if (limit === 0) limit = o.defaultPageSize;
  if (limit > o.maxPageSize) {
    if (o.oversizedLimit === 'reject') {
      return {
        status: 400,
        json: { limit: [`Ensure this value is less than or equal to ${o.maxPageSize}.`] },
      };
    }
    limit = o.maxPageSize;
  }
  const offset = intParam(req.query.get('offset')) ?? 0;
  const count = items.length;
  const cut = o.cutShort?.[req.route];
  const served = cut === undefined ? items : items.slice(0, cut);
  if (offset >= served.length) req.markEmptyPage(); // past the end: empty results, real count
  return {
    json: {
      count,
      next: offset + limit < served.length ? pageUrl(req, limit, offset + limit, o) : null,
      previous: offset > 0 ? pageUrl(req, limit, Math.max(0, offset - limit), o) : null,
      results: served.slice(offset, offset + limit).map(render),
    },
  };
}
