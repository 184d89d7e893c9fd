import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import type { Collected } from './collect';
import { listFiles } from './graph';

export interface SecretFinding {
  /** Where: a file under the project dir, "console", "validationError" or "step <id>". */
  where: string;
  /** Which secret (its label, never its value). */
  secret: string;
}

/**
 * Everything a collection leaves behind that a user, a log shipper or J1
 * could see: every file under the project dir (graph, summary, index, the full
 * log with error stacks), the console warnings, the validation error and each
 * step's error message. Returns where each secret was found (by label).
 */
export async function findSecrets(
  run: Collected,
  secrets: Record<string, string>,
): Promise<SecretFinding[]> {
  const findings: SecretFinding[] = [];
  const check = (where: string, text: string | undefined) => {
    if (!text) return;
    for (const [label, value] of Object.entries(secrets)) {
      if (value.length > 0 && text.includes(value)) findings.push({ where, secret: label });
    }
  };
  for (const file of await listFiles(run.projectDir)) {
    check(relative(run.projectDir, file), readFileSync(file, 'utf8'));
  }
  check('console', run.console.map((l) => l.msg).join('\n'));
  check('stdout/stderr', run.stdio);
  check('validationError', run.result.validationError);
  for (const step of run.result.steps) check(`step ${step.id}`, step.error);
  return findings;
}
