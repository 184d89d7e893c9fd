import { SeededRandom } from '@mdm-graph/mdm-core/sim';

/**
 * A deterministic Esper tenant: the model the simulator renders into Esper
 * JSON, and the source tests derive their expected graph from. References
 * (groups, parent, user) are ids here; the routes turn them into absolute URLs.
 */
export interface EsperFleetOptions {
  seed?: number | string;
  domain?: string;
  devices?: number;
  groups?: number;
  catalogApps?: number;
  /** Installed apps per device (catalog apps and apps not in the catalog). */
  appsPerDevice?: number;
  users?: number;
  /** Devices beside Android, listed by the v2 API only (v1 is Android-only). Default 0 each. */
  apple?: number;
  windows?: number;
  linux?: number;
  /**
   * Last-seen times relative to this time (most within 3 days, a few weeks or months old), as a
   * live tenant has them: the demo passes the current time. Default: 2025 dates that never change.
   */
  now?: Date;
  /** Records rendered with a broken `id` (null) so they fail validation: counts per list. */
  malformed?: Partial<
    Record<'devices' | 'applications' | 'groups' | 'users' | 'deviceApps', number>
  >;
}

export interface SimEnterprise {
  id: string;
  name: string;
  shortCode: string;
  createdOn: string;
  emmState: number;
  googleEnterpriseId: string;
  /** Live secrets in the real payload: they must never reach logs, entities or _rawData. */
  secrets: { signupUrl: string; completionToken: string; enterpriseToken: string };
}

export interface SimAppVersion {
  id: string;
  versionCode: string;
  buildNumber: string;
  releaseName: string;
}
export interface SimApplication {
  id: string;
  name: string;
  packageName: string;
  developer: string;
  category: string;
  isHidden: boolean;
  isActive: boolean;
  createdOn: string;
  updatedOn: string;
  versions: SimAppVersion[];
  malformed: boolean;
}

export interface SimGroup {
  id: string;
  name: string;
  description: string;
  parentId: string | null;
  path: string;
  deviceCount: number;
  childrenCount: number;
  createdOn: string;
  malformed: boolean;
}

export type SimPlatform = 'ANDROID' | 'APPLE' | 'WINDOWS' | 'LINUX';

export interface SimDevice {
  id: string;
  platform: SimPlatform;
  /** v2 `os` (Apple: iOS, iPadOS or macOS). */
  os: string;
  /** v2 `os_version` (Android: the Android version). */
  osVersion: string;
  /** v2 `last_seen`. */
  lastSeen: string;
  /** Apple only. */
  udid: string | null;
  isSupervised: boolean | null;
  /** Live secrets a v2 (and v1) device carries: they must never reach an entity, _rawData or a log. */
  secrets: {
    fcmId?: string;
    pushToken?: string;
    pushMagic?: string;
    deviceToken?: string;
    channelUri?: string;
  };
  /** Test hook: enrolled after the v1 list was read, so only v2 lists it (Android). */
  hiddenFromV1?: boolean;
  name: string;
  alias: string | null;
  state: number;
  /** false for devices whose nested info blocks are null (e.g. still onboarding). */
  hasInfo: boolean;
  brand: string;
  manufacturer: string;
  model: string;
  serial: string;
  imei1: string | null;
  imei2: string | null;
  wifiMac: string;
  ethernetMac: string | null;
  androidVersion: string;
  securityPatch: string;
  apiLevel: number;
  buildNumber: string;
  provisionedOn: string;
  createdOn: string;
  updatedOn: string;
  groupIds: string[];
  userId: number | null;
  tags: string[];
  isGms: boolean;
  malformed: boolean;
}

export interface SimDeviceApp {
  id: string;
  /** Apple devices (v2 device-apps): the app id to look up, and its version id. */
  appId?: string;
  appVersionId?: string;
  appName: string;
  packageName: string;
  versionCode: string;
  versionName: string;
  appType: 'ENTERPRISE' | 'SYSTEM' | 'USER' | 'VPP' | 'TENANT_IOS' | 'WEBCLIP';
  malformed: boolean;
}

