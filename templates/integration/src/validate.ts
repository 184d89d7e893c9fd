import {
  type IntegrationExecutionContext,
  IntegrationValidationError,
} from '@jupiterone/integration-sdk-core';
import { requiredResource } from '@mdm-graph/mdm-core/steps';
import { __VendorPascal__, Endpoints, getAccount, withClient } from './client';
import { type IntegrationConfig, parseConfig } from './config';

/** Checks the configuration, then the credentials with one request (the account). */
export async function validateInvocation(
  context: IntegrationExecutionContext<IntegrationConfig>,
): Promise<void> {
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
