import {
  type IntegrationExecutionContext,
  IntegrationValidationError,
} from '@jupiterone/integration-sdk-core';
import { requiredResource } from '@mdm-graph/mdm-core/steps';
import { __VendorPascal__, Endpoints, getAccount, withClient } from './client';
import { type IntegrationConfig, parseConfig } from './config';
import { checkNetwork } from '@mdm-graph/mdm-core';

/** Checks the configuration, then the credentials with one request (the account). */
export async function validateInvocation(
  context: IntegrationExecutionContext<IntegrationConfig>,
): Promise<void> {
  // Once per run: how requests leave (proxy or not, extra CA certificates), and a broken CA setup
  // (an unreadable NODE_EXTRA_CA_CERTS) reported before any request.
  const network = checkNetwork(context.logger);
  if (network) throw new IntegrationValidationError(network);
  const result = parseConfig(context.instance.config);
  if (!result.ok) {
    throw new IntegrationValidationError(`Invalid configuration: ${result.errors.join('; ')}`);
  }
  // A 401 names the credential setting (accessToken / ACCESS_TOKEN), a 403 the permission.
  await withClient(result.config, context.logger, (client) =>
    requiredResource({ vendor: __VendorPascal__, context }, Endpoints.ACCOUNT, () =>
      getAccount(client),
    ),
  );
}