/**
 * person: listed, a person. service / no-email: listed, not a person. device-role,
 * google-role, no-authn: accounts Esper's own tool filters out (exclude_enterprise_device_role,
 * exclude_google_roles, authn_user_id_null=false); listed only when a filter is not sent.
 */
export type SimUserKind =
  'person' | 'service' | 'no-email' | 'device-role' | 'google-role' | 'no-authn';

export interface SimUser {
  id: number;
  kind: SimUserKind;
  /** Secret of the v1 user object (esper-api.md): never in an entity, _rawData or a log. */
  token: string;
  username: string;
  email: string;
  firstName: string;
  lastName: string;
  isActive: boolean;
  isStaff: boolean;
  isSuperuser: boolean;
  role: string;
  lastLogin: string | null;
  malformed: boolean;
}

/** An Apple app the tenant-app (TENANT_IOS) or iTunes-app (VPP) lookup names. */
export interface SimAppleApp {
  id: string;
  kind: 'TENANT_IOS' | 'VPP' | 'WEBCLIP';
  bundleId: string;
  name: string;
  version: string;
}

export interface EsperFleet {
  seed: number | string;
  domain: string;
  enterprise: SimEnterprise;
  applications: SimApplication[];
  groups: SimGroup[];
  devices: SimDevice[];
  users: SimUser[];
  appleApps: SimAppleApp[];
  appsPerDevice: number;
  /** Installed apps of one device (generated on demand from the seed; stable). */
  deviceApps(deviceId: string): SimDeviceApp[];
  /** Every secret string the fleet contains, for leak assertions. */
  secrets(): string[];
}

const EPOCH_FROM = new Date('2021-01-01T00:00:00Z');
const EPOCH_TO = new Date('2025-06-01T00:00:00Z');
const BRANDS = [
  { brand: 'samsung', manufacturer: 'samsung', models: ['SM-T510', 'SM-X200', 'SM-G991B'] },
  { brand: 'Zebra', manufacturer: 'Zebra Technologies', models: ['TC52', 'TC57', 'ET40'] },
  { brand: 'Lenovo', manufacturer: 'LENOVO', models: ['TB-X606F', 'TB-8505F'] },
  { brand: 'google', manufacturer: 'Google', models: ['Pixel 6', 'Pixel 7a'] },
] as const;
const ANDROID = [
  { version: '10', api: 29 },
  { version: '11', api: 30 },
  { version: '12', api: 31 },
  { version: '13', api: 33 },
  { version: '14', api: 34 },
] as const;
/** Online and Offline dominate; the rest of DeviceStateEnum appears now and then. */
const STATES = [
  1, 1, 1, 1, 1, 1, 60, 60, 60, 20, 30, 40, 50, 70, 80, 90, 100, 120, 150, 200,
] as const;
const FIRST = [
  'Ada',
  'Grace',
  'Alan',
  'Linus',
  'Margaret',
  'Ken',
  'Barbara',
  'Dennis',
  'Radia',
  'Edsger',
];
const LAST = [
  'Lovelace',
  'Hopper',
  'Turing',
  'Torvalds',
  'Hamilton',
  'Thompson',
  'Liskov',
  'Ritchie',
  'Perlman',
  'Dijkstra',
];
const ROLES = ['Enterprise Admin', 'Group Viewer', 'Viewer', 'Operator'];
const CATEGORIES = ['Business', 'Productivity', 'Tools', 'Communication'];

const iso = (d: Date) => d.toISOString().replace('Z', '000Z'); // Esper sends microseconds
const luhnImei = (rng: SeededRandom): string => {
  const digits = Array.from({ length: 14 }, () => rng.int(0, 9));
  const sum = digits.reduce((acc, d, i) => {
    const v = i % 2 === 1 ? d * 2 : d;
    return acc + (v > 9 ? v - 9 : v);
  }, 0);
  return digits.join('') + String((10 - (sum % 10)) % 10);
};

