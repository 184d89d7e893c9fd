import {
  type IntegrationExecutionContext,
  IntegrationValidationError,
} from '@jupiterone/integration-sdk-core';
import { toJupiterOneError } from '@mdm-graph/mdm-core';
import { createClient, getAccount } from './client';
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
  const client = createClient(result.config, context.logger);
  try {
    await getAccount(client);
  } catch (err) {
    throw toJupiterOneError(err, { credentialField: 'accessToken (ACCESS_TOKEN)' });
  } finally {
    await client.close();
  }
}
