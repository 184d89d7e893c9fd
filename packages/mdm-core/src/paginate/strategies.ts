import { headerValue } from '../http/headers';
import {
  type PageQuery,
  type PageStrategy,
  announced,
  envelopeError,
  isRecord,
  queryNumber,
} from './types';

/**
 * Django REST framework envelope {count, next, previous, results} (Esper v1,
 * Kandji blueprints and custom profiles). `next` is absolute and untrusted: it
 * is pinned to the configured base URL, so a foreign host never gets a request.
 */
export function nextUrlEnvelope(opts: {
  path: string;
  query?: PageQuery;
  limit?: number;
  limitParam?: string;
  itemsKey?: string;
}): PageStrategy {
  const itemsKey = opts.itemsKey ?? 'results';
  return {
    first: () => ({
      pathOrUrl: opts.path,
      query: {
        ...opts.query,
        ...(opts.limit !== undefined && { [opts.limitParam ?? 'limit']: opts.limit }),
      },
    }),
    parse(body, req, client) {
      const items = isRecord(body) ? body[itemsKey] : undefined;
      const next = isRecord(body) ? body.next : undefined;
      if (
        !Array.isArray(items) ||
        (next !== null && next !== undefined && typeof next !== 'string')
      ) {
        throw envelopeError(client, req, `{ ${itemsKey}: [...], next: string | null }`);
      }
      return {
        items,
        next: next ? { pathOrUrl: client.pin(next).href } : undefined,
        total: isRecord(body) ? announced(body.count, '`count`') : undefined,
      };
    },
  };
}

/**
 * A bare JSON array paged by limit/offset (Kandji `devices`). A full page means
 * there may be more; a page shorter than the page size the server honours is the
 * last one, with no trailing empty request.
 *
 * `confirmShortFirstPage`: servers may silently cap `limit` below what we ask.
 * A short *first* page is then ambiguous: either the listing ends there, or it is
 * the server's cap, and stopping would silently drop everything after it. With
 * this option that one case is checked with one request at offset += received,
 * asking for the received count as `limit`: an empty (or shorter) answer confirms
 * the end (one extra request, only for listings shorter than one page); an answer
 * as long as the first page confirms the cap, and paging continues in steps of
 * the honoured size, stopping on the first page shorter than it. The honoured
 * size travels in the request's `limit`, so each step is decided from its own
 * request alone. Off by default: where the vendor's cap is known and we ask for
 * exactly it, a short page is the end and costs nothing more.
 */
export function offsetLimitArray(opts: {
  path: string;
  query?: PageQuery;
  limit: number;
  limitParam?: string;
  offsetParam?: string;
  startOffset?: number;
  confirmShortFirstPage?: boolean;
  /** A response header carrying the list's total, e.g. `x-total-count` (checked when present). */
  totalHeader?: string;
}): PageStrategy {
  const limitParam = opts.limitParam ?? 'limit';
  const offsetParam = opts.offsetParam ?? 'offset';
  const startOffset = opts.startOffset ?? 0;
  if (!Number.isInteger(opts.limit) || opts.limit < 1)
    throw new RangeError('offsetLimitArray: limit must be a positive integer');
  return {
    first: () => ({
      pathOrUrl: opts.path,
      query: { ...opts.query, [limitParam]: opts.limit, [offsetParam]: startOffset },
    }),
    parse(body, req, client, headers) {
      if (!Array.isArray(body)) throw envelopeError(client, req, 'a JSON array');
      const total =
        opts.totalHeader && headers
          ? announced(headerValue(headers, opts.totalHeader), `${opts.totalHeader} header`)
          : undefined;
      const offset = queryNumber(req, offsetParam, startOffset);
      const asked = queryNumber(req, limitParam, opts.limit);
      const received = body.length;
      const full = received >= asked;
      // The first page only: shorter than asked yet not empty may be the server's cap.
      const maybeCapped =
        opts.confirmShortFirstPage === true && !full && received > 0 && offset === startOffset;
      const next =
        received > 0 && (full || maybeCapped)
          ? {
              pathOrUrl: opts.path,
              query: {
                ...req.query,
                [limitParam]: maybeCapped ? received : asked,
                [offsetParam]: offset + received,
              },
            }
          : undefined;
      return { items: body, next, total };
    },
  };
}

/**
 * `?page=N` envelopes (Kandji custom profiles). Continues while `hasNext(body)`
 * (default: a non-null `next`) and the page was not empty.
 */
export function pageNumber(opts: {
  path: string;
  query?: PageQuery;
  pageParam?: string;
  itemsKey?: string;
  firstPage?: number;
  hasNext?: (body: Record<string, unknown>) => boolean;
}): PageStrategy {
  const pageParam = opts.pageParam ?? 'page';
  const itemsKey = opts.itemsKey ?? 'results';
  const hasNext =
    opts.hasNext ??
    ((b: Record<string, unknown>) => b.next !== null && b.next !== undefined && b.next !== '');
  return {
    first: () => ({
      pathOrUrl: opts.path,
      query: { ...opts.query, [pageParam]: opts.firstPage ?? 1 },
    }),
    parse(body, req, client) {
      const items = isRecord(body) ? body[itemsKey] : undefined;
      if (!isRecord(body) || !Array.isArray(items))
        throw envelopeError(client, req, `{ ${itemsKey}: [...] }`);
      const page = queryNumber(req, pageParam, opts.firstPage ?? 1);
      const more = items.length > 0 && hasNext(body);
      return {
        items,
        next: more
          ? { pathOrUrl: opts.path, query: { ...req.query, [pageParam]: page + 1 } }
          : undefined,
        total: announced(body.count, '`count`'),
      };
    },
  };
}

/**
 * Opaque cursor pages (Kandji `prism/*` {data, cursor}, `users` next-cursor).
 * Stops on an empty page or a missing cursor; the request is rebuilt on the
 * configured host from the cursor value.
 */
export function cursorPage(opts: {
  path: string;
  query?: PageQuery;
  cursorParam?: string;
  itemsKey: string;
  cursorOf: (body: Record<string, unknown>) => unknown;
  /** Body field with the list's total (e.g. Prism `total`; ignored when null). */
  totalKey?: string;
}): PageStrategy {
  const cursorParam = opts.cursorParam ?? 'cursor';
  return {
    first: () => ({ pathOrUrl: opts.path, query: { ...opts.query } }),
    parse(body, req, client) {
      const items = isRecord(body) ? body[opts.itemsKey] : undefined;
      if (!isRecord(body) || !Array.isArray(items))
        throw envelopeError(client, req, `{ ${opts.itemsKey}: [...] }`);
      const cursor = opts.cursorOf(body);
      const usable = (typeof cursor === 'string' && cursor !== '') || typeof cursor === 'number';
      return {
        items,
        next:
          usable && items.length > 0
            ? { pathOrUrl: opts.path, query: { ...req.query, [cursorParam]: String(cursor) } }
            : undefined,
        total: opts.totalKey ? announced(body[opts.totalKey], `\`${opts.totalKey}\``) : undefined,
      };
    },
  };
}

/** cursorOf helper for APIs that only give an absolute `next` URL carrying the cursor. */
export function cursorFromNextUrl(
  nextKey = 'next',
  cursorParam = 'cursor',
): (body: Record<string, unknown>) => string | undefined {
  return (body) => {
    const next = body[nextKey];
    if (typeof next !== 'string' || next === '') return undefined;
    try {
      return new URL(next, 'http://placeholder.invalid').searchParams.get(cursorParam) ?? undefined;
    } catch {
      return undefined;
    }
  };
}
