import diagnostics from 'node:diagnostics_channel';
import { silentLogger, type MdmLogger } from '../log';

/**
 * One message `{ resource }` per record skipped by validation, so a run can count
 * them across steps (collection health) without steps passing reports around.
 */
export const VALIDATION_DIAGNOSTICS_CHANNEL = 'mdm-graph:validation';
const validationChannel = diagnostics.channel(VALIDATION_DIAGNOSTICS_CHANNEL);

export interface SkippedRecord {
  resource: string;
  index: number;
  id?: string;
  /** Where and why the record failed; never the offending values. */
  issues: { path: string; message: string }[];
}

/**
 * Collects records that failed validation, per step or per run. Each skip is
 * logged (resource, id, paths, messages: never values) and steps read the
 * counts back for their summaries.
 */
export class ValidationReport {
  private readonly skippedRecords: SkippedRecord[] = [];

  constructor(private readonly logger: MdmLogger = silentLogger) {}

  record(s: SkippedRecord): void {
    this.skippedRecords.push(s);
    if (validationChannel.hasSubscribers) validationChannel.publish({ resource: s.resource });
    const where = s.issues.map((i) => `${i.path}: ${i.message}`).join('; ');
    this.logger.warn(
      { resource: s.resource, index: s.index, id: s.id, issues: s.issues },
      `Skipped invalid ${s.resource} record${s.id ? ` ${s.id}` : ''} (#${s.index}): ${where}`,
    );
  }

  skipped(resource?: string): number {
    if (resource === undefined) return this.skippedRecords.length;
    return this.skippedRecords.filter((s) => s.resource === resource).length;
  }

  entries(): readonly SkippedRecord[] {
    return this.skippedRecords;
  }

  /** resource -> skipped count */
  summary(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const s of this.skippedRecords) out[s.resource] = (out[s.resource] ?? 0) + 1;
    return out;
  }

  /** One info line with the counts (nothing when no record was skipped). */
  logSummary(logger: MdmLogger = this.logger): void {
    if (this.skippedRecords.length === 0) return;
    logger.info(
      { skipped: this.summary() },
      `Skipped ${this.skippedRecords.length} invalid record(s)`,
    );
  }
}
