import {
  type IntegrationExecutionContext,
  IntegrationValidationError,
} from '@jupiterone/integration-sdk-core';
import { checkNetwork, isApiCallError } from '@mdm-graph/mdm-core';
import { runPreflight } from '@mdm-graph/mdm-core/steps';
import { createEsperClient, esper, getEnterprise } from './client';
import { type EsperConfig, type IntegrationConfig, parseConfig } from './config';
import { preflightSources } from './sources';
import { endpointInfo } from './steps/shared';

/**
 * The J1 validateInvocation: the configuration (every bad field named with its env var), the
 * network setup, one probe of the enterprise, then the permission preflight.
 */
export async function validateInvocation(
  context: IntegrationExecutionContext<IntegrationConfig>,
): Promise<void> {
  const result = parseConfig(context.instance.config);
  if (!result.ok) {
    throw new IntegrationValidationError(
      `Invalid Esper configuration: ${result.errors.join('; ')}`,
    );
  }
  const { config } = result;
  const network = checkNetwork(context.logger, {
    caCertificates: config.tuning.caCertificates,
  });
  if (network) throw new IntegrationValidationError(`Invalid network setup: ${network}`);
  // One probe: the key must be able to read the enterprise (also proves enterpriseId).
  await probeEnterprise(config, context);
  // Then mdm-core's permission preflight: one limit=1 probe per enabled optional ingestion
  // source, and ONE warning at the start listing what will be partial, with both fixes.
  const client = createEsperClient(config, context.logger, { retry: { maxRetries: 2 } });
  try {
    await runPreflight({ vendor: esper, context }, client, preflightSources(config.enterpriseId), {
      endpointOf: (path) => `GET ${config.apiBaseUrl}/${path}`,
    });
  } finally {
    await client.close();
  }
}

/**
 * validateInvocation's one probe: GET /enterprise/{eid}/. 401 is bad credentials
 * (authentication error); 404 means no such enterprise at that base URL (a
 * configuration error naming enterpriseId); anything else keeps its own class.
 */
export async function probeEnterprise(
  config: EsperConfig,
  context: IntegrationExecutionContext<IntegrationConfig>,
): Promise<void> {
  const client = createEsperClient(config, context.logger, { retry: { maxRetries: 2 } });
  try {
    await getEnterprise(client, config.enterpriseId);
  } catch (err) {
    if (isApiCallError(err) && err.status === 404) {
      throw new IntegrationValidationError(
        `Invalid Esper configuration: enterpriseId ${config.enterpriseId} was not found at ${config.apiBaseUrl} (HTTP 404); check enterpriseId and domain/apiBaseUrl`,
      );
    }
    throw esper.toJupiterOneError(err, endpointInfo('enterprise', config), context.instance.config);
  } finally {
    await client.close();
  }
}
