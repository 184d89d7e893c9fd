import { IntegrationValidationError } from '@jupiterone/integration-sdk-core';
import { checkNetwork } from '@mdm-graph/mdm-core';
import { withKandjiApi } from './api';
import { parseConfig, type KandjiExecutionContext } from './config';
import { runPreflight } from './preflight';
import { Endpoints, Permissions } from './steps/constants';
import { kandjiError } from './steps/shared';

/**
 * Validates the config (IntegrationValidationError naming the field), then probes the API
 * once with the cheapest call every token needs (one device). 401 becomes an authentication
 * error naming the accessToken setting; 403 an authorization error naming "Device list"; anything else (5xx, network) a
 * provider API error: never "bad credentials". Then the permission preflight: one
 * `limit=1` probe per enabled optional ingestion source, and one warning listing what will
 * be partial (src/preflight.ts).
 */
export async function validateInvocation(context: KandjiExecutionContext): Promise<void> {
  const config = parseConfig(context.instance.config);
  const network = checkNetwork(context.logger, { caCertificates: config.caCertificates });
  if (network) throw new IntegrationValidationError(`Invalid network setup: ${network}`);
  await withKandjiApi(config, context.logger, async (api) => {
    try {
      await api.http.getJson(Endpoints.DEVICES, { query: { limit: 1 } });
    } catch (err) {
      throw kandjiError(err, {
        endpoint: `GET ${Endpoints.DEVICES}`,
        permission: Permissions.DEVICE_LIST,
      });
    }
    await runPreflight(api, context);
  });
}