/** Marks `count` distinct records as malformed, deterministically. */
function markMalformed<T extends { malformed: boolean }>(
  items: T[],
  count: number | undefined,
  rng: SeededRandom,
): void {
  if (!count) return;
  const picks = rng.shuffle(items.map((_, i) => i)).slice(0, count);
  for (const i of picks) {
    const item = items[i];
    if (item) item.malformed = true;
  }
}

function makeEnterprise(rng: SeededRandom, domain: string): SimEnterprise {
  return {
    id: rng.uuid(),
    name: `${domain[0]?.toUpperCase() ?? ''}${domain.slice(1)} Logistics`,
    shortCode: rng.hex(6).toUpperCase(),
    createdOn: iso(rng.date(EPOCH_FROM, new Date('2021-06-01T00:00:00Z'))),
    emmState: 4,
    googleEnterpriseId: `LC0${rng.hex(7)}`,
    secrets: {
      signupUrl: `https://play.google.com/work/adminsignup?token=SIGNUP-${rng.hex(24)}`,
      completionToken: `COMPLETION-${rng.hex(32)}`,
      enterpriseToken: `ENTERPRISE-${rng.hex(32)}`,
    },
  };
}

function makeApplications(rng: SeededRandom, count: number): SimApplication[] {
  const apps: SimApplication[] = [
    // Esper's own agent is in every catalog, hidden (Esper marks its system apps is_hidden=true).
    {
      id: rng.uuid(),
      name: 'Esper Device Management',
      packageName: 'io.shoonya.shoonyadpc',
      developer: 'Esper',
      category: 'Tools',
      isHidden: true,
      isActive: true,
      createdOn: iso(rng.date(EPOCH_FROM, EPOCH_TO)),
      updatedOn: iso(rng.date(EPOCH_FROM, EPOCH_TO)),
      versions: [
        { id: rng.uuid(), versionCode: '7.4.2', buildNumber: '74200', releaseName: 'Production' },
      ],
      malformed: false,
    },
  ];
  for (let i = 1; i < count; i++) {
    const versions = Array.from({ length: rng.int(1, 3) }, (_, v) => ({
      id: rng.uuid(),
      versionCode: `${1 + v}.${rng.int(0, 9)}.${rng.int(0, 20)}`,
      buildNumber: String(100 + v * 10 + rng.int(0, 9)),
      releaseName: v === 0 ? 'Production' : 'Beta',
    }));
    apps.push({
      id: rng.uuid(),
      name: `Fleet App ${i}`,
      packageName: `com.acme.fleet.app${i}`,
      developer: 'Acme Mobile',
      category: rng.pick(CATEGORIES),
      isHidden: false,
      isActive: rng.bool(0.9),
      createdOn: iso(rng.date(EPOCH_FROM, EPOCH_TO)),
      updatedOn: iso(rng.date(EPOCH_FROM, EPOCH_TO)),
      versions,
      malformed: false,
    });
  }
  return apps;
}

/** A forest: the first group and every fourth are roots, others hang under an earlier group. */
function makeGroups(rng: SeededRandom, count: number): SimGroup[] {
  const groups: SimGroup[] = [];
  for (let i = 0; i < count; i++) {
    const parent = i % 4 === 0 ? undefined : groups[rng.int(0, i - 1)];
    const name = `Site ${String.fromCharCode(65 + (i % 26))}${i >= 26 ? Math.floor(i / 26) : ''}`;
    groups.push({
      id: rng.uuid(),
      name,
      description: `Devices at ${name}`,
      parentId: parent?.id ?? null,
      path: parent ? `${parent.path}/${name}` : name,
      deviceCount: 0,
      childrenCount: 0,
      createdOn: iso(rng.date(EPOCH_FROM, EPOCH_TO)),
      malformed: false,
    });
  }
  for (const g of groups) {
    const parent = groups.find((p) => p.id === g.parentId);
    if (parent) parent.childrenCount++;
  }
  return groups;
}

