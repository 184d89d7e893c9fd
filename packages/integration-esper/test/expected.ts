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
  userEmails: string[];
  skipped: {
    devices: number;
    applications: number;
    groups: number;
    users: number;
    deviceApps: number;
  };
}

const pad = (key: string) => (key.length >= 10 ? key : key.padEnd(10, '_'));
const has = (from: string, to: string) => `${from}|has|${to}`;

export function expectedGraph(fleet: EsperFleet): ExpectedGraph {
  const account = pad(`esper_account:${fleet.enterprise.id}`);
  const apps = fleet.applications.filter((a) => !a.malformed);
  const groups = fleet.groups.filter((g) => !g.malformed);
  const devices = fleet.devices.filter((d) => !d.malformed);
  const users = fleet.users.filter((u) => !u.malformed);
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
  for (const d of devices) {
    for (const app of fleet.deviceApps(d.id)) {
      if (app.malformed) {
        skippedDeviceApps++;
        continue;
      }
      let key = catalogByPackage.get(app.packageName);
      if (!key) {
        key = pad(`esper_application:package:${app.packageName}`);
        uncataloged.add(key);
      }
      const rel = has(deviceKey(d.id), key);
      deviceHasApplication.push(rel);
      installedVersions.set(rel, app.versionName);
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
    groupHasDevice: devices.flatMap((d) =>
      d.groupIds
        .filter((gid) => validGroups.has(gid))
        .map((gid) => has(groupKey(gid), deviceKey(d.id))),
    ),
    // From the device list alone: complete whether the directory was read or not.
    userHasDevice: devices
      .filter((d) => d.userId !== null)
      .map((d) => has(userKey(d.userId ?? 0), deviceKey(d.id))),
    deviceHasApplication,
    installedVersions,
    userEmails: users.map((u) => u.email),
    skipped: {
      devices: fleet.devices.length - devices.length,
      applications: fleet.applications.length - apps.length,
      groups: fleet.groups.length - groups.length,
      users: fleet.users.length - users.length,
      deviceApps: skippedDeviceApps,
    },
  };
}

export const sorted = (xs: Iterable<string>): string[] => [...xs].sort();
