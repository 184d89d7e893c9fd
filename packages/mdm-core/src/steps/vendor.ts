import {
  type IntegrationExecutionContext,
  type IntegrationInstanceConfig,
} from '@jupiterone/integration-sdk-core';
import { isApiCallError } from '../http/errors';
import { toJupiterOneError } from '../http/to-jupiterone-error';

/** What the step layer needs of a J1 context: its logger and the instance config. */
export type StepScopeContext<
  TConfig extends IntegrationInstanceConfig = IntegrationInstanceConfig,
> = Pick<IntegrationExecutionContext<TConfig>, 'logger' | 'instance'>;

/**
 * An endpoint as the step layer names it in warnings and errors. Declared once per endpoint
 * (next to its path in client.ts), so the warning, the step error and the docs say the same.
 */
export interface EndpointInfo {
  /** As the user reads it, e.g. "GET users" or "GET https://acme-api.esper.cloud/api/v0/users/". */
  endpoint: string;
  /** The vendor permission the call needs, as the vendor's console names it, e.g. "Users". */
  permission: string;
}

/** An optional endpoint: without it the step still ingests the rest. */
export interface OptionalEndpoint extends EndpointInfo {
  /** What is not ingested without it, e.g. "the user directory". */
  skipped: string;
  /** The ingestion source that switches this data off, e.g. "users" (when there is one). */
  source?: string;
}

/** One optional endpoint that was refused (403) or is absent on this tenant (404). */
export interface Unavailable extends OptionalEndpoint {
  status: 403 | 404;
  /** The first refusal, kept as the cause of the step error. */
  cause?: unknown;
}

/** The sentences of the step layer; each has a default in the vendor's words (see VendorDescriptor). */
export interface VendorMessages {
  /** The warning for a refused (403) optional endpoint, logged and published once per endpoint. */
  refused(u: Unavailable, vendor: Vendor): string;
  /** The warning for an absent (404) optional endpoint. */
  absent(u: Unavailable, vendor: Vendor): string;
  /** statusText of the IntegrationProviderAuthorizationError that ends a step with refusals. */
  refusedStatusText(refused: readonly Unavailable[], vendor: Vendor): string;
  /** statusText of the IntegrationProviderAPIError that ends a step with only absent endpoints. */
  absentStatusText(absent: readonly Unavailable[], vendor: Vendor): string;
}

/**
 * The vendor's words, declared once per integration: every message of the step layer
 * (warnings, step errors, preflight, skipped records) is built from it.
 */
export interface VendorDescriptor<
  TConfig extends IntegrationInstanceConfig = IntegrationInstanceConfig,
> {
  /** e.g. "Kandji". */
  name: string;
  /** What the user configures, e.g. "API token", "API key". */
  credential: string;
  /** Where a permission is granted, e.g. "Kandji Settings > Access". */
  grantWhere: string;
  /**
   * The setting(s) to fix on a 401, as the config form and the env var name them, e.g.
   * "accessToken (ACCESS_TOKEN)"; a function when it depends on the instance config (OAuth2 or token).
   */
  credentialField: string | ((instanceConfig: TConfig) => string);
  /** How a missing permission reads after "the API token": default `lacks the "X" permission`. */
  lacksPermission?: (permission: string) => string;
  /** Overrides of single sentences (a vendor keeping its own wording). */
  messages?: Partial<VendorMessages>;
}

/** A vendor descriptor with its defaults filled in and the helpers built on it. */
export interface Vendor<TConfig extends IntegrationInstanceConfig = IntegrationInstanceConfig> {
  readonly name: string;
  readonly credential: string;
  readonly grantWhere: string;
  readonly messages: VendorMessages;
  lacksPermission(permission: string): string;
  /** `grant "X" to the API token (Kandji Settings > Access)[, or switch off the "s" ingestion source]`. */
  fixes(p: { permission: string; source?: string }): string;
  /** The credential setting to name on a 401 for this instance config. */
  credentialFieldFor(instanceConfig?: TConfig): string | undefined;
  /**
   * The one mapping to J1 errors for this vendor's calls (mdm-core's toJupiterOneError):
   * 401 names the credential setting, 403 the permission, anything else keeps its class.
   */
  toJupiterOneError(
    err: unknown,
    endpoint?: Partial<EndpointInfo>,
    instanceConfig?: TConfig,
  ): Error;
}

const list = (items: readonly string[]): string => items.join(', ');

/** The default sentences (the Kandji wording of session 3, vendor-neutral). */
export const defaultVendorMessages: VendorMessages = {
  refused: (u, v) =>
    `${v.name} ${v.credential} ${v.lacksPermission(u.permission)} (${u.endpoint} returned 403): ${u.skipped} skipped. To fix: ${v.fixes(u)}.`,
  absent: (u, v) =>
    `${u.skipped} not ingested: the ${v.name} API answered HTTP 404 on ${u.endpoint} (not available on this tenant). The rest of the graph is ingested.`,
  refusedStatusText: (refused, v) =>
    `Forbidden (requires ${v.name} ${v.credential} permission ${list(
      refused.map((u) => `"${u.permission}"`),
    )}; ${refused.map((u) => u.skipped).join('; ')} not ingested, previously ingested data of this step is kept as partial; to fix: ${refused
      .map((u) => v.fixes(u))
      .join('; ')})`,
  absentStatusText: (absent, v) =>
    `Not Found: ${absent.map((u) => v.messages.absent(u, v)).join(' ')}`,
};

/** Builds the vendor's helpers from its descriptor (one per integration, in its steps/constants.ts or client.ts). */
export function defineVendor<TConfig extends IntegrationInstanceConfig = IntegrationInstanceConfig>(
  d: VendorDescriptor<TConfig>,
): Vendor<TConfig> {
  const lacks = d.lacksPermission ?? ((p: string) => `lacks the "${p}" permission`);
  const vendor: Vendor<TConfig> = {
    name: d.name,
    credential: d.credential,
    grantWhere: d.grantWhere,
    messages: { ...defaultVendorMessages, ...d.messages },
    lacksPermission: lacks,
    fixes(p) {
      const grant = `grant "${p.permission}" to the ${d.credential} (${d.grantWhere})`;
      return p.source ? `${grant}, or switch off the "${p.source}" ingestion source` : grant;
    },
    credentialFieldFor(instanceConfig) {
      if (typeof d.credentialField === 'string') return d.credentialField;
      return instanceConfig === undefined ? undefined : d.credentialField(instanceConfig);
    },
    toJupiterOneError(err, endpoint, instanceConfig) {
      return toJupiterOneError(err, {
        endpoint: endpoint?.endpoint,
        permission: endpoint?.permission,
        credentialField: vendor.credentialFieldFor(instanceConfig),
      });
    },
  };
  return vendor;
}

/** True when the error is an HTTP status from the API (after mdm-core's retries). */
export function hasStatus(err: unknown, ...statuses: number[]): boolean {
  return isApiCallError(err) && err.status !== undefined && statuses.includes(err.status);
}