function makeUsers(rng: SeededRandom, count: number, extra: SeededRandom): SimUser[] {
  return Array.from({ length: count }, (_, i) => {
    const firstName = FIRST[i % FIRST.length] ?? 'Test';
    const lastName = LAST[(i * 3) % LAST.length] ?? 'User';
    const suffix = i >= FIRST.length ? String(i) : '';
    return {
      id: 5 + i * 3, // integer ids with gaps, as in /api/user/{int}/
      kind: 'person' as const,
      token: `USERTOKEN-${extra.hex(24)}`,
      username: `${firstName}.${lastName}${suffix}`.toLowerCase(),
      email: `${firstName}.${lastName}${suffix}@acme.example`.toLowerCase(),
      firstName,
      lastName,
      isActive: rng.bool(0.85),
      isStaff: false,
      isSuperuser: i === 0,
      role: i === 0 ? 'Enterprise Admin' : rng.pick(ROLES),
      lastLogin: rng.bool(0.8) ? iso(rng.date(EPOCH_FROM, EPOCH_TO)) : null,
      malformed: false,
    };
  });
}

/**
 * Accounts that are not people, appended after the people (deterministic, no randomness):
 * two listed (a service mailbox, an account without email) and three that Esper's own tool
 * filters out server-side.
 */
function makeNonPersonAccounts(firstId: number, domain: string, extra: SeededRandom): SimUser[] {
  const base = {
    firstName: '',
    lastName: '',
    isActive: true,
    isStaff: false,
    isSuperuser: false,
    role: 'Viewer',
    lastLogin: null,
    malformed: false,
  };
  const accounts: [SimUserKind, string, string][] = [
    ['service', 'api-sync', `api-sync@${domain}.example`],
    ['no-email', 'kiosk-ops', ''],
    ['device-role', 'device-0001', `device-0001@${domain}.example`],
    ['device-role', 'device-0002', `device-0002@${domain}.example`],
    ['google-role', 'google-play-sync', `google-play-sync@${domain}.example`],
    ['no-authn', 'pending.invite', `pending.invite@${domain}.example`],
  ];
  return accounts.map(([kind, username, email], i) => ({
    ...base,
    id: firstId + i * 3,
    kind,
    token: `USERTOKEN-${extra.hex(24)}`,
    username,
    email,
  }));
}

const APPLE_MODELS = [
  { os: 'iOS', models: ['iPhone14,5', 'iPhone15,2'], versions: ['17.5.1', '18.1'] },
  { os: 'iPadOS', models: ['iPad13,18', 'iPad14,1'], versions: ['17.6', '18.0.1'] },
  { os: 'macOS', models: ['MacBookPro18,3', 'Mac14,3'], versions: ['14.6.1', '15.1'] },
] as const;
const OTHER_OS = {
  WINDOWS: {
    os: 'Windows',
    brands: ['Dell', 'Lenovo'],
    models: ['OptiPlex 7010', 'ThinkCentre M70q'],
    versions: ['10.0.19045', '10.0.22631'],
  },
  LINUX: {
    os: 'Linux',
    brands: ['Raspberry Pi', 'Advantech'],
    models: ['Raspberry Pi 4 Model B', 'UTC-520'],
    versions: ['6.1.0', '5.15.0'],
  },
} as const;
/** Apple, Windows and Linux use 0, 1, 20, 70, 80, 90, 100, 200 (esper-cli spec). */
const OTHER_STATES = [1, 1, 1, 1, 1, 1, 20, 70, 80, 90, 100, 200] as const;
const LAST_SEEN_FROM = new Date('2025-03-01T00:00:00Z');

