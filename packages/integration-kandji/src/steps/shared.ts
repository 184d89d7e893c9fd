import {
  IntegrationProviderAuthorizationError,
  IntegrationWarnEventName,
  type IntegrationStepExecutionContext,
} from '@jupiterone/integration-sdk-core';
import { isApiCallError, toJupiterOneError, ValidationReport } from '@mdm-graph/mdm-core';
import { withKandjiApi, type KandjiApi } from '../client';
import { loadConfig, type KandjiIntegrationConfig, type ParsedKandjiConfig } from '../config';
import { CREDENTIAL_FIELD } from './constants';

export type KandjiStepContext = IntegrationStepExecutionContext<KandjiIntegrationConfig>;

/** The step's parsed config; an invalid one throws IntegrationValidationError naming the field(s). */
export function stepConfig(context: KandjiStepContext): ParsedKandjiConfig {
  return loadConfig(context.instance.config);
}

export interface EndpointInfo {
  /** e.g. "GET users" */
  endpoint: string;
  /** Kandji API token permission, e.g. "Users" */
  permission: string;
  /** What is skipped without it, e.g. "the user directory" */
  skipped: string;
  /** The ingestion source that switches this data off, e.g. "users" (optional sources only). */
  source?: string;
}

/** How to fix a denied endpoint: grant the permission, or switch its ingestion source off. */
export function fixesFor(info: Pick<EndpointInfo, 'permission' | 'source'>): string {
  const grant = `grant "${info.permission}" to the API token (Kandji Settings > Access)`;
  return info.source ? `${grant}, or switch off the "${info.source}" ingestion source` : grant;
}

/** True when the error is an HTTP status from the API (after mdm-core's retries). */
export function hasStatus(err: unknown, ...statuses: number[]): boolean {
  return isApiCallError(err) && err.status !== undefined && statuses.includes(err.status);
}

/** Publishes the one "missing permission" warning for an optional resource. */
export function warnMissingPermission(context: KandjiStepContext, info: EndpointInfo): void {
  const description = `Kandji API token lacks the "${info.permission}" permission (${info.endpoint} returned 403): ${info.skipped} skipped. To fix: ${fixesFor(info)}.`;
  context.logger.warn(
    { endpoint: info.endpoint, permission: info.permission, source: info.source },
    description,
  );
  context.logger.publishWarnEvent({
    name: IntegrationWarnEventName.MissingPermission,
    description,
  });
}

/** The one mapping to J1 errors for Kandji calls: names the permission (403) and the setting to fix (401). */
export function kandjiError(
  err: unknown,
  info: Pick<EndpointInfo, 'endpoint' | 'permission'>,
): Error {
  return toJupiterOneError(err, {
    endpoint: info.endpoint,
    permission: info.permission,
    credentialField: CREDENTIAL_FIELD,
  });
}

/**
 * The optional endpoints a step was denied (403). The step ingests everything it can read,
 * then ends with an IntegrationProviderAuthorizationError naming the permission: the J1 SDK
 * marks a step's declared types partial only when the step fails, and a step that succeeded
 * without them would make J1 delete the users, blueprints, profiles or apps it ingested
 * before. Steps that do not read the endpoint are untouched; dependents still run.
 */
export class DeniedPermissions {
  private readonly denied: { info: EndpointInfo; error: unknown }[] = [];

  constructor(private readonly context: KandjiStepContext) {}

  /** Records a 403; warns unless another step already warned about the same endpoint. */
  record(info: EndpointInfo, error: unknown, opts: { warned?: boolean } = {}): void {
    if (this.denied.some((d) => d.info.endpoint === info.endpoint)) return;
    this.denied.push({ info, error });
    if (!opts.warned) warnMissingPermission(this.context, info);
  }

  get size(): number {
    return this.denied.length;
  }

  /** Fails the step when an endpoint was denied (call after everything readable was ingested). */
  throwIfAny(): void {
    const [first, ...more] = this.denied;
    if (!first) return;
    const endpoint = [first, ...more].map((d) => d.info.endpoint).join(', ');
    const permission = [first, ...more].map((d) => `"${d.info.permission}"`).join(', ');
    const skipped = [first, ...more].map((d) => d.info.skipped).join('; ');
    const fixes = [first, ...more].map((d) => fixesFor(d.info)).join('; ');
    throw new IntegrationProviderAuthorizationError({
      endpoint,
      status: 403,
      statusText: `Forbidden (requires Kandji API token permission ${permission}; ${skipped} not ingested, previously ingested data of this step is kept as partial; to fix: ${fixes})`,
      cause: first.error instanceof Error ? first.error : undefined,
    });
  }
}

/**
 * A step handler that may be denied optional endpoints: it gets a DeniedPermissions to
 * record them and fails with the authorization error only after it returned.
 */
export function permissionAwareStep(
  handler: (context: KandjiStepContext, denied: DeniedPermissions) => Promise<void>,
): (context: KandjiStepContext) => Promise<void> {
  return async (context) => {
    const denied = new DeniedPermissions(context);
    await handler(context, denied);
    denied.throwIfAny();
  };
}

/**
 * Runs an optional resource: a 403 is recorded in `denied` (one warning naming the
 * permission; the step fails once it ingested the rest); any other failure becomes the J1
 * error for the step. Returns false when denied.
 */
export async function optionalResource(
  denied: DeniedPermissions,
  info: EndpointInfo,
  fn: () => Promise<void>,
): Promise<boolean> {
  try {
    await fn();
    return true;
  } catch (err) {
    if (hasStatus(err, 403)) {
      denied.record(info, err);
      return false;
    }
    throw kandjiError(err, info);
  }
}

/** A required resource: failures become the J1 error (401 auth, 403 authorization, else API error). */
export async function requiredResource<T>(
  info: Pick<EndpointInfo, 'endpoint' | 'permission'>,
  fn: () => Promise<T>,
): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw kandjiError(err, info);
  }
}

/** A report whose skips are logged through the step logger (never with values). */
export function newReport(context: KandjiStepContext): ValidationReport {
  return new ValidationReport(context.logger);
}

/** Logs and publishes how many records failed their schema and were skipped. */
export function publishSkipped(context: KandjiStepContext, report: ValidationReport): void {
  const summary = report.summary();
  const total = Object.values(summary).reduce((a, b) => a + b, 0);
  if (total === 0) return;
  const parts = Object.entries(summary).map(([resource, n]) => `${n} ${resource}`);
  const description = `Skipped ${total} Kandji record(s) that did not match the expected shape: ${parts.join(', ')}. The rest was ingested.`;
  context.logger.warn({ skipped: summary }, description);
  context.logger.publishWarnEvent({ name: IntegrationWarnEventName.IncompleteData, description });
}

/**
 * Reads every record of an optional list endpoint (users, blueprints, custom profiles):
 * one step client, records validated at the boundary (bad ones skipped and reported), a
 * 403 recorded in `denied`. Returns false when denied.
 */
export async function readOptionalList<T>(
  context: KandjiStepContext,
  denied: DeniedPermissions,
  info: EndpointInfo,
  list: (api: KandjiApi, opts: { report: ValidationReport }) => AsyncIterable<T>,
  onRecord: (record: T) => Promise<void>,
): Promise<boolean> {
  const report = newReport(context);
  const read = await withKandjiApi(stepConfig(context), context.logger, (api) =>
    optionalResource(denied, info, async () => {
      for await (const record of list(api, { report })) await onRecord(record);
    }),
  );
  publishSkipped(context, report);
  return read;
}
