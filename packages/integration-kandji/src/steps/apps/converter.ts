import {
  createDirectRelationship,
  RelationshipClass,
  type Entity,
  type Relationship,
} from '@jupiterone/integration-sdk-core';
import { createApplicationEntity, entityKey } from '@mdm-graph/mdm-core';
import type { KandjiDeviceApp, PrismApp } from '../../client';
import { Entities } from '../constants';

/** One app on one device, from prism/apps or devices/{id}/apps. */
export interface AppInstall {
  deviceId: string;
  name: string | null;
  bundleId: string | null;
  version: string | null;
  path: string | null;
}

export interface AppIdentity {
  _key: string;
  name: string;
  bundleId: string | null;
}

const text = (v: string | null | undefined): string | null =>
  v && v.trim() !== '' ? v.trim() : null;

/** Kandji reports `""` or `"No value"` when an app has no bundle id. */
export function usableBundleId(bundleId: string | null | undefined): string | null {
  const id = text(bundleId);
  return id === null || id.toLowerCase() === 'no value' ? null : id;
}

/** Kandji reports `"No value"` (and `""`) when it has no version for an app. */
export function usableVersion(version: string | null | undefined): string | null {
  const v = text(version);
  return v === null || v.toLowerCase() === 'no value' ? null : v;
}

/**
 * One entity per distinct application: keyed by bundle id; apps without one are keyed by
 * name (then path) in their own key space, so they never collide with each other or with
 * a bundle id. undefined when nothing identifies the app.
 */
export function appIdentity(install: AppInstall): AppIdentity | undefined {
  const bundleId = usableBundleId(install.bundleId);
  const name = text(install.name);
  const path = text(install.path);
  if (bundleId)
    return { _key: entityKey(Entities.APP._type, bundleId), name: name ?? bundleId, bundleId };
  if (name) return { _key: entityKey(Entities.APP._type, `name:${name}`), name, bundleId: null };
  if (path)
    return {
      _key: entityKey(Entities.APP._type, `path:${path}`),
      name: path.split('/').pop() || path,
      bundleId: null,
    };
  return undefined;
}

export function fromDeviceApp(deviceId: string, app: KandjiDeviceApp): AppInstall {
  return {
    deviceId,
    name: text(app.app_name),
    bundleId: text(app.bundle_id),
    version: usableVersion(app.version),
    path: text(app.path),
  };
}

export function fromPrismApp(row: PrismApp): AppInstall {
  return {
    deviceId: row.device_id,
    name: text(row.name),
    bundleId: text(row.bundle_id),
    version: usableVersion(row.version) ?? usableVersion(row.short_version),
    path: text(row.path),
  };
}

export function createApp(identity: AppIdentity): Entity {
  return createApplicationEntity({
    _type: Entities.APP._type,
    _key: identity._key,
    app: {
      id: identity.bundleId ?? identity.name,
      name: identity.name,
      packageName: identity.bundleId,
    },
    properties: { bundleId: identity.bundleId ?? undefined },
  });
}

/**
 * kandji_device HAS kandji_app with the installed version and path. The key includes both,
 * so several copies of one app on one device (other path or version) stay distinct.
 */
export function createDeviceAppRelationship(
  deviceKey: string,
  appKey: string,
  install: AppInstall,
): Relationship {
  return createDirectRelationship({
    _class: RelationshipClass.HAS,
    fromKey: deviceKey,
    fromType: Entities.DEVICE._type,
    toKey: appKey,
    toType: Entities.APP._type,
    properties: {
      _key: `${deviceKey}|has|${appKey}|${install.path ?? ''}|${install.version ?? ''}`,
      version: install.version ?? undefined,
      path: install.path ?? undefined,
    },
  });
}