function makeOtherDevice(
  i: number,
  platform: 'APPLE' | 'WINDOWS' | 'LINUX',
  rng: SeededRandom,
  groups: SimGroup[],
  now?: Date,
): SimDevice {
  const id = rng.uuid();
  const provisioned = rng.date(EPOCH_FROM, new Date('2024-06-01T00:00:00Z'));
  const apple = platform === 'APPLE' ? rng.pick(APPLE_MODELS) : undefined;
  const other = platform === 'APPLE' ? undefined : OTHER_OS[platform];
  const model = apple ? rng.pick(apple.models) : rng.pick(other?.models ?? ['']);
  const groupId = groups.length > 0 && rng.bool(0.8) ? rng.pick(groups).id : undefined;
  return {
    id,
    platform,
    os: apple?.os ?? other?.os ?? '',
    osVersion: rng.pick(apple?.versions ?? other?.versions ?? ['1.0']),
    lastSeen: iso(now ? rng.lastSeen(now) : rng.date(LAST_SEEN_FROM, EPOCH_TO)),
    udid: apple ? `0000${rng.hex(4)}-${rng.hex(16)}`.toUpperCase() : null,
    isSupervised: apple ? rng.bool(0.8) : null,
    secrets: apple
      ? {
          pushToken: `PUSHTOKEN-${rng.hex(32)}`,
          pushMagic: `PUSHMAGIC-${rng.uuid()}`,
          deviceToken: `DEVICETOKEN-${rng.hex(32)}`,
        }
      : platform === 'WINDOWS'
        ? { channelUri: `https://wns2-by3p.notify.windows.com/w/?token=CHANNEL-${rng.hex(32)}` }
        : {},
    name: `${platform === 'APPLE' ? 'APL' : platform === 'WINDOWS' ? 'WIN' : 'LNX'}-${rng.hex(3).toUpperCase()}-${String(i).padStart(4, '0')}`,
    alias: rng.bool(0.3) ? `Front desk ${i}` : null,
    state: rng.pick(OTHER_STATES),
    hasInfo: true,
    brand: apple ? 'Apple' : rng.pick(other?.brands ?? ['']),
    manufacturer: apple ? 'Apple Inc.' : rng.pick(other?.brands ?? ['']),
    model,
    serial: rng.serial(12),
    imei1: apple?.os === 'iOS' ? luhnImei(rng) : null,
    imei2: null,
    wifiMac: rng.mac(),
    ethernetMac: platform === 'APPLE' && apple?.os !== 'macOS' ? null : rng.mac(),
    androidVersion: '',
    securityPatch: '',
    apiLevel: 0,
    buildNumber: '',
    provisionedOn: iso(provisioned),
    createdOn: iso(provisioned),
    updatedOn: iso(rng.date(provisioned, EPOCH_TO)),
    groupIds: groupId ? [groupId] : [],
    userId: null,
    tags: [],
    isGms: false,
    malformed: false,
  };
}

function makeDevice(
  i: number,
  rng: SeededRandom,
  groups: SimGroup[],
  users: SimUser[],
  extra: SeededRandom,
  now?: Date,
): SimDevice {
  const hw = rng.pick(BRANDS);
  const os = rng.pick(ANDROID);
  const state = rng.pick(STATES);
  const provisioned = rng.date(EPOCH_FROM, new Date('2024-06-01T00:00:00Z'));
  const roll = rng.next();
  // 10 % in no group, 70 % in one, 20 % in two.
  const groupCount =
    groups.length === 0 ? 0 : roll < 0.1 ? 0 : roll < 0.8 ? 1 : Math.min(2, groups.length);
  const groupIds = rng.shuffle(groups.map((g) => g.id)).slice(0, groupCount);
  const user = users.length > 0 && rng.bool(0.5) ? rng.pick(users) : undefined;
  const serial = rng.serial(11);
  const model = rng.pick(hw.models);
  return {
    id: rng.uuid(),
    platform: 'ANDROID',
    os: 'Android',
    osVersion: os.version,
    lastSeen: iso(now ? extra.lastSeen(now) : extra.date(LAST_SEEN_FROM, EPOCH_TO)),
    udid: null,
    isSupervised: null,
    secrets: { fcmId: `FCM-${extra.hex(40)}` },
    name: `ESR-${rng.hex(3).toUpperCase()}-${String(i).padStart(4, '0')}`,
    alias: rng.bool(0.4) ? `Scanner ${i}` : null,
    state,
    // Devices early in onboarding have not reported hardware/software yet.
    hasInfo: !(state >= 30 && state <= 50) && rng.bool(0.97),
    brand: hw.brand,
    manufacturer: hw.manufacturer,
    model,
    serial,
    imei1: rng.bool(0.7) ? luhnImei(rng) : null,
    imei2: rng.bool(0.2) ? luhnImei(rng) : null,
    wifiMac: rng.mac().toUpperCase(), // Android reports upper-case MACs
    ethernetMac: rng.bool(0.1) ? rng.mac().toUpperCase() : null,
    androidVersion: os.version,
    securityPatch: `20${rng.int(22, 25)}-${String(rng.int(1, 12)).padStart(2, '0')}-01`,
    apiLevel: os.api,
    buildNumber: `${model}.${rng.hex(6).toUpperCase()}`,
    provisionedOn: iso(provisioned),
    createdOn: iso(provisioned),
    updatedOn: iso(rng.date(provisioned, EPOCH_TO)),
    groupIds,
    userId: user?.id ?? null,
    tags: rng.bool(0.3) ? ['warehouse'] : [],
    isGms: rng.bool(0.9),
    malformed: false,
  };
}

