import {
  type Entity,
  IntegrationError,
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
import { paths, permissions } from '../client';
import { type EsperConfig, type IntegrationConfig, loadConfig } from '../config';
import { withEsperClient } from '../session';

export type StepContext = IntegrationStepExecutionContext<IntegrationConfig>;
export type Resource = keyof typeof permissions;

const ACCOUNT_ENTITY = 'ACCOUNT_ENTITY';

function endpointOf(resource: Resource, config: EsperConfig): string {
  const eid = config.enterpriseId;
  const path = {
    enterprise: paths.enterprise(eid),
    applications: paths.applications(eid),
    deviceGroups: paths.deviceGroups(eid),
    devices: paths.devices(eid),
    deviceApps: `${paths.devices(eid)}{device_id}/app/`,
    users: paths.users(),
  }[resource];
  return `${config.apiBaseUrl}/${path}`;
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

/**
 * Runs a step body with a client for `resource`: API errors become J1 errors
 * naming the endpoint and the permission; records skipped by validation are
 * summarised once at the end (never with values).
 */
export async function collect(
  context: StepContext,
  resource: Resource,
  fn: (args: {
    client: HttpClient;
    config: EsperConfig;
    report: ValidationReport;
  }) => Promise<void>,
): Promise<ValidationReport> {
  const config = loadConfig(context.instance.config);
  const report = new ValidationReport(context.logger);
  try {
    await withEsperClient(config, context.logger, (client) => fn({ client, config, report }));
  } catch (err) {
    throw toJupiterOneError(err, {
      endpoint: endpointOf(resource, config),
      permission: permissions[resource],
    });
  } finally {
    const summary = report.summary();
    if (Object.keys(summary).length > 0) {
      context.logger.warn({ skipped: summary }, 'Esper records failed validation and were skipped');
    }
  }
  return report;
}

/** 403 (no permission) or 404 (not available on this tenant) on an optional resource. */
export function isUnavailable(err: unknown): err is { status: 403 | 404 } {
  return isApiCallError(err) && (err.status === 403 || err.status === 404);
}

export function warnUnavailable(
  context: StepContext,
  resource: Resource,
  status: number,
  missing: string,
): void {
  const description =
    status === 403
      ? `${missing} were not ingested: the Esper API key may not ${permissions[resource]} (HTTP 403). The rest of the graph is ingested.`
      : `${missing} were not ingested: the Esper API answered HTTP 404 (not available on this tenant). The rest of the graph is ingested.`;
  context.logger.publishWarnEvent({
    name: IntegrationWarnEventName.MissingPermission,
    description,
  });
  context.logger.warn({ resource, status }, description);
}
