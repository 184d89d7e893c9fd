import type { EsperFleet } from '../simulator/fleet';

/**
 * The graph a correct collection of `fleet` must produce, derived from the
 * simulator's seeded model only (not from the code under test). Malformed
 * records are absent; references to them are dropped.
 */
export interface ExpectedGraph {
  account: string;
  applications: string[];
  uncatalogedApplications: string[];
  groups: string[];
  devices: string[];
  /** Every esper_user of a full run: the directory's users, then users only a device names. */
  users: string[];
  /** Users of the user directory (fetch-users). */
  directoryUsers: string[];
  /** Users a device names that the directory lacks (malformed, removed): created by the link step with their id only. */
  deviceOnlyUsers: string[];
  /** Every user some device names. */
  deviceUsers: string[];
  accountHasApplication: string[];
  accountHasGroup: string[];
  accountHasDevice: string[];
  accountHasUser: string[];
  groupHasGroup: string[];
  groupHasDevice: string[];
  userHasDevice: string[];
  deviceHasApplication: string[];
  /** device key|has|app key -> installed version */
  installedVersions: Map<string, string>;
  /** Emails of person accounts: the ones mapped to an employee (Person). */
  userEmails: string[];
  /** Of those, deactivated accounts: mapped without creating a Person. */
  inactiveUserEmails: string[];
  skipped: {
    /** Malformed Android devices of the v1 list, and malformed devices of the v2 list. */
    devices: number;
    v2Devices: number;
    applications: number;
    groups: number;
    users: number;
    deviceApps: number;
    v2DeviceApps: number;
  };
}

export interface ExpectedOptions {
  /** The tenant serves the v2 API (default true). */
  v2?: boolean;
}

/** Listed by GET /api/user/ with Esper's filters. */
export const listedUser = (u: { kind: string }) =>
  u.kind === 'person' || u.kind === 'service' || u.kind === 'no-email';

const pad = (key: string) => (key.length >= 10 ? key : key.padEnd(10, '_'));
const has = (from: string, to: string) => `${from}|has|${to}`;

export function expectedGraph(fleet: EsperFleet, o: ExpectedOptions = {}): ExpectedGraph {
  const v2 = o.v2 ?? true;
  const account = pad(`esper_account:${fleet.enterprise.id}`);
  const apps = fleet.applications.filter((a) => !a.malformed);
  const groups = fleet.groups.filter((g) => !g.malformed);
  const inV1 = (d: (typeof fleet.devices)[number]) => d.platform === 'ANDROID' && !d.hiddenFromV1;
  const devices = fleet.devices.filter((d) => !d.malformed && (v2 || inV1(d)));
  const users = fleet.users.filter((u) => !u.malformed && listedUser(u));
  const appKey = (id: string) => pad(`esper_application:${id}`);
  const groupKey = (id: string) => pad(`esper_device_group:${id}`);
  const deviceKey = (id: string) => pad(`esper_device:${id}`);
  const userKey = (id: number) => pad(`esper_user:${id}`);
  const validGroups = new Set(groups.map((g) => g.id));
  const validUsers = new Set(users.map((u) => u.id));
  const catalogByPackage = new Map<string, string>();
  for (const a of apps)
    if (!catalogByPackage.has(a.packageName)) catalogByPackage.set(a.packageName, appKey(a.id));

  const deviceOnlyUsers = [
    ...new Set(
      devices
        .filter((d) => d.userId !== null && !validUsers.has(d.userId))
        .map((d) => userKey(d.userId ?? 0)),
    ),
  ];
  const uncataloged = new Set<string>();
  const deviceHasApplication: string[] = [];
  const installedVersions = new Map<string, string>();
  let skippedDeviceApps = 0;
  let skippedV2DeviceApps = 0;
  for (const d of devices) {
    const apple = d.platform === 'APPLE';
    for (const app of fleet.deviceApps(d.id)) {
      if (app.malformed) {
        if (apple) skippedV2DeviceApps++;
        else skippedDeviceApps++;
        continue;
      }
      if (app.appType === 'WEBCLIP') continue;
      let key = apple ? undefined : catalogByPackage.get(app.packageName);
      if (!key) {
        key = pad(`esper_application:package:${app.packageName}`);
        uncataloged.add(key);
      }
      const rel = has(deviceKey(d.id), key);
      deviceHasApplication.push(rel);
      // device-apps items carry no version: Apple links have none.
      if (!apple) installedVersions.set(rel, app.versionName);
    }
  }

  return {
    account,
    applications: apps.map((a) => appKey(a.id)),
    uncatalogedApplications: [...uncataloged],
    groups: groups.map((g) => groupKey(g.id)),
    devices: devices.map((d) => deviceKey(d.id)),
    users: [...users.map((u) => userKey(u.id)), ...deviceOnlyUsers],
    directoryUsers: users.map((u) => userKey(u.id)),
    deviceOnlyUsers,
    deviceUsers: [
      ...new Set(devices.flatMap((d) => (d.userId === null ? [] : [userKey(d.userId)]))),
    ],
    accountHasApplication: [...apps.map((a) => appKey(a.id)), ...uncataloged].map((k) =>
      has(account, k),
    ),
    accountHasGroup: groups.map((g) => has(account, groupKey(g.id))),
    accountHasDevice: devices.map((d) => has(account, deviceKey(d.id))),
    accountHasUser: users.map((u) => has(account, userKey(u.id))),
    groupHasGroup: groups
      .filter((g) => g.parentId !== null && validGroups.has(g.parentId))
      .map((g) => has(groupKey(g.parentId ?? ''), groupKey(g.id))),
    // v1 groups[] of Android devices; the one v2 group_id (the first group) of the others.
    groupHasDevice: devices.flatMap((d) =>
      (inV1(d) ? d.groupIds : d.groupIds.slice(0, 1))
        .filter((gid) => validGroups.has(gid))
        .map((gid) => has(groupKey(gid), deviceKey(d.id))),
    ),
    // From the device list alone: complete whether the directory was read or not.
    userHasDevice: devices
      .filter((d) => inV1(d) && d.userId !== null)
      .map((d) => has(userKey(d.userId ?? 0), deviceKey(d.id))),
    deviceHasApplication,
    installedVersions,
    userEmails: users.filter((u) => u.kind === 'person').map((u) => u.email),
    inactiveUserEmails: users.filter((u) => u.kind === 'person' && !u.isActive).map((u) => u.email),
    skipped: {
      devices: fleet.devices.filter((d) => d.malformed && inV1(d)).length,
      v2Devices: v2 ? fleet.devices.filter((d) => d.malformed).length : 0,
      applications: fleet.applications.length - apps.length,
      groups: fleet.groups.length - groups.length,
      users: fleet.users.filter((u) => u.malformed && listedUser(u)).length,
      deviceApps: skippedDeviceApps,
      v2DeviceApps: skippedV2DeviceApps,
    },
  };
}

export const sorted = (xs: Iterable<string>): string[] => [...xs].sort();
