import type { HttpClient, ValidationReport } from '@mdm-graph/mdm-core';
import {
  type EndpointInfo,
  newReport,
  type OptionalEndpoint,
  type PartialData,
  partialDataStep,
  publishSkipped,
  requiredResource,
} from '@mdm-graph/mdm-core/steps';
import { type EndpointName, Endpoints, esper, withEsperClient } from '../client';
import {
  type EsperConfig,
  type EsperStepContext,
  type IntegrationConfig,
  requireConfig,
} from '../config';
import { IngestionSources } from './constants';

export type Resource = EndpointName;

/** The endpoint's URL for messages: the enterprise filled in, other placeholders kept. */
export function endpointUrl(resource: Resource, config: EsperConfig): string {
  const path = Endpoints[resource].template.replace('{enterprise_id}', config.enterpriseId);
  return `${config.apiBaseUrl}/${path}`;
}

/** The J1 `authorization.endpoints` form of an endpoint: `GET /api/<template>`. */
export function authorizationEndpoint(resource: Resource): string {
  return `GET /api/${Endpoints[resource].template}`;
}

/** An endpoint as the step layer names it in errors: its URL and the permission it needs. */
export function endpointInfo(resource: Resource, config: EsperConfig): EndpointInfo {
  return { endpoint: endpointUrl(resource, config), permission: Endpoints[resource].permission };
}

/** The ingestion source that switches a resource off (optional resources only). */
const SOURCE_OF: Partial<Record<Resource, string>> = {
  users: IngestionSources.USERS,
  deviceApps: IngestionSources.INSTALLED_APPS,
};

/** An optional endpoint: what is not ingested without it, and the source that switches it off. */
export function optionalEndpoint(
  resource: Resource,
  config: EsperConfig,
  skipped: string,
): OptionalEndpoint {
  const source = SOURCE_OF[resource];
  return { ...endpointInfo(resource, config), skipped, ...(source && { source }) };
}

export interface CollectArgs {
  client: HttpClient;
  config: EsperConfig;
  /** Records skipped by validation; published once at the end of the step (never with values). */
  report: ValidationReport;
  /**
   * The step's partial-data recorder: an optional resource refused (403) or absent (404) is
   * recorded here (one warning naming the permission and both fixes), the step body carries on
   * with the rest, and the step then fails so J1 marks its types partial instead of deleting
   * what it ingested before (users, installed-app links) as if it were gone.
   */
  partial: PartialData<IntegrationConfig>;
}

/**
 * Runs a step body on mdm-core's step layer with a client for `resource`: API errors become J1
 * errors naming the endpoint, the permission and (on 401) the credential setting; records
 * skipped by validation are published once at the end; recorded partial data fails the step
 * after everything readable was ingested.
 */
export async function collect(
  context: EsperStepContext,
  resource: Resource,
  fn: (args: CollectArgs) => Promise<void>,
): Promise<void> {
  await partialDataStep(esper, async (ctx: EsperStepContext, partial) => {
    const config = requireConfig(ctx.instance.config);
    const report = newReport(ctx);
    try {
      await withEsperClient(config, ctx.logger, (client) =>
        requiredResource(partial, endpointInfo(resource, config), () =>
          fn({ client, config, report, partial }),
        ),
      );
    } finally {
      publishSkipped(partial, report);
    }
  })(context);
}
