import { IntegrationValidationError } from '@jupiterone/integration-sdk-core';
import { checkNetwork } from '@mdm-graph/mdm-core';
import { requiredResource, runPreflight } from '@mdm-graph/mdm-core/steps';
import { Endpoints, kandji, probeDevices, withKandjiApi } from './client';
import { configErrorMessage, parseConfig, type KandjiExecutionContext } from './config';
import { SOURCE_PERMISSIONS } from './sources';

/**
 * Validates the config (IntegrationValidationError naming each field and its env variable),
 * then probes the API once with the cheapest call every token needs (one device). 401 becomes
 * an authentication error naming the accessToken setting; 403 an authorization error naming
 * "Device list"; anything else (5xx, network) a provider API error: never "bad credentials".
 * Then the permission preflight (mdm-core): one one-record probe per enabled optional
 * ingestion source, and one warning listing what will be partial.
 */
export async function validateInvocation(context: KandjiExecutionContext): Promise<void> {
  const parsed = parseConfig(context.instance.config);
  if (!parsed.ok) throw new IntegrationValidationError(configErrorMessage(parsed.errors));
  const config = parsed.config;
  const network = checkNetwork(context.logger, { caCertificates: config.caCertificates });
  if (network) throw new IntegrationValidationError(`Invalid network setup: ${network}`);
  const scope = { vendor: kandji, context };
  await withKandjiApi(config, context.logger, async (api) => {
    await requiredResource(scope, Endpoints.DEVICES, () => probeDevices(api));
    await runPreflight(scope, api.http, SOURCE_PERMISSIONS);
  });
}
