import type { SimHandler, SimRequest, SimResponse } from '@mdm-graph/mdm-core/sim';
import type { KandjiFleet } from '../fleet/fleet';
import { deviceDetails } from '../fleet/views';
import { intParam, limitParam, notFound, type KandjiRouteOptions } from './paging';

function sortValue(record: unknown, field: string): string {
  if (!record || typeof record !== 'object') return '';
  const v = (record as Record<string, unknown>)[field];
  return v === undefined || v === null ? '' : String(v);
}

/** GET devices: a bare JSON array; limit (default 300, silently capped) + offset; filters and ordering. */
export function listDevices(fleet: KandjiFleet, opts: KandjiRouteOptions = {}): SimHandler {
  return (req: SimRequest): SimResponse => {
    let records = fleet.deviceListRecords;
    for (const field of ['platform', 'blueprint_id', 'serial_number', 'device_id'] as const) {
      const want = req.query.get(field);
      if (want) records = records.filter((r) => sortValue(r, field) === want);
    }
    const ordering = req.query.get('ordering');
    if (ordering) {
      const desc = ordering.startsWith('-');
      const field = ordering.replace(/^-/, '');
      records = [...records].sort(
        (a, b) => sortValue(a, field).localeCompare(sortValue(b, field)) * (desc ? -1 : 1),
      );
    }
    const limit = limitParam(req, opts);
    const offset = intParam(req, 'offset', 0);
    const served =
      opts.cutDeviceListAfter === undefined ? records : records.slice(0, opts.cutDeviceListAfter);
    const page = served.slice(offset, offset + limit);
    const headers: Record<string, string> = {};
    if (opts.legacyDeviceHeaders) {
      headers['x-total-count'] = String(records.length);
      headers['x-total-pages'] = String(Math.ceil(records.length / limit));
      headers.link = '<None>; rel="next"';
    }
    return { json: page, headers };
  };
}

function activeIndex(fleet: KandjiFleet, req: SimRequest): number | undefined {
  const id = req.params.id ?? '';
  if (fleet.removed.has(id)) return undefined;
  return fleet.deviceIndex(id);
}

/** GET devices/{id}: the list item. */
export function getDevice(fleet: KandjiFleet): SimHandler {
  return (req) => {
    const index = activeIndex(fleet, req);
    return index === undefined ? notFound() : { json: fleet.devices[index] };
  };
}

/** GET devices/{id}/details; 404 for unknown or removed devices. */
export function getDeviceDetails(fleet: KandjiFleet): SimHandler {
  return (req) => {
    const index = activeIndex(fleet, req);
    return index === undefined ? notFound() : { json: deviceDetails(fleet, index) };
  };
}

/** GET devices/{id}/apps: {device_id, apps[]}, not paginated, every field a string. */
export function getDeviceApps(fleet: KandjiFleet): SimHandler {
  return (req) => {
    const index = activeIndex(fleet, req);
    if (index === undefined) return notFound();
    const apps: unknown[] = fleet.appsOf(index);
    // Bad records ride on the first device (bundle_id must be a string).
    if (index === 0)
      for (let k = 0; k < fleet.badApps; k++)
        apps.push({ app_name: `Broken app ${k}`, bundle_id: 12345 + k });
    return { json: { device_id: req.params.id, apps } };
  };
}
