import type { SimHandler, SimResponse } from '@mdm-graph/mdm-core/sim';
import type { KandjiFleet } from '../fleet/fleet';
import {
  absoluteUrl,
  API_PREFIX,
  badRequest,
  decodeCursor,
  encodeCursor,
  HARD_MAX_PAGE,
  intParam,
  limitParam,
  queryKey,
  type KandjiRouteOptions,
} from './paging';

/** GET users: {next, previous, results}; cursor paging with an absolute `next`, at most 300 per page. */
export function listUsers(fleet: KandjiFleet, opts: KandjiRouteOptions = {}): SimHandler {
  return (req): SimResponse => {
    const size = Math.min(opts.usersPageSize ?? HARD_MAX_PAGE, HARD_MAX_PAGE);
    const key = queryKey(req);
    let records = fleet.userListRecords;
    const email = req.query.get('email');
    if (email) records = records.filter((u) => (u as { email?: unknown }).email === email);
    const cursor = req.query.get('cursor');
    let offset = 0;
    if (cursor) {
      const decoded = decodeCursor(cursor, key);
      if (decoded === undefined) return badRequest('Invalid cursor');
      offset = decoded;
    }
    const results = records.slice(offset, offset + size);
    const origin = opts.usersNextOrigin ?? req.baseUrl;
    const link = (o: number) =>
      `${origin}${API_PREFIX}/users?${new URLSearchParams({ ...Object.fromEntries(new URLSearchParams(key)), cursor: encodeCursor(o, key) }).toString()}`;
    return {
      json: {
        next: offset + size < records.length ? link(offset + size) : null,
        previous: offset > 0 ? link(Math.max(0, offset - size)) : null,
        results,
      },
    };
  };
}

/** GET blueprints: DRF {count, next, previous, results} with limit/offset and absolute next URLs. */
export function listBlueprints(fleet: KandjiFleet, opts: KandjiRouteOptions = {}): SimHandler {
  return (req): SimResponse => {
    const limit = limitParam(req, opts);
    const offset = intParam(req, 'offset', 0);
    const records = fleet.blueprintListRecords;
    return {
      json: {
        count: records.length,
        next:
          offset + limit < records.length
            ? absoluteUrl(req, 'blueprints', { limit, offset: offset + limit })
            : null,
        previous:
          offset > 0
            ? absoluteUrl(req, 'blueprints', { limit, offset: Math.max(0, offset - limit) })
            : null,
        results: records.slice(offset, offset + limit),
      },
    };
  };
}

/** GET library/custom-profiles: DRF envelope paged by `page`; the server picks the page size. */
export function listCustomProfiles(fleet: KandjiFleet, opts: KandjiRouteOptions = {}): SimHandler {
  return (req): SimResponse => {
    const size = opts.customProfilesPageSize ?? 100;
    const page = Math.max(1, intParam(req, 'page', 1));
    const records = fleet.customProfileListRecords;
    const start = (page - 1) * size;
    if (start > 0 && start >= records.length)
      return { status: 404, json: { detail: 'Invalid page.' } };
    return {
      json: {
        count: records.length,
        next:
          start + size < records.length
            ? absoluteUrl(req, 'library/custom-profiles', { page: page + 1 })
            : null,
        previous: page > 1 ? absoluteUrl(req, 'library/custom-profiles', { page: page - 1 }) : null,
        results: records.slice(start, start + size),
      },
    };
  };
}

/** GET settings/licensing. */
export function getLicensing(fleet: KandjiFleet): SimHandler {
  return () => ({ json: fleet.licensing });
}
