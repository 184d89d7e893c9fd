/** The data model's Device.osType values. */
export const OS_TYPES = [
  'darwin',
  'linux',
  'unix',
  'windows',
  'android',
  'ios',
  'chromeos',
  'legacy',
  'embedded',
  'other',
] as const;
export type OsType = (typeof OS_TYPES)[number];

/** A timestamp in any form `toEpochMs` reads. */
export type TimestampInput = string | number | Date | null | undefined;

/** A managed device, normalized from any MDM vendor's record. Unknown values: null or omitted. */
export interface MdmDevice {
  /** Vendor device id. */
  id: string;
  /** Device name as shown in the MDM console. */
  name: string;
  displayName?: string;
  /** 'laptop' | 'desktop' | 'mobile' | 'tablet' | 'tv' | 'endpoint' ... */
  category?: string | null;
  make?: string | null;
  model?: string | null;
  serial?: string | null;
  osType?: OsType | null;
  osName?: string | null;
  osVersion?: string | null;
  osDetails?: string | null;
  platform?: string | null;
  /** Normalized to one DNS label (or null); a fully qualified name also fills `fqdn`. */
  hostname?: string | null;
  /** Fully qualified domain names; invalid ones dropped. */
  fqdn?: string | (string | null | undefined)[] | null;
  /** Any spelling; normalized to lowercase aa:bb:..; invalid dropped. */
  macAddresses?: (string | null | undefined)[];
  /** UDID, IMEI, serial ... -> the `deviceId` array; empty -> null. */
  deviceIds?: (string | null | undefined)[];
  /** Split into ipv4/ipv6/private/public arrays. */
  ipAddresses?: (string | null | undefined)[];
  lastSeenOn?: TimestampInput;
  createdOn?: TimestampInput;
  updatedOn?: TimestampInput;
  webLink?: string | null;
}

/** An application (catalog or installed), normalized. */
export interface MdmApplication {
  id: string;
  name: string;
  displayName?: string;
  version?: string | null;
  vendor?: string | null;
  /** Bundle id (Apple) or package name (Android). */
  packageName?: string | null;
  webLink?: string | null;
}

/** An MDM user (device owner or console user), normalized. */
export interface MdmUser {
  id: string;
  name?: string | null;
  email?: string | null;
  username?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  active?: boolean | null;
  webLink?: string | null;
}