/** Apps that devices run but the enterprise catalog does not list (system and Play apps). */
const PUBLIC_APPS = Array.from({ length: 60 }, (_, i) => ({
  appName: i === 0 ? 'Chrome' : i === 1 ? 'Google Play services' : `Public App ${i}`,
  packageName:
    i === 0 ? 'com.android.chrome' : i === 1 ? 'com.google.android.gms' : `org.example.public${i}`,
  appType: (i < 10 ? 'SYSTEM' : 'USER') as SimDeviceApp['appType'],
}));

/** Tenant (TENANT_IOS) and store (VPP) apps Apple devices run, and one web clip. */
function makeAppleApps(rng: SeededRandom): SimAppleApp[] {
  const tenant = ['Acme Field Service', 'Acme Inventory', 'Acme Badge'].map((name, i) => ({
    id: rng.uuid(),
    kind: 'TENANT_IOS' as const,
    bundleId: `com.acme.ios.app${i + 1}`,
    name,
    version: `2.${i}.${rng.int(0, 9)}`,
  }));
  const vpp = [
    ['Microsoft Teams', 'com.microsoft.skype.teams'],
    ['Slack', 'com.tinyspeck.chatlyio'],
    ['Zoom', 'us.zoom.videomeetings'],
  ].map(([name, bundleId]) => ({
    id: String(rng.int(100_000_000, 999_999_999)),
    kind: 'VPP' as const,
    bundleId: bundleId ?? '',
    name: name ?? '',
    version: `${rng.int(1, 9)}.${rng.int(0, 9)}`,
  }));
  const webclip = {
    id: rng.uuid(),
    kind: 'WEBCLIP' as const,
    bundleId: '',
    name: 'Intranet',
    version: '',
  };
  return [...tenant, ...vpp, webclip];
}

