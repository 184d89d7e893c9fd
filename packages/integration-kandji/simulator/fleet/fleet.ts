import { SeededRandom, fleetRange } from '@mdm-graph/mdm-core/sim';
import { buildCatalog, type CatalogApp } from './catalog';
import type {
  Platform,
  SimApp,
  SimBlueprint,
  SimCustomProfile,
  SimDevice,
  SimDeviceFacts,
  SimDeviceUser,
  SimLicensing,
  SimUser,
} from './types';

export interface KandjiFleetOptions {
  seed?: string | number;
  /** Valid devices in the list (default 24). */
  devices?: number;
  /** Apps reported per device (default 12). */
  appsPerDevice?: number;
  /** Users in the directory (default: 3/4 of the devices, at least 3). */
  users?: number;
  blueprints?: number;
  customProfiles?: number;
  /** 2022-era int `user.id` instead of UUID strings. */
  legacyUserIds?: boolean;
  /**
   * Check-ins relative to this time (most within 3 days, a few weeks or months old), as a live
   * tenant has them: the demo passes the current time. Default: June 2024 dates that never change.
   */
  now?: Date;
  /** The last N listed devices disappear before their details/apps are read (404). */
  removedAfterList?: number;
  /** Invalid records mixed into each list (they fail the client's schemas). */
  badRecords?: {
    devices?: number;
    apps?: number;
    users?: number;
    blueprints?: number;
    customProfiles?: number;
  };
}

export interface KandjiFleet {
  seed: string;
  appsPerDevice: number;
  /** Valid devices, in list order. */
  devices: SimDevice[];
  /** What GET devices serves: valid devices with the bad records interleaved. */
  deviceListRecords: unknown[];
  facts: SimDeviceFacts[];
  users: SimUser[];
  userListRecords: unknown[];
  /** Users assigned to devices but absent from the directory (archived, deleted). */
  orphanUsers: SimDeviceUser[];
  blueprints: SimBlueprint[];
  blueprintListRecords: unknown[];
  customProfiles: SimCustomProfile[];
  customProfileListRecords: unknown[];
  licensing: SimLicensing;
  /** Device ids still listed but gone by the time details/apps are read. */
  removed: Set<string>;
  badApps: number;
  deviceIndex(id: string): number | undefined;
  /** Apps of a device (deterministic, generated on demand to keep big fleets small in memory). */
  appsOf(index: number): SimApp[];
}

const FIRST = [
  'Alice',
  'Bob',
  'Carol',
  'Dan',
  'Erin',
  'Frank',
  'Grace',
  'Heidi',
  'Ivan',
  'Judy',
  'Mallory',
  'Niaj',
  'Olivia',
  'Peggy',
  'Rupert',
  'Sybil',
  'Trent',
  'Victor',
  'Walter',
  'Yara',
];
const LAST = [
  'Anders',
  'Baker',
  'Chen',
  'Diaz',
  'Evans',
  'Fischer',
  'Garcia',
  'Hughes',
  'Ito',
  'Jones',
  'Kumar',
  'Lopez',
  'Meyer',
  'Nakamura',
  'Okafor',
  'Patel',
];
const DEPARTMENTS = ['Engineering', 'Sales', 'Finance', 'Support', 'Design'];
const TAGS = ['Engineering', 'Sales', 'Loaner', 'Executive', 'Remote'];

const MODELS: Record<Platform, { model: string; id: string; os: string; build: string }[]> = {
  Mac: [
    { model: 'MacBook Pro (14-inch, 2023)', id: 'Mac14,9', os: '14.4.1', build: '23E224' },
    { model: 'MacBook Air (M2, 2022)', id: 'Mac14,2', os: '14.3', build: '23D56' },
    { model: 'iMac (24-inch, M1, 2021)', id: 'iMac21,1', os: '13.6.4', build: '22G513' },
    { model: 'Mac mini (M2, 2023)', id: 'Mac14,3', os: '14.4.1', build: '23E224' },
  ],
  iPhone: [
    { model: 'iPhone 15 Pro', id: 'iPhone16,1', os: '17.4', build: '21E219' },
    { model: 'iPhone 13', id: 'iPhone14,5', os: '16.7.5', build: '20H307' },
  ],
  iPad: [
    { model: 'iPad Pro (11-inch) (4th generation)', id: 'iPad14,3', os: '17.4', build: '21E219' },
    { model: 'iPad Air (5th generation)', id: 'iPad13,16', os: '17.3.1', build: '21D61' },
  ],
  AppleTV: [
    { model: 'Apple TV 4K (3rd generation)', id: 'AppleTV14,1', os: '17.2', build: '21K365' },
  ],
};

