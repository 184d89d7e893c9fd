import type { SimHandler, SimRequest, SimResponse } from '@mdm-graph/mdm-core/sim';
import type { KandjiFleet } from '../fleet/fleet';
import { prismAppRow, prismDeviceInformationRow, prismInstalledProfileRow } from '../fleet/views';
import {
  badRequest,
  decodeCursor,
  encodeCursor,
  intParam,
  limitParam,
  notFound,
  queryKey,
  type KandjiRouteOptions,
} from './paging';

type Category = 'apps' | 'device_information' | 'installed_profiles';
const CATEGORIES = new Set<string>(['apps', 'device_information', 'installed_profiles']);

/** Devices visible to Prism for this query: not removed, honouring blueprint_ids/device_families. */
function visibleDevices(fleet: KandjiFleet, req: SimRequest): number[] {
  const blueprints = req.query.get('blueprint_ids')?.split(',').filter(Boolean);
  const families = req.query.get('device_families')?.split(',').filter(Boolean);
  const out: number[] = [];
  fleet.devices.forEach((d, i) => {
    if (fleet.removed.has(d.device_id)) return;
    if (blueprints?.length && !blueprints.includes(d.blueprint_id)) return;
    if (families?.length && !families.includes(d.platform)) return;
    out.push(i);
  });
  return out;
}

/** Rows [offset, offset+limit) of a category, generated on demand; returns the total too. */
function rows(
  fleet: KandjiFleet,
  category: Category,
  devices: number[],
  offset: number,
  limit: number,
): { total: number; data: unknown[] } {
  const data: unknown[] = [];
  if (category === 'device_information') {
    for (const i of devices.slice(offset, offset + limit))
      data.push(prismDeviceInformationRow(fleet, i));
    return { total: devices.length, data };
  }
  if (category === 'apps') {
    const per = fleet.appsPerDevice;
    const deviceRows = devices.length * per;
    const total = deviceRows + fleet.badApps;
    // A page spans few devices: generate each device's apps once per page.
    let cached: { index: number; apps: ReturnType<KandjiFleet['appsOf']> } | undefined;
    for (let r = offset; r < Math.min(total, offset + limit); r++) {
      if (r >= deviceRows) {
        // Bad rows: no device_id.
        data.push({
          device_id: null,
          name: `Broken app ${r - deviceRows}`,
          bundle_id: 'com.broken.app',
        });
        continue;
      }
      const index = devices[Math.floor(r / per)] as number;
      if (cached?.index !== index) cached = { index, apps: fleet.appsOf(index) };
      const app = cached.apps[r % per];
      if (app) data.push(prismAppRow(fleet, index, app));
    }
    return { total, data };
  }
  const pairs: [number, string][] = [];
  for (const i of devices) {
    for (const id of fleet.facts[i]?.customProfileIds ?? []) pairs.push([i, id]);
    pairs.push([i, '']);
  }
  for (const [i, id] of pairs.slice(offset, offset + limit)) {
    const row = prismInstalledProfileRow(fleet, i, id);
    if (id === '') {
      // The MDM enrollment profile: not a custom profile.
      Object.assign(row, {
        profile_display_name: 'MDM Profile',
        payload_identifier: 'com.kandji.profile.mdmprofile',
        payload_uuid: `mdm-${fleet.devices[i]?.device_id}`,
      });
    }
    data.push(row);
  }
  return { total: pairs.length, data };
}

/**
 * GET prism/count?category=apps: {count, approximate} (Kandji's Postman example; categories
 * with spaces are written with `_`). Honours the same filters as the category itself.
 */
function prismCount(fleet: KandjiFleet, req: SimRequest): SimResponse {
  const category = (req.query.get('category') ?? '').replace(/ /g, '_');
  if (!CATEGORIES.has(category)) return badRequest(`Unknown category: ${category}`);
  const { total } = rows(fleet, category as Category, visibleDevices(fleet, req), 0, 0);
  return { json: { count: total, approximate: false } };
}

/**
 * GET prism/{category}: {offset, limit, total, cursor, data[]}; limit default 300 and capped;
 * an opaque cursor valid only for the same query; offset also accepted.
 */
export function prismCategory(fleet: KandjiFleet, opts: KandjiRouteOptions = {}): SimHandler {
  return (req): SimResponse => {
    const category = req.params.category ?? '';
    if (category === 'count') return prismCount(fleet, req);
    if (!CATEGORIES.has(category)) return notFound();
    const limit = limitParam(req, opts);
    const key = queryKey(req);
    let offset = opts.prismIgnoresOffset ? 0 : intParam(req, 'offset', 0);
    const cursor = req.query.get('cursor');
    if (cursor) {
      const decoded = decodeCursor(cursor, key);
      if (decoded === undefined)
        return badRequest('Invalid cursor: cursors are only valid for the same query parameters');
      offset = decoded;
    }
    const page = rows(fleet, category as Category, visibleDevices(fleet, req), offset, limit);
    const nextOffset = offset + page.data.length;
    const more = page.data.length > 0 && nextOffset < page.total;
    return {
      json: {
        offset,
        limit,
        total: opts.prismTotalNull ? null : page.total,
        cursor: more ? encodeCursor(nextOffset, key) : null,
        data: page.data,
      },
    };
  };
}
