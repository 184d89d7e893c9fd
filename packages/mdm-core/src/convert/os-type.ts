import { OS_TYPES, type OsType } from './model';

const KNOWN = new Set<string>(OS_TYPES);

// Vendor spellings of OS names/platforms -> data-model osType. Apple's iPadOS is iOS underneath; tvOS,
// watchOS and visionOS are not what J1 queries mean by "ios" devices, so they map to 'other'.
const ALIASES: Record<string, OsType> = {
  mac: 'darwin',
  macos: 'darwin',
  'mac os': 'darwin',
  'mac os x': 'darwin',
  osx: 'darwin',
  'os x': 'darwin',
  darwin: 'darwin',
  ios: 'ios',
  ipados: 'ios',
  iphone: 'ios',
  ipad: 'ios',
  ipod: 'ios',
  android: 'android',
  windows: 'windows',
  win32: 'windows',
  chromeos: 'chromeos',
  'chrome os': 'chromeos',
  linux: 'linux',
  tvos: 'other',
  appletv: 'other',
  watchos: 'other',
  visionos: 'other',
};

/** Best-effort osType from a vendor OS name or platform ("macOS", "iPadOS", "Android 14"); unknown -> null. */
export function toOsType(v: unknown): OsType | null {
  if (typeof v !== 'string') return null;
  const s = v.trim().toLowerCase();
  if (KNOWN.has(s)) return s as OsType;
  if (ALIASES[s]) return ALIASES[s];
  const firstWord = s.split(/[\s\d]/)[0] ?? '';
  return ALIASES[firstWord] ?? null;
}

/** The value if it is one of the data model's osType values, else null. */
export function asOsType(v: unknown): OsType | null {
  return typeof v === 'string' && KNOWN.has(v) ? (v as OsType) : null;
}
