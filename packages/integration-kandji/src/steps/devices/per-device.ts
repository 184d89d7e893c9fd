import type { ValidationReport } from '@mdm-graph/mdm-core';
import { fanOut, PartialData, type OptionalEndpoint } from '@mdm-graph/mdm-core/steps';
import {
  Endpoints,
  getDeviceDetails,
  kandji,
  type KandjiApi,
  type KandjiDevice,
} from '../../client';
import type { KandjiStepContext } from '../../config';
import type { InstalledProfileRef } from '../data';
import { detailFromDetails, type DeviceDetailPart } from './detail';

export type { InstalledProfileRef } from '../data';

export const DEVICE_DETAILS: OptionalEndpoint = {
  ...Endpoints.DEVICE_DETAILS,
  skipped:
    'device details (hostname, MAC address, FileVault, activation lock, supervision, remote desktop) and installed profiles',
};

export interface DeviceDetailsResult {
  byId: Map<string, DeviceDetailPart>;
  /** Devices that 404'd: removed between the list and this call. */
  removed: Set<string>;
  /** Installed profiles per device (details carry them; Prism has its own category). */
  installedProfiles?: Map<string, InstalledProfileRef[]>;
  /** The 403 when the token lacks "Device details" (byId is then empty: all or none). */
  denied?: unknown;
}

/**
 * GET devices/{id}/details for every listed device on the step layer's per-device fan-out,
 * `concurrency` in flight (the shared rate limiter keeps the pace under Kandji's 50/s). 404 ->
 * device removed, skipped (one log line). 403 -> the token lacks "Device details": no further
 * request, reported in `denied` for the caller to warn about (once) and decide whether its
 * step is partial. Any other error fails the step naming the endpoint and permission.
 */
export async function fetchPerDeviceDetails(
  api: KandjiApi,
  context: KandjiStepContext,
  devices: KandjiDevice[],
  report: ValidationReport,
): Promise<DeviceDetailsResult> {
  const result: DeviceDetailsResult = {
    byId: new Map(),
    removed: new Set(),
    installedProfiles: new Map(),
  };
  const calls = fanOut(devices, (device) => getDeviceDetails(api, device.device_id, report), {
    // Nothing is recorded here (record: false): details are all or none, the caller decides.
    partial: new PartialData(kandji, context),
    endpoint: DEVICE_DETAILS,
    concurrency: api.concurrency,
    idOf: (device) => device.device_id,
    onNotFound: async (device) => {
      result.removed.add(device.device_id);
      return 'removed';
    },
    record: false,
  });
  for await (const { item: device, value: details } of calls) {
    if (!details) continue;
    const id = device.device_id;
    result.byId.set(id, detailFromDetails(details));
    result.installedProfiles?.set(
      id,
      details.installed_profiles.map((p) => ({
        uuid: p.uuid ?? null,
        identifier: p.identifier ?? null,
      })),
    );
  }
  if (calls.tally.refused > 0) {
    result.denied = calls.firstRefusal;
    // Keep whatever was read before the first 403 out of the graph: details for all or none.
    result.byId.clear();
    result.installedProfiles = undefined;
  }
  return result;
}
