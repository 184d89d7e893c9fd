import {
  type Entity,
  IntegrationError,
  IntegrationProviderAPIError,
  IntegrationProviderAuthorizationError,
  IntegrationValidationError,
  IntegrationWarnEventName,
  type IntegrationStepExecutionContext,
  type JobState,
} from '@jupiterone/integration-sdk-core';
import {
  type HttpClient,
  isApiCallError,
  toJupiterOneError,
  ValidationReport,
} from '@mdm-graph/mdm-core';
import { credentialFieldOf, type EndpointName, Endpoints, withEsperClient } from '../client';
import { type EsperConfig, type IntegrationConfig, parseConfig } from '../config';
import { fixesFor } from '../sources';
import { IngestionSources } from './constants';

export type StepContext = IntegrationStepExecutionContext<IntegrationConfig>;
export type Resource = EndpointName;

const ACCOUNT_ENTITY = 'ACCOUNT_ENTITY';

/** The run's configuration; a bad one fails naming every field (validateInvocation says so first). */
export function configOf(context: Pick<StepContext, 'instance'>): EsperConfig {
  const result = parseConfig(context.instance.config);
  if (!result.ok) {
    throw new IntegrationValidationError(
      `Invalid Esper configuration: ${result.errors.join('; ')}`,
    );
  }
  return result.config;
}

/** The endpoint's URL for messages: the enterprise filled in, other placeholders kept. */
export function endpointUrl(resource: Resource, config: EsperConfig): string {
  const path = Endpoints[resource].template.replace('{enterprise_id}', config.enterpriseId);
  return `${config.apiBaseUrl}/${path}`;
}

/** The J1 `authorization.endpoints` form of an endpoint: `GET /api/<template>`. */
export function authorizationEndpoint(resource: Resource): string {
  return `GET /api/${Endpoints[resource].template}`;
}

export async function setAccountEntity(jobState: JobState, account: Entity): Promise<void> {
  await jobState.setData(ACCOUNT_ENTITY, account);
}

export async function getAccountEntity(jobState: JobState): Promise<Entity> {
  const account = await jobState.getData<Entity>(ACCOUNT_ENTITY);
  if (!account) {
    throw new IntegrationError({
      code: 'ESPER_ACCOUNT_MISSING',
      message: 'The esper_account entity is missing: the fetch-account step did not complete',
    });
  }
  return account;
}

/** Part of an optional resource the API refused (403) or does not have (404). */
export interface Unavailable {
  status: 403 | 404;
  /** What was not ingested, e.g. "Esper users (and their links to devices and employees)". */
  missing: string;
  /** The first refusal, kept as the step error's cause. */
  cause?: unknown;
}

export interface CollectArgs {
  client: HttpClient;
  config: EsperConfig;
  report: ValidationReport;
  /**
   * Records that some data of an optional resource could not be read. The step
   * body carries on with the rest; `collect` then ends the step with an error,
   * because the SDK marks a step's types partial in summary.json only when the
   * step fails. A step that succeeded without that data would make JupiterOne
   * delete what it ingested before (users, installed-app links) as if it were gone.
   */
  unavailable(u: Unavailable): void;
}

/**
 * Runs a step body with a client for `resource`: API errors become J1 errors
 * naming the endpoint, the permission and (on 401) the credential setting;
 * records skipped by validation are summarised once at the end (never with values).
 */
export async function collect(
  context: StepContext,
  resource: Resource,
  fn: (args: CollectArgs) => Promise<void>,
): Promise<ValidationReport> {
  const config = configOf(context);
  const report = new ValidationReport(context.logger);
  let skipped: Unavailable | undefined;
  const unavailable = (u: Unavailable): void => {
    // A denial (permission) says more than a 404, so it wins when both happened.
    if (!skipped || (u.status === 403 && skipped.status !== 403)) skipped = u;
  };
  try {
    await withEsperClient(config, context.logger, (client) =>
      fn({ client, config, report, unavailable }),
    );
  } catch (err) {
    if (skipped) warnUnavailable(context, resource, skipped, { log: true });
    throw toJupiterOneError(err, {
      endpoint: endpointUrl(resource, config),
      permission: Endpoints[resource].permission,
      credentialField: credentialFieldOf(config),
    });
  } finally {
    const summary = report.summary();
    if (Object.keys(summary).length > 0) {
      context.logger.warn({ skipped: summary }, 'Esper records failed validation and were skipped');
    }
  }
  if (skipped) {
    // The step error is logged by the SDK as the warning; publish the event once, log nothing twice.
    warnUnavailable(context, resource, skipped, { log: false });
    throw unavailableError(resource, config, skipped);
  }
  return report;
}

/** 403 (no permission) or 404 (not available on this tenant) on an optional resource. */
export function isUnavailable(err: unknown): err is { status: 403 | 404 } {
  return isApiCallError(err) && (err.status === 403 || err.status === 404);
}

/** The ingestion source that switches a resource off (optional resources only). */
const SOURCE_OF: Partial<Record<Resource, string>> = {
  users: IngestionSources.USERS,
  deviceApps: IngestionSources.INSTALLED_APPS,
};

function describeUnavailable(resource: Resource, u: Unavailable): string {
  const source = SOURCE_OF[resource];
  const fix = source
    ? `to fix, ${fixesFor({ permission: Endpoints[resource].permission, source })}`
    : 'grant the permission and run again';
  return u.status === 403
    ? `${u.missing} were not ingested: the Esper API key may not ${Endpoints[resource].permission} (HTTP 403). The rest of the graph is ingested; ${fix}.`
    : `${u.missing} were not ingested: the Esper API answered HTTP 404 (not available on this tenant). The rest of the graph is ingested.`;
}

/** The error that ends a step which skipped unavailable data (non-fatal: other steps go on). */
export function unavailableError(resource: Resource, config: EsperConfig, u: Unavailable): Error {
  const options = {
    endpoint: endpointUrl(resource, config),
    cause: u.cause instanceof Error ? u.cause : undefined,
  };
  const description = describeUnavailable(resource, u);
  return u.status === 403
    ? new IntegrationProviderAuthorizationError({
        ...options,
        status: 403,
        statusText: `Forbidden (requires permission: ${Endpoints[resource].permission}): ${description}`,
      })
    : new IntegrationProviderAPIError({
        ...options,
        status: 404,
        statusText: `Not Found: ${description}`,
      });
}

function warnUnavailable(
  context: StepContext,
  resource: Resource,
  u: Unavailable,
  opts: { log: boolean },
): void {
  const description = describeUnavailable(resource, u);
  context.logger.publishWarnEvent({
    name:
      u.status === 403
        ? IntegrationWarnEventName.MissingPermission
        : IntegrationWarnEventName.IncompleteData,
    description,
  });
  if (opts.log) context.logger.warn({ resource, status: u.status }, description);
}
