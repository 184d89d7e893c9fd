import { it } from 'vitest';
import { caseById, testName } from './cases';

/**
 * Declares the test of one matrix case under its documented name. The docs
 * table and this test are tied by the id (docs-sync.test.ts checks both ways).
 */
export function matrixTest(id: string, fn: () => Promise<void>, timeoutMs = 30_000): void {
  it(testName(caseById(id)), fn, timeoutMs);
}