export function generateFleet(options: EsperFleetOptions = {}): EsperFleet {
  const seed = options.seed ?? 1;
  const domain = options.domain ?? 'acme';
  const rng = new SeededRandom(`esper:${seed}`);
  const enterprise = makeEnterprise(rng, domain);
  const applications = makeApplications(rng, Math.max(1, options.catalogApps ?? 12));
  const groups = makeGroups(rng, options.groups ?? 6);
  const extra = new SeededRandom(`esper:${seed}:v2`);
  const people = makeUsers(rng, options.users ?? 8, extra);
  const lastId = people.at(-1)?.id ?? 2;
  const users =
    people.length > 0 ? [...people, ...makeNonPersonAccounts(lastId + 3, domain, extra)] : people;
  const devices = Array.from({ length: options.devices ?? 30 }, (_, i) =>
    makeDevice(i, rng, groups, people, extra, options.now),
  );
  const multiOs = new SeededRandom(`esper:${seed}:multi-os`);
  for (const [platform, count] of [
    ['APPLE', options.apple ?? 0],
    ['WINDOWS', options.windows ?? 0],
    ['LINUX', options.linux ?? 0],
  ] as const) {
    for (let i = 0; i < count; i++) {
      devices.push(makeOtherDevice(devices.length, platform, multiOs, groups, options.now));
    }
  }
  const appleApps = makeAppleApps(multiOs);
  for (const d of devices) {
    for (const gid of d.groupIds) {
      const g = groups.find((x) => x.id === gid);
      if (g) g.deviceCount++;
    }
  }
  const malformed = options.malformed ?? {};
  markMalformed(devices, malformed.devices, rng);
  markMalformed(applications, malformed.applications, rng);
  markMalformed(groups, malformed.groups, rng);
  markMalformed(people, malformed.users, rng);
  const appsPerDevice = options.appsPerDevice ?? 5;
  const malformedDeviceApps = new Set(
    rng.shuffle(devices.map((d) => d.id)).slice(0, malformed.deviceApps ?? 0),
  );
  const appCache = new Map<string, SimDeviceApp[]>();

  const deviceApps = (deviceId: string): SimDeviceApp[] => {
    const cached = appCache.get(deviceId);
    if (cached) return cached;
    const platform = devices.find((d) => d.id === deviceId)?.platform;
    if (platform === 'WINDOWS' || platform === 'LINUX') return [];
    if (platform === 'APPLE') {
      const r = new SeededRandom(`esper:${seed}:apple-apps:${deviceId}`);
      const apps = r
        .shuffle([...appleApps])
        .slice(0, Math.min(appleApps.length, appsPerDevice))
        .map((a): SimDeviceApp => ({
          id: r.uuid(),
          appId: a.id,
          appVersionId: r.uuid(),
          appName: a.name,
          packageName: a.bundleId,
          versionName: a.version,
          versionCode: a.version,
          appType: a.kind,
          malformed: false,
        }));
      const first = apps[0];
      if (malformedDeviceApps.has(deviceId) && first) first.malformed = true;
      appCache.set(deviceId, apps);
      return apps;
    }
    const r = new SeededRandom(`esper:${seed}:apps:${deviceId}`);
    type Candidate = {
      appName: string;
      packageName: string;
      appType: SimDeviceApp['appType'];
      versions?: SimAppVersion[];
    };
    const catalog: Candidate[] = applications.map((a) => ({
      appName: a.name,
      packageName: a.packageName,
      appType: 'ENTERPRISE' as const,
      versions: a.versions,
    }));
    // About a third from the catalog (always including Esper's agent), the rest public apps.
    const fromCatalog = Math.min(catalog.length, Math.max(1, Math.round(appsPerDevice / 3)));
    const picked: (Candidate | undefined)[] = [
      ...[catalog[0], ...r.shuffle(catalog.slice(1))].slice(0, fromCatalog),
      ...r.shuffle([...PUBLIC_APPS]).slice(0, Math.max(0, appsPerDevice - fromCatalog)),
    ].slice(0, appsPerDevice);
    const apps = picked.flatMap((p): SimDeviceApp[] => {
      if (!p) return [];
      const version = p.versions && p.versions.length > 0 ? r.pick(p.versions) : undefined;
      const versionName = version?.versionCode ?? `${r.int(1, 30)}.${r.int(0, 9)}.${r.int(0, 99)}`;
      return [
        {
          id: r.uuid(),
          appName: p.appName,
          packageName: p.packageName,
          versionName,
          versionCode: version?.buildNumber ?? String(r.int(1000, 99999)),
          appType: p.appType,
          malformed: false,
        },
      ];
    });
    const first = apps[0];
    if (malformedDeviceApps.has(deviceId) && first) first.malformed = true;
    appCache.set(deviceId, apps);
    return apps;
  };

  return {
    seed,
    domain,
    enterprise,
    applications,
    groups,
    devices,
    users,
    appleApps,
    appsPerDevice,
    deviceApps,
    secrets: () => [
      ...Object.values(enterprise.secrets),
      ...users.map((u) => u.token),
      ...devices.flatMap((d) => Object.values(d.secrets)),
    ],
  };
}
