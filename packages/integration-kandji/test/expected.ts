/**
 * Expected graph objects derived from the seeded fleet data (the simulator's source of
 * truth), independent of the integration's converters.
 */
import type { KandjiFleet } from '../simulator';

const NO_BUNDLE = new Set(['', 'no value']);

export function expectedDeviceKeys(
  fleet: KandjiFleet,
  opts: { skipRemoved?: boolean } = {},
): string[] {
  return fleet.devices
    .filter((d) => !(opts.skipRemoved && fleet.removed.has(d.device_id)))
    .map((d) => `kandji_device:${d.device_id}`)
    .sort();
}

function appKeyOf(bundleId: string, name: string): string {
  return NO_BUNDLE.has(bundleId.trim().toLowerCase())
    ? `kandji_app:name:${name}`
    : `kandji_app:${bundleId}`;
}

/** App keys and device->app relationship keys (one per device, app, path and version). */
export function expectedApps(fleet: KandjiFleet): {
  appKeys: string[];
  relationshipKeys: string[];
  relationships: Map<string, { version: string | undefined; path: string | undefined }>;
} {
  const appKeys = new Set<string>();
  const relationships = new Map<
    string,
    { version: string | undefined; path: string | undefined }
  >();
  fleet.devices.forEach((d, i) => {
    if (fleet.removed.has(d.device_id)) return;
    for (const app of fleet.appsOf(i)) {
      const appKey = appKeyOf(app.bundle_id, app.app_name);
      appKeys.add(appKey);
      // "No value" is Kandji's word for no version.
      const version = app.version === 'No value' ? undefined : app.version;
      relationships.set(`kandji_device:${d.device_id}|has|${appKey}|${app.path}|${version ?? ''}`, {
        version,
        path: app.path || undefined,
      });
    }
  });
  return {
    appKeys: [...appKeys].sort(),
    relationshipKeys: [...relationships.keys()].sort(),
    relationships,
  };
}

/** Directory users plus assigned users missing from the directory. */
export function expectedUserKeys(fleet: KandjiFleet, opts: { directory?: boolean } = {}): string[] {
  const keys = new Set<string>();
  if (opts.directory !== false) for (const u of fleet.users) keys.add(`kandji_user:${u.id}`);
  for (const d of fleet.devices) if (d.user !== '') keys.add(`kandji_user:${d.user.id}`);
  return [...keys].sort();
}

export function expectedDeviceUserKeys(fleet: KandjiFleet): string[] {
  return fleet.devices
    .filter((d) => d.user !== '')
    .map((d) => `kandji_device:${d.device_id}|has|kandji_user:${d.user === '' ? '' : d.user.id}`)
    .sort();
}

export function expectedBlueprintAssignments(fleet: KandjiFleet): string[] {
  return fleet.devices
    .filter((d) => d.blueprint_id)
    .map((d) => `kandji_device:${d.device_id}|assigned|kandji_blueprint:${d.blueprint_id}`)
    .sort();
}

export function expectedProfileAssignments(fleet: KandjiFleet): string[] {
  const keys: string[] = [];
  fleet.devices.forEach((d, i) => {
    if (fleet.removed.has(d.device_id)) return;
    for (const id of fleet.facts[i]?.customProfileIds ?? [])
      keys.push(`kandji_device:${d.device_id}|assigned|kandji_profile:${id}`);
  });
  return keys.sort();
}

/** Every posture property a kandji_device can carry (absent when unknown or not applicable). */
export const POSTURE_PROPERTIES = [
  'encrypted',
  'filevaultEnabled',
  'filevaultRecoveryKeyEscrowed',
  'filevaultRecoveryKeyType',
  'firewallEnabled',
  'gatekeeperEnabled',
  'sipEnabled',
  'secureBootLevel',
  'bootstrapTokenEscrowed',
  'activationLockEnabled',
  'deviceActivationLockEnabled',
  'userActivationLockEnabled',
  'supervised',
  'remoteDesktopEnabled',
] as const;

/** Posture properties only Prism reports (no details section has them). */
export const PRISM_ONLY = [
  'firewallEnabled',
  'gatekeeperEnabled',
  'sipEnabled',
  'secureBootLevel',
  'bootstrapTokenEscrowed',
];

/**
 * The posture a device should have, from the fleet's facts: `prism` = the Prism posture
 * categories were read, `details` = devices/{id}/details was read. Only what applies to the
 * platform; activation lock from details (the simulator's prism/activation_lock is, like
 * Kandji's published example, a device_information copy).
 */
export function expectedPosture(
  fleet: KandjiFleet,
  index: number,
  sources: { prism: boolean; details: boolean },
): Record<string, unknown> {
  const d = fleet.devices[index]!;
  const f = fleet.facts[index]!;
  const mac = d.platform === 'Mac';
  const out: Record<string, unknown> = {};
  if (mac && (sources.prism || sources.details)) {
    out.encrypted = f.filevaultEnabled;
    out.filevaultEnabled = f.filevaultEnabled;
    out.filevaultRecoveryKeyEscrowed = f.filevaultPrkEscrowed;
    if (f.filevaultKeyType) out.filevaultRecoveryKeyType = f.filevaultKeyType;
  }
  if (mac && sources.prism) {
    out.firewallEnabled = f.firewallEnabled;
    out.gatekeeperEnabled = f.gatekeeperEnabled;
    out.sipEnabled = f.sipEnabled;
    out.secureBootLevel = f.secureBootLevel;
    out.bootstrapTokenEscrowed = f.bootstrapTokenEscrowed;
  }
  if (sources.details) {
    out.supervised = f.supervised;
    if (mac) out.remoteDesktopEnabled = f.remoteDesktopEnabled;
    if (f.activationLockEnabled !== null && f.userActivationLockEnabled !== null) {
      out.deviceActivationLockEnabled = f.activationLockEnabled;
      out.userActivationLockEnabled = f.userActivationLockEnabled;
      out.activationLockEnabled = f.activationLockEnabled || f.userActivationLockEnabled;
    }
  }
  return out;
}

/** The posture properties an entity carries. */
export function postureOf(entity: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    POSTURE_PROPERTIES.filter((p) => entity[p] !== undefined).map((p) => [p, entity[p]]),
  );
}

/** An entity without the Prism-only properties (to compare Prism and per-device mode). */
export function withoutPrismOnly<T extends object>(entity: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(entity).filter(([k]) => !PRISM_ONLY.includes(k)),
  ) as Partial<T>;
}
