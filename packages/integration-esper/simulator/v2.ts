import type { SimRequest, SimResponse } from '@mdm-graph/mdm-core/sim';

/**
 * Esper v2 list paging as the live records show it: `{content: {count, next, prev, results}}`
 * (no top-level code/message on device answers), `next` absolute or null, `limit` default 10,
 * maximum 1000 (esper-cli spec); above it, clamp or 400 as for v1.
 */
export interface V2PageOptions {
  maxPageSize: number;
  oversizedLimit: 'clamp' | 'reject';
  /** Fault mode: lists (by route name) that end after this many records while `count` stays whole. */
  cutShort?: Readonly<Record<string, number>>;
}

const DEFAULT_LIMIT = 10;

function intParam(v: string | null): number | undefined {
  if (v === null || !/^\d+$/.test(v)) return undefined;
  return Number(v);
}

function pageUrl(req: SimRequest, limit: number, offset: number): string {
  const url = new URL(req.path, req.baseUrl);
  req.query.forEach((value, key) => url.searchParams.append(key, value));
  url.searchParams.set('limit', String(limit));
  url.searchParams.set('offset', String(offset));
  return url.toString();
}

export function v2Page<T>(
  req: SimRequest,
  items: readonly T[],
  render: (item: T) => unknown,
  o: V2PageOptions,
): SimResponse {
  let limit = intParam(req.query.get('limit')) ?? DEFAULT_LIMIT;
  if (limit === 0) limit = DEFAULT_LIMIT;
  if (limit > o.maxPageSize) {
    if (o.oversizedLimit === 'reject') {
      return { status: 400, json: { message: `limit must be at most ${o.maxPageSize}` } };
    }
    limit = o.maxPageSize;
  }
  const offset = intParam(req.query.get('offset')) ?? 0;
  const count = items.length;
  const cut = o.cutShort?.[req.route];
  const served = cut === undefined ? items : items.slice(0, cut);
  if (offset >= served.length && count > 0) req.markEmptyPage();
  return {
    json: {
      content: {
        count,
        next: offset + limit < served.length ? pageUrl(req, limit, offset + limit) : null,
        prev: offset > 0 ? pageUrl(req, limit, Math.max(0, offset - limit)) : null,
        results: served.slice(offset, offset + limit).map(render),
      },
    },
  };
}
