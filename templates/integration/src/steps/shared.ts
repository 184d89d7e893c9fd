import {
  type Entity,
  IntegrationError,
  IntegrationValidationError,
  type IntegrationStepExecutionContext,
  type JobState,
} from '@jupiterone/integration-sdk-core';
import { type HttpClient, toJupiterOneError, ValidationReport } from '@mdm-graph/mdm-core';
import { createClient } from '../client';
import { type IntegrationConfig, parseConfig, type __VendorPascal__Config } from '../config';
import { Entities } from './constants';

export type StepContext = IntegrationStepExecutionContext<IntegrationConfig>;

const ACCOUNT_ENTITY = 'ACCOUNT_ENTITY';

export async function setAccountEntity(jobState: JobState, account: Entity): Promise<void> {
  await jobState.setData(ACCOUNT_ENTITY, account);
}

export async function getAccountEntity(jobState: JobState): Promise<Entity> {
  const account = await jobState.getData<Entity>(ACCOUNT_ENTITY);
  if (!account) {
    throw new IntegrationError({
      code: '__VENDOR___ACCOUNT_MISSING',
      message: `The ${Entities.ACCOUNT._type} entity is missing: the fetch-account step did not complete`,
    });
  }
  return account;
}

/**
 * Runs a step body with a client: API errors become J1 errors naming the endpoint and (on 401)
 * the credential setting; records skipped by validation are summarised once (never with values).
 */
export async function withClient(
  context: StepContext,
  body: (args: {
    client: HttpClient;
    config: __VendorPascal__Config;
    report: ValidationReport;
  }) => Promise<void>,
): Promise<void> {
  const parsed = parseConfig(context.instance.config);
  if (!parsed.ok) {
    throw new IntegrationValidationError(`Invalid configuration: ${parsed.errors.join('; ')}`);
  }
  const client = createClient(parsed.config, context.logger);
  const report = new ValidationReport(context.logger);
  try {
    await body({ client, config: parsed.config, report });
  } catch (err) {
    throw toJupiterOneError(err, { credentialField: 'accessToken (ACCESS_TOKEN)' });
  } finally {
    report.logSummary();
    await client.close();
  }
}
