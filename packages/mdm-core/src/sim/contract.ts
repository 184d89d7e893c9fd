import type { Latency, SimFault, SimServer, SimStats } from './types';

/**
 * The registry contract: what every integration's `simulator/index.ts` exports (as `simulator`)
 * so that tooling (the demo, the reliability matrix, benchmarks, the release checks) starts any
 * registered vendor's simulated tenant without naming the vendor. The vendor's own
 * `start<Vendor>Simulator` stays the full-featured entry; this is the common subset plus a
 * pass-through for vendor-specific cases.
 */

/** Presets a vendor may define beside its simulator (`IntegrationSimulator.profiles`). */
export type SimulatorProfileName =
  /** `npm run demo`: a realistic tenant (the vendor's usual mix of platforms and data). */
  | 'demo'
  /** The reliability matrix: a small fleet whose every list has several pages, no latency. */
  | 'matrix'
  /** The scale benchmark: the vendor's figures for a large tenant (devices come from the caller). */
  | 'scale'
  /** The release consumer test: every entity type of the data model present at least once. */
  | 'consumer';

/** Options every registered simulator takes. */
export interface SimulatorStartOptions {
  /** A preset (applied first; the options below override it). */
  profile?: SimulatorProfileName;
  seed?: string;
  /** Devices in the tenant. */
  devices?: number;
  /** Installed apps per device (vendors without app inventory ignore it). */
  appsPerDevice?: number;
  latencyMs?: Latency;
  /** The vendor's documented server-side rate limits on (`true`, the default where it has any) or off. */
  rateLimit?: boolean;
  /** Device check-ins relative to this time (default: the vendor's fixed dates). */
  now?: Date;
  /** Vendor permissions (from `IntegrationSimulator.permissions`) the credential lacks: those endpoints answer 403. */
  deniedPermissions?: string[];
  /** The API credential the tenant accepts (default: derived from the seed). */
  token?: string;
  /** Server cap on a list's page size (below what the client asks: every record must still be read). */
  maxPageSize?: number;
  faults?: SimFault[];
  host?: string;
  port?: number;
  /** Vendor-native simulator options, applied last (vendor-specific cases only). */
  vendor?: Record<string, unknown>;
}

/** A started simulated tenant. */
export interface RunningSimulator {
  /** The API base URL a user configures (e.g. `http://127.0.0.1:PORT/api/v1`). */
  url: string;
  server: SimServer;
  /** Environment of a collection against this tenant: the integration's instance config variables. */
  env: Record<string, string>;
  /** The same environment with the API base at another URL (a proxy in front of this tenant). */
  envAt(apiUrl: string): Record<string, string>;
  /** Credential values of `env` that must never appear in logs, errors or graph files. */
  secrets: string[];
  stats(): SimStats;
  close(): Promise<void>;
  /** The vendor's own simulator handle (`start<Vendor>Simulator`'s result), for vendor-specific cases. */
  native: unknown;
}

/** Vendor facts the generic reliability cases need (each optional: a case without its fact is not run). */
export interface SimulatorCapabilities {
  /** Route (simulator route name) of the device list. */
  deviceListRoute?: string;
  /** Request path of the device list's pages, as a regular expression source. */
  deviceListPath?: string;
  /** Two device-list records that fail the client's schema, each carrying `canary` in some field. */
  invalidDeviceRecords?(canary: string): unknown[];
  /**
   * A list whose failure some steps do not depend on: the simulator route name, and the text
   * the failed step's error uses to name the endpoint.
   */
  independentList?: { route: string; errorNames: string };
  /** A permission the integration treats as optional (a 403 makes its types partial, the rest ingests). */
  optionalPermission?: { permission: string; label: string };
  /** Config variable of the API credential (named by authentication errors). */
  credentialEnv?: string;
  /** The integration's request timeout setting (seconds) as an environment variable. */
  requestTimeoutEnv?: string;
  /**
   * Completeness: vendor-native options that end the device list(s) after `cut` devices while the
   * vendor's own count still says the whole fleet, and how the failed step's error names the list:
   * `<endpoint> announced <N> <resource> record(s) … but <cut> were received`.
   */
  cutShortDeviceList?: {
    vendor(cut: number): Record<string, unknown>;
    /** The device entity `_type`. */
    deviceType: string;
    /** The endpoint as the error names it (a regular expression source). */
    endpoint: string;
    resource: string;
    /** Devices ingested after the cut when several lists are cut separately (default: `cut`). */
    ingested?(native: unknown, cut: number): number;
    /** Further log text (regular expression sources) the cut must produce. */
    alsoLogged?(cut: number): string[];
  };
  /**
   * How a generic reliability case is produced on this vendor, where that says more than the
   * case's generic text (docs/reliability.md), by case, e.g. `{ 'PL-5': '…' }`.
   */
  caseNotes?: Record<string, string>;
}

/** What an integration's `simulator/index.ts` exports as `simulator`. */
export interface IntegrationSimulator {
  /** The integration id (integrations.json). */
  id: string;
  start(options?: SimulatorStartOptions): Promise<RunningSimulator>;
  /**
   * Presets `start({ profile })` knows: a line telling a user what the preset shows (the demo
   * prints it; the scale benchmark names its mode with it), and its usual number of devices.
   */
  profiles: Partial<Record<SimulatorProfileName, { note?: string; devices?: number }>>;
  /** Permission names `deniedPermissions` accepts. */
  permissions: readonly string[];
  capabilities: SimulatorCapabilities;
}
