import {
  type IntegrationInstanceConfig,
  IntegrationProviderAPIError,
  IntegrationProviderAuthorizationError,
  IntegrationWarnEventName,
} from '@jupiterone/integration-sdk-core';
import { isApiCallError } from '../http/errors';
import {
  type EndpointInfo,
  type OptionalEndpoint,
  type StepScopeContext,
  type Unavailable,
  type Vendor,
} from './vendor';

/** A vendor and the context of the step (or of the run) it speaks in. */
export interface StepScope<TConfig extends IntegrationInstanceConfig = IntegrationInstanceConfig> {
  readonly vendor: Vendor<TConfig>;
  readonly context: StepScopeContext<TConfig>;
}

export interface RecordOptions {
  /** The warning was already given (by the preflight or another step): record without warning again. */
  warned?: boolean;
}

/**
 * The partial-data recorder of one step. An optional endpoint the vendor refused (403) or
 * does not have on this tenant (404) is recorded here: one warning per endpoint (logged and
 * published as MissingPermission / IncompleteData, naming the permission and both fixes:
 * grant it, or switch off its ingestion source), the step carries on with the rest, and
 * `throwIfAny()` then fails the step: IntegrationProviderAuthorizationError when anything
 * was refused, else IntegrationProviderAPIError (404). The J1 SDK marks a step's declared
 * types partial only when the step fails; a step that succeeded without that data would
 * make J1 delete what it ingested before, as if it were gone.
 */
export class PartialData<
  TConfig extends IntegrationInstanceConfig = IntegrationInstanceConfig,
> implements StepScope<TConfig> {
  private readonly recorded: Unavailable[] = [];

  constructor(
    readonly vendor: Vendor<TConfig>,
    readonly context: StepScopeContext<TConfig>,
  ) {}

  /**
   * Records an unavailable optional endpoint when `error` is a 403 or 404 from the API and
   * returns true; returns false (records nothing) for any other error.
   */
  record(endpoint: OptionalEndpoint, error: unknown, opts: RecordOptions = {}): boolean {
    if (!isApiCallError(error) || (error.status !== 403 && error.status !== 404)) return false;
    this.add({ ...endpoint, status: error.status, cause: error }, opts);
    return true;
  }

  /** Records a refusal (403) found without an ApiCallError at hand (a fan-out tally, a probe). */
  refused(endpoint: OptionalEndpoint, cause?: unknown, opts: RecordOptions = {}): void {
    this.add({ ...endpoint, status: 403, cause }, opts);
  }

  /** Records an endpoint the tenant does not have (404). */
  absent(endpoint: OptionalEndpoint, cause?: unknown, opts: RecordOptions = {}): void {
    this.add({ ...endpoint, status: 404, cause }, opts);
  }

  /** What was recorded, in order (one entry per endpoint). */
  get unavailable(): readonly Unavailable[] {
    return this.recorded;
  }

  get size(): number {
    return this.recorded.length;
  }

  /** True when this endpoint was recorded. */
  has(endpoint: Pick<EndpointInfo, 'endpoint'>): boolean {
    return this.recorded.some((u) => u.endpoint === endpoint.endpoint);
  }

  /** The error that ends the step, or undefined when nothing was recorded. */
  error(): Error | undefined {
    const refused = this.recorded.filter((u) => u.status === 403);
    const absent = this.recorded.filter((u) => u.status === 404);
    const { vendor } = this;
    if (refused.length > 0) {
      const first = refused[0] as Unavailable;
      return new IntegrationProviderAuthorizationError({
        endpoint: refused.map((u) => u.endpoint).join(', '),
        status: 403,
        statusText: vendor.messages.refusedStatusText(refused, vendor),
        cause: first.cause instanceof Error ? first.cause : undefined,
      });
    }
    if (absent.length > 0) {
      const first = absent[0] as Unavailable;
      return new IntegrationProviderAPIError({
        endpoint: absent.map((u) => u.endpoint).join(', '),
        status: 404,
        statusText: vendor.messages.absentStatusText(absent, vendor),
        cause: first.cause instanceof Error ? first.cause : undefined,
      });
    }
    return undefined;
  }

  /** Fails the step when anything was recorded (call after everything readable was ingested). */
  throwIfAny(): void {
    const err = this.error();
    if (err) throw err;
  }

  private add(u: Unavailable, opts: RecordOptions): void {
    const seen = this.recorded.findIndex((r) => r.endpoint === u.endpoint);
    if (seen >= 0) {
      // A refusal says more than a 404: it replaces one (and is warned about).
      if (!(u.status === 403 && this.recorded[seen]?.status === 404)) return;
      this.recorded[seen] = u;
    } else {
      this.recorded.push(u);
    }
    if (!opts.warned) warnUnavailable(this, u);
  }
}

/** Logs and publishes the one warning for an unavailable optional endpoint. */
export function warnUnavailable(scope: StepScope, u: Unavailable): void {
  const { vendor, context } = scope;
  const description =
    u.status === 403 ? vendor.messages.refused(u, vendor) : vendor.messages.absent(u, vendor);
  context.logger.warn(
    { endpoint: u.endpoint, permission: u.permission, source: u.source, status: u.status },
    description,
  );
  context.logger.publishWarnEvent({
    name:
      u.status === 403
        ? IntegrationWarnEventName.MissingPermission
        : IntegrationWarnEventName.IncompleteData,
    description,
  });
}

/**
 * The step wrapper: the handler gets the step's PartialData and ingests what it can; after
 * it returned, the step fails when an optional endpoint was refused or absent (its types
 * partial). A handler that throws keeps its own error (the warnings were given already).
 */
export function partialDataStep<
  TConfig extends IntegrationInstanceConfig,
  C extends StepScopeContext<TConfig>,
>(
  vendor: Vendor<TConfig>,
  handler: (context: C, partial: PartialData<TConfig>) => Promise<void>,
): (context: C) => Promise<void> {
  return async (context) => {
    const partial = new PartialData(vendor, context);
    await handler(context, partial);
    partial.throwIfAny();
  };
}

/**
 * An optional resource: a 403 or 404 is recorded in `partial` (one warning; the step fails
 * once it ingested the rest) and false is returned; any other failure becomes the J1 error
 * for the step (naming the endpoint, the permission, and the credential setting on a 401).
 */
export async function optionalResource<TConfig extends IntegrationInstanceConfig>(
  partial: PartialData<TConfig>,
  endpoint: OptionalEndpoint,
  fn: () => Promise<void>,
  opts: RecordOptions & { statuses?: readonly (403 | 404)[] } = {},
): Promise<boolean> {
  try {
    await fn();
    return true;
  } catch (err) {
    const statuses = opts.statuses ?? [403, 404];
    if (isApiCallError(err) && statuses.includes(err.status as 403 | 404)) {
      partial.record(endpoint, err, opts);
      return false;
    }
    throw partial.vendor.toJupiterOneError(err, endpoint, partial.context.instance.config);
  }
}

/**
 * A required resource: every failure becomes the J1 error (401 authentication naming the
 * credential setting, 403 authorization naming the permission, else a provider API error).
 */
export async function requiredResource<T, TConfig extends IntegrationInstanceConfig>(
  scope: StepScope<TConfig>,
  endpoint: EndpointInfo,
  fn: () => Promise<T>,
): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw scope.vendor.toJupiterOneError(err, endpoint, scope.context.instance.config);
  }
}
