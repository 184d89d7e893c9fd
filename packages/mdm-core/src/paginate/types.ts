import { type HttpClient } from '../http/client';
import { ApiCallError } from '../http/errors';
import { type ResponseHeaders } from '../http/headers';
import { type AnnouncedTotal } from './completeness';

export type PageQuery = Record<string, string | number | undefined>;

export interface PageRequest {
  pathOrUrl: string;
  query?: PageQuery;
}

/** items are raw records; paginate() validates them. */
export interface PageResult<R> {
  items: R[];
  next?: PageRequest;
  /** How many records the vendor says the whole list has (DRF `count`, a total header...). */
  total?: AnnouncedTotal;
}

/** Where a page sits in its listing, for strategies that decide by the page's position. */
export interface PageContext {
  /** 0-based position of the page in this read of the listing (the first page is 0). */
  index: number;
  /** Records (raw rows) received before this page in this read. */
  received: number;
}

export interface PageStrategy {
  first(): PageRequest;
  /**
   * Reads one page. `page` says where the page sits (pagers pass it; a strategy that does
   * not need it ignores it), e.g. to stop at a page limit or to ask the first page differently.
   */
  parse(
    body: unknown,
    req: PageRequest,
    client: HttpClient,
    headers?: ResponseHeaders,
    page?: PageContext,
  ): PageResult<unknown>;
}

/** A non-negative integer count from a body field or header value, else undefined. */
export function countValue(v: unknown): number | undefined {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : undefined;
}

/** `{count, source}` when `v` is a usable count. */
export function announced(v: unknown, source: string): AnnouncedTotal | undefined {
  const count = countValue(v);
  return count === undefined ? undefined : { count, source };
}

/** The page body is not the envelope this strategy expects. */
export function envelopeError(
  client: HttpClient,
  req: PageRequest,
  expected: string,
): ApiCallError {
  const url = client.redactor.redactUrl(client.resolve(req.pathOrUrl, req.query));
  return new ApiCallError({
    message: `GET ${url} did not return the expected page shape: ${expected}`,
    url,
    method: 'GET',
    kind: 'invalid_response',
  });
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Current numeric query value (offset, page) of a request, or a default. */
export function queryNumber(req: PageRequest, key: string, fallback: number): number {
  const v = Number(req.query?.[key]);
  return Number.isFinite(v) ? v : fallback;
}
