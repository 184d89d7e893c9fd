import { it } from 'vitest';
import { matrixIntegration, type MatrixIntegration } from '../sims';
import { CASES, caseById, testName } from './cases';

/**
 * Declares the test of one matrix case under its documented name. The docs
 * table and this test are tied by the id (docs-sync.test.ts checks both ways).
 */
export function matrixTest(id: string, fn: () => Promise<void>, timeoutMs = 30_000): void {
  it(testName(caseById(id)), fn, timeoutMs);
}

/**
 * Declares a generic case (e.g. "RL-1") once for every registered integration it applies to
 * (cases.ts lists them from integrations.json and the simulators' capabilities).
 */
export function matrixTests(
  generic: string,
  fn: (integration: MatrixIntegration) => Promise<void>,
  timeoutMs = 30_000,
): void {
  for (const c of CASES.filter((x) => x.generic === generic)) {
    const integration = matrixIntegration(c.integration);
    it(testName(c), () => fn(integration), timeoutMs);
  }
}
