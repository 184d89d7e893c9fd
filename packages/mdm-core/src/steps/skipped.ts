import { IntegrationWarnEventName } from '@jupiterone/integration-sdk-core';
import { ValidationReport } from '../schema/report';
import { type StepScope } from './partial-data';
import { type StepScopeContext } from './vendor';

/** A report whose skips are logged through the step logger (never with values). */
export function newReport(context: Pick<StepScopeContext, 'logger'>): ValidationReport {
  return new ValidationReport(context.logger);
}

/**
 * Logs and publishes (IncompleteData) how many records failed their schema and were skipped,
 * per resource; nothing when none was. Returns the number skipped. Record values never
 * appear: the report only keeps resource names, ids and issue paths.
 */
export function publishSkipped(scope: StepScope, report: ValidationReport): number {
  const summary = report.summary();
  const total = Object.values(summary).reduce((a, b) => a + b, 0);
  if (total === 0) return 0;
  const parts = Object.entries(summary).map(([resource, n]) => `${n} ${resource}`);
  const description = `Skipped ${total} ${scope.vendor.name} record(s) that did not match the expected shape: ${parts.join(', ')}. The rest was ingested.`;
  scope.context.logger.warn({ skipped: summary }, description);
  scope.context.logger.publishWarnEvent({
    name: IntegrationWarnEventName.IncompleteData,
    description,
  });
  return total;
}
