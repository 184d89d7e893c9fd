import { mapConcurrent, type ValidationReport } from '@mdm-graph/mdm-core';
import { ApiEndpoints, getDeviceDetails, type KandjiApi, type KandjiDevice } from '../../client';
import type { InstalledProfileRef } from '../data';
import { hasStatus, kandjiError, type EndpointInfo, type KandjiStepContext } from '../shared';
import { detailFromDetails, type DeviceDetailPart } from './detail';

export type { InstalledProfileRef } from '../data';

export const DEVICE_DETAILS: EndpointInfo = {
  ...ApiEndpoints.DEVICE_DETAILS,
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
 * GET devices/{id}/details for every listed device, `concurrency` in flight (the shared
 * rate limiter keeps the pace under Kandji's 50/s). 404 -> device removed, skipped with a
 * log line. 403 -> the token lacks "Device details": reported in `denied` for the caller
 * to warn about (once) and decide whether its step is partial.
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
  let denied: unknown;
  const calls = mapConcurrent(devices, api.concurrency, async (device) => {
    if (denied) return;
    const id = device.device_id;
    try {
      const details = await getDeviceDetails(api, id, report);
      if (!details) return;
      result.byId.set(id, detailFromDetails(details));
      result.installedProfiles?.set(
        id,
        details.installed_profiles.map((p) => ({
          uuid: p.uuid ?? null,
          identifier: p.identifier ?? null,
        })),
      );
    } catch (err) {
      if (hasStatus(err, 404)) {
        result.removed.add(id);
        context.logger.info(
          { deviceId: id },
          'Device was removed from Kandji after it was listed (details returned 404); skipped',
        );
        return;
      }
      if (hasStatus(err, 403)) {
        denied ??= err;
        return;
      }
      throw kandjiError(err, DEVICE_DETAILS);
    }
  });
  for await (const _ of calls) {
    // results are collected in the callback
  }
  if (denied) {
    result.denied = denied;
    // Keep whatever was read before the first 403 out of the graph: details for all or none.
    result.byId.clear();
    result.installedProfiles = undefined;
  }
  return result;
}
