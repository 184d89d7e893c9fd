import type { SimHandler, SimRequest, SimResponse } from '@mdm-graph/mdm-core/sim';
import type { KandjiFleet } from '../fleet/fleet';
import {
  prismActivationLockRow,
  prismAppRow,
  prismApplicationFirewallRow,
  prismDeviceInformationRow,
  prismFilevaultRow,
  prismGatekeeperRow,
  prismInstalledProfileRow,
  prismStartupSettingsRow,
} from '../fleet/views';
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

/** Categories with at most one row per device (Macs only for the macOS posture categories). */
const DEVICE_ROW_CATEGORIES: Record<
  string,
  {
    macOnly: boolean;
    row: (fleet: KandjiFleet, index: number) => Record<string, unknown> | undefined;
  }
> = {
  device_information: { macOnly: false, row: prismDeviceInformationRow },
  filevault: { macOnly: true, row: prismFilevaultRow },
  application_firewall: { macOnly: true, row: prismApplicationFirewallRow },
  gatekeeper_and_xprotect: { macOnly: true, row: prismGatekeeperRow },
  startup_settings: { macOnly: true, row: prismStartupSettingsRow },
  activation_lock: { macOnly: false, row: prismActivationLockRow },
};
type Category = 'apps' | 'installed_profiles' | keyof typeof DEVICE_ROW_CATEGORIES;
const CATEGORIES = new Set<string>([
  'apps',
  'installed_profiles',
  ...Object.keys(DEVICE_ROW_CATEGORIES),
]);

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
  const perDevice = DEVICE_ROW_CATEGORIES[category];
  if (perDevice) {
    // Devices with a row in this category, in fleet order (stable across pages).
    const withRows = perDevice.macOnly
      ? devices.filter((i) => fleet.devices[i]?.platform === 'Mac')
      : devices;
    for (const i of withRows.slice(offset, offset + limit)) data.push(perDevice.row(fleet, i));
    return { total: withRows.length, data };
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
export function prismCategory(
  fleet: KandjiFleet,
  opts: KandjiRouteOptions = {},
  counts?: Map<string, number>,
): SimHandler {
  return (req): SimResponse => {
    const category = req.params.category ?? '';
    if (category === 'count') return prismCount(fleet, req);
    counts?.set(category, (counts.get(category) ?? 0) + 1);
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
    const dropped = opts.prismDroppedColumns?.[category];
    if (dropped?.length)
      for (const row of page.data)
        for (const column of dropped) delete (row as Record<string, unknown>)[column];
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
