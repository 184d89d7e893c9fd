import {
  IntegrationWarnEventName,
  type IntegrationStepExecutionContext,
} from '@jupiterone/integration-sdk-core';
import { isApiCallError, toJupiterOneError, ValidationReport } from '@mdm-graph/mdm-core';
import { parseConfig, type KandjiIntegrationConfig, type ParsedKandjiConfig } from '../config';

export type KandjiStepContext = IntegrationStepExecutionContext<KandjiIntegrationConfig>;

export function stepConfig(context: KandjiStepContext): ParsedKandjiConfig {
  return parseConfig(context.instance.config);
}

export interface EndpointInfo {
  /** e.g. "GET users" */
  endpoint: string;
  /** Kandji API token permission, e.g. "Users" */
  permission: string;
  /** What is skipped without it, e.g. "the user directory" */
  skipped: string;
}

/** True when the error is an HTTP status from the API (after mdm-core's retries). */
export function hasStatus(err: unknown, ...statuses: number[]): boolean {
  return isApiCallError(err) && err.status !== undefined && statuses.includes(err.status);
}

/** Publishes the one "missing permission" warning for an optional resource. */
export function warnMissingPermission(context: KandjiStepContext, info: EndpointInfo): void {
  const description = `Kandji API token lacks the "${info.permission}" permission (${info.endpoint} returned 403): ${info.skipped} skipped. Grant it in Kandji under Settings > Access > API token.`;
  context.logger.warn({ endpoint: info.endpoint, permission: info.permission }, description);
  context.logger.publishWarnEvent({ name: IntegrationWarnEventName.MissingPermission, description });
}

/**
 * Runs an optional resource: a 403 skips it with a warning naming the permission (the rest
 * of the graph is still ingested); any other failure becomes the J1 error for the step.
 * Returns false when skipped.
 */
export async function optionalResource(context: KandjiStepContext, info: EndpointInfo, fn: () => Promise<void>): Promise<boolean> {
  try {
    await fn();
    return true;
  } catch (err) {
    if (hasStatus(err, 403)) {
      warnMissingPermission(context, info);
      return false;
    }
    throw toJupiterOneError(err, { endpoint: info.endpoint, permission: info.permission });
  }
}

/** A required resource: failures become the J1 error (401 auth, 403 authorization, else API error). */
export async function requiredResource<T>(info: Pick<EndpointInfo, 'endpoint' | 'permission'>, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw toJupiterOneError(err, { endpoint: info.endpoint, permission: info.permission });
  }
}

/** A report whose skips are logged through the step logger (never with values). */
export function newReport(context: KandjiStepContext): ValidationReport {
  return new ValidationReport(context.logger);
}

/** Logs and publishes how many records failed their schema and were skipped. */
export function publishSkipped(context: KandjiStepContext, report: ValidationReport): void {
  const summary = report.summary();
  const total = Object.values(summary).reduce((a, b) => a + b, 0);
  if (total === 0) return;
  const parts = Object.entries(summary).map(([resource, n]) => `${n} ${resource}`);
  const description = `Skipped ${total} Kandji record(s) that did not match the expected shape: ${parts.join(', ')}. The rest was ingested.`;
  context.logger.warn({ skipped: summary }, description);
  context.logger.publishWarnEvent({ name: IntegrationWarnEventName.IncompleteData, description });
}