const FROM = new Date('2021-01-01T00:00:00Z');
const TO = new Date('2024-06-30T00:00:00Z');

/** "2022-06-24 14:20:19.961496+00:00": Kandji's non-ISO enrollment timestamp. */
function kandjiTimestamp(d: Date, rng: SeededRandom): string {
  const iso = d.toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}.${String(rng.int(0, 999_999)).padStart(6, '0')}+00:00`;
}

function pickPlatform(rng: SeededRandom): Platform {
  const r = rng.next();
  if (r < 0.6) return 'Mac';
  if (r < 0.8) return 'iPhone';
  if (r < 0.95) return 'iPad';
  return 'AppleTV';
}

function slug(s: string): string {
  return s.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

export function generateKandjiFleet(options: KandjiFleetOptions = {}): KandjiFleet {
  const seed = String(options.seed ?? 'kandji');
  const deviceCount = options.devices ?? 24;
  const appsPerDevice = options.appsPerDevice ?? 12;
  const userCount = options.users ?? Math.max(3, Math.floor((deviceCount * 3) / 4));
  const bad = options.badRecords ?? {};
  const rng = new SeededRandom(`${seed}:tenant`);

  const users: SimUser[] = fleetRange(userCount, `${seed}:users`, (i, r) => {
    const first = FIRST[i % FIRST.length] as string;
    const last = LAST[Math.floor(i / FIRST.length) % LAST.length] as string;
    const created = r.date(FROM, TO).toISOString();
    return {
      id: r.uuid(),
      deprecated_user_id: String(29_000 + i),
      // One directory user without an email: no employee mapping for it.
      email: i === 2 ? null : `${first}.${last}${i}@example.com`.toLowerCase(),
      name: `${first} ${last}`,
      active: i % 11 !== 5,
      archived: i % 13 === 7,
      department: DEPARTMENTS[i % DEPARTMENTS.length] as string,
      job_title: i % 4 === 0 ? 'Manager' : 'Engineer',
      device_count: 0,
      integration: {
        id: 1,
        name: 'Office 365',
        uuid: '7d5e2a0f-6b0e-4c57-9f55-1c8a7fa6a001',
        type: 'office365',
      },
      created_at: created,
      updated_at: created,
    };
  });

  const blueprintNames = ['Standard Mac', 'Engineering', 'iOS Fleet', 'Kiosk', 'Executives', 'Lab'];
  const blueprints: SimBlueprint[] = fleetRange(
    options.blueprints ?? 4,
    `${seed}:blueprints`,
    (i, r) => ({
      id: r.uuid(),
      name: blueprintNames[i % blueprintNames.length] + (i >= blueprintNames.length ? ` ${i}` : ''),
      icon: 'ss-briefcase',
      color: 'aa-blue',
      description: i % 2 === 0 ? `Blueprint ${i}` : '',
      params: { [r.uuid()]: { mute: false, daily: r.bool(0.5) } },
      computers_count: 0,
      enrollment_code: { code: r.hex(6), is_active: r.bool(0.7) },
      type: i % 3 === 2 ? 'map' : 'classic',
    }),
  );

  const customProfiles: SimCustomProfile[] = fleetRange(
    options.customProfiles ?? 6,
    `${seed}:profiles`,
    (i, r) => {
      const id = r.uuid();
      const created = r.date(FROM, TO).toISOString();
      return {
        id,
        name: `Custom Profile ${i + 1}`,
        active: i % 5 !== 4,
        // The full XML plist: large, never stored on the entity.
        profile: `<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0"><dict><key>PayloadIdentifier</key><string>com.kandji.profile.custom.${id}</string>${'<key>Pad</key><string>x</string>'.repeat(40)}</dict></plist>`,
        mdm_identifier: `com.kandji.profile.custom.${id}`,
        runs_on_mac: true,
        runs_on_iphone: i % 2 === 0,
        runs_on_ipad: i % 2 === 0,
        runs_on_tv: i % 3 === 0,
        runs_on_vision: false,
        created_at: created,
        updated_at: created,
      };
    },
  );

  const orphanUsers: SimDeviceUser[] = [];
  const facts: SimDeviceFacts[] = [];
  const devices: SimDevice[] = fleetRange(deviceCount, `${seed}:devices`, (i, r) => {
    const platform = pickPlatform(r);
    const m = r.pick(MODELS[platform]);
    const serial = r.serial(platform === 'Mac' ? 12 : 10);
    let user: SimDeviceUser | '' = '';
    let legacyUserId: string | null = null;
    if (users.length > 0 && r.bool(0.8)) {
      const ui = r.int(0, users.length - 1);
      const u = users[ui] as SimUser;
      u.device_count += 1;
      user = {
        email: u.email,
        name: u.name,
        id: options.legacyUserIds ? ui + 1 : u.id,
        is_archived: u.archived,
      };
      legacyUserId = u.deprecated_user_id;
    } else if (i % 15 === 7) {
      // Assigned to someone no longer in the directory.
      user = {
        email: `former${i}@example.com`,
        name: `Former Employee ${i}`,
        id: options.legacyUserIds ? 90_000 + i : r.uuid(),
        is_archived: true,
      };
      orphanUsers.push(user);
    }
    const bp =
      blueprints.length > 0
        ? (blueprints[r.int(0, blueprints.length - 1)] as SimBlueprint)
        : undefined;
    if (bp) bp.computers_count += 1;
    const owner = user === '' ? undefined : user.name.split(' ')[0];
    const shortModel = m.model.split(' (')[0] as string;
    const name = owner ? `${owner}'s ${shortModel}` : `${shortModel} ${serial.slice(-4)}`;
    const firstEnrollment = r.date(FROM, TO);
    const lastCheckIn = options.now
      ? r.lastSeen(options.now)
      : r.date(new Date('2024-06-01T00:00:00Z'), TO);
    const applicable = customProfiles.filter((p) =>
      platform === 'Mac'
        ? p.runs_on_mac
        : platform === 'AppleTV'
          ? p.runs_on_tv
          : platform === 'iPhone'
            ? p.runs_on_iphone
            : p.runs_on_ipad,
    );
    const profileIds = r
      .shuffle([...applicable])
      .slice(0, r.int(0, Math.min(3, applicable.length)))
      .map((p) => p.id);
    const mac = platform === 'Mac';
    const filevaultEnabled = mac ? r.bool(0.85) : null;
    // Drawn from their own stream so the rest of the fleet stays as it was.
    const p = new SeededRandom(`${seed}:posture:${i}`);
    const deviceLock = r.bool(mac ? 0.1 : 0.3);
    // Kandji reports activation lock as unsupported on Apple TV (activation_lock_supported: false).
    const lockSupported = platform !== 'AppleTV';
    facts.push({
      index: i,
      modelIdentifier: m.id,
      hostname: platform === 'Mac' ? slug(name) : '',
      macAddress: r.mac(),
      ipAddress: `10.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(1, 254)}`,
      publicIp: `203.0.113.${r.int(1, 254)}`,
      udid: r.uuid().toUpperCase(),
      supervised: r.bool(0.9),
      filevaultEnabled,
      filevaultPrkEscrowed: mac ? r.bool(0.9) : null,
      activationLockEnabled: lockSupported ? deviceLock : null,
      userActivationLockEnabled: lockSupported ? p.bool(mac ? 0.1 : 0.25) : null,
      filevaultKeyType: filevaultEnabled ? 'personal' : null,
      firewallEnabled: mac ? p.bool(0.7) : null,
      gatekeeperEnabled: mac ? p.bool(0.95) : null,
      sipEnabled: mac ? p.bool(0.95) : null,
      secureBootLevel: mac ? (p.bool(0.9) ? 'full' : 'medium') : null,
      bootstrapTokenEscrowed: mac ? p.bool(0.8) : null,
      remoteDesktopEnabled: mac ? p.bool(0.2) : null,
      osBuild: m.build,
      customProfileIds: profileIds,
      legacyUserId,
    });
    return {
      device_id: r.uuid(),
      device_name: name,
      model: m.model,
      serial_number: serial,
      platform,
      os_version: m.os,
      supplemental_build_version: '',
      supplemental_os_version_extra: '',
      last_check_in: lastCheckIn.toISOString(),
      user,
      asset_tag: r.bool(0.3) ? `AT-${r.int(1000, 9999)}` : '',
      blueprint_id: bp?.id ?? '',
      blueprint_name: bp?.name ?? '',
      mdm_enabled: true,
      agent_installed: platform === 'Mac',
      is_missing: r.bool(0.03),
      is_removed: r.bool(0.02),
      agent_version: platform === 'Mac' ? '4.3.1' : '',
      first_enrollment: kandjiTimestamp(firstEnrollment, r),
      last_enrollment: kandjiTimestamp(
        new Date(Math.max(firstEnrollment.getTime(), lastCheckIn.getTime() - 86_400_000 * 30)),
        r,
      ),
      lost_mode_status: '',
      tags: r.shuffle([...TAGS]).slice(0, r.int(0, 2)),
    };
  });

  const byId = new Map(devices.map((d, i) => [d.device_id, i]));
  const removed = new Set(
    devices.slice(devices.length - (options.removedAfterList ?? 0)).map((d) => d.device_id),
  );
  if (!options.removedAfterList) removed.clear();

  const catalogSize = Math.max(appsPerDevice * 2, 40);
  const macCatalog = buildCatalog(seed, catalogSize, 'mac');
  const iosCatalog = buildCatalog(seed, catalogSize, 'ios');

  const appsOf = (index: number): SimApp[] => {
    const device = devices[index];
    if (!device) return [];
    const r = new SeededRandom(`${seed}:apps:${index}`);
    const mac = device.platform === 'Mac';
    const catalog = mac ? macCatalog : iosCatalog;
    const chosen = r.shuffle(catalog.map((_, k) => k)).slice(0, appsPerDevice);
    const apps = chosen.map((k) => toSimApp(catalog[k] as CatalogApp, r.int(0, 2), mac, r));
    // Some Macs carry a second copy of one app at another path and version.
    if (mac && appsPerDevice >= 2 && r.bool(0.15)) {
      const first = catalog[chosen[0] as number] as CatalogApp;
      const v = (Number(apps[0]?.version.split('.')[2] ?? 0) + 1) % 3;
      apps[apps.length - 1] = {
        ...toSimApp(first, v, mac, r),
        path: `/Users/Shared/Applications/${first.name}.app`,
      };
    }
    return apps;
  };

  // Bad records: a missing id fails every schema that needs one.
  const deviceListRecords: unknown[] = [...devices];
  for (let k = 0; k < (bad.devices ?? 0); k++) {
    deviceListRecords.splice(Math.min(deviceListRecords.length, 1 + k * 3), 0, {
      device_id: null,
      device_name: `Broken device ${k}`,
      platform: 'Mac',
    });
  }
  const userListRecords: unknown[] = [...users];
  for (let k = 0; k < (bad.users ?? 0); k++)
    userListRecords.splice(Math.min(userListRecords.length, 1 + k * 2), 0, {
      name: `Broken user ${k}`,
      email: 'broken@example.com',
    });
  const blueprintListRecords: unknown[] = [...blueprints];
  for (let k = 0; k < (bad.blueprints ?? 0); k++)
    blueprintListRecords.push({ id: null, name: `Broken blueprint ${k}` });
  const customProfileListRecords: unknown[] = [...customProfiles];
  for (let k = 0; k < (bad.customProfiles ?? 0); k++)
    customProfileListRecords.splice(1, 0, { id: 42, name: `Broken profile ${k}` });

  const count = (p: Platform) => devices.filter((d) => d.platform === p).length;
  const licensing: SimLicensing = {
    counts: {
      computers_count: devices.length,
      ios_count: count('iPhone'),
      ipados_count: count('iPad'),
      macos_count: count('Mac'),
      tvos_count: count('AppleTV'),
    },
    limits: {
      plan_type: 'Enterprise',
      max_devices: Math.max(100, devices.length * 2),
      max_devices_per_platform: {},
    },
    tenantOverLicenseLimit: false,
  };
  void rng;

  return {
    seed,
    appsPerDevice,
    devices,
    deviceListRecords,
    facts,
    users,
    userListRecords,
    orphanUsers,
    blueprints,
    blueprintListRecords,
    customProfiles,
    customProfileListRecords,
    licensing,
    removed,
    badApps: bad.apps ?? 0,
    deviceIndex: (id) => byId.get(id),
    appsOf,
  };
}

function toSimApp(app: CatalogApp, versionIndex: number, mac: boolean, r: SeededRandom): SimApp {
  const date = r.date(FROM, TO).toISOString();
  return {
    // Numeric string on Mac, a UUID on iPhone/iPad.
    app_id: mac ? String(1000 + app.index) : r.uuid(),
    app_name: app.name,
    bundle_id: app.bundleId,
    bundle_size: String(r.int(1, 900_000_000)),
    app_store_vendable: 'False',
    device_based_vpp: 'False',
    source: app.source,
    process: mac ? app.name : '',
    signature: mac ? app.signature : '',
    creation_date: date,
    modification_date: date,
    path: mac ? `/Applications/${app.name}.app` : '',
    version: app.versions[versionIndex] as string,
  };
}
