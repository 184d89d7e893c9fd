import type {
  Entity,
  IntegrationInvocationConfig,
  Relationship,
} from '@jupiterone/integration-sdk-core';
import { type MockIntegrationStepExecutionContext } from '@jupiterone/integration-sdk-testing';
import { createStepTestKit, withStartedSimulator } from '@mdm-graph/testing';
import { expect } from 'vitest';
import { invocationConfig, type KandjiIntegrationConfig } from '../src';
import type { KandjiTuning } from '../src/config';
import {
  startKandjiSimulator,
  type KandjiSimulator,
  type KandjiSimulatorOptions,
} from '../simulator';

export type Ctx = MockIntegrationStepExecutionContext<KandjiIntegrationConfig>;

/** A small fleet whose every list spans at least three pages (page size 4 / 3). */
export const SMALL_FLEET: KandjiSimulatorOptions = {
  seed: 'kandji-tests',
  devices: 14,
  appsPerDevice: 5,
  users: 9,
  blueprints: 7,
  customProfiles: 7,
  usersPageSize: 3,
  customProfilesPageSize: 3,
};
export const SMALL_PAGE: KandjiTuning = { pageSize: 4 };

export const withSimulator = <T>(
  options: KandjiSimulatorOptions,
  fn: (sim: KandjiSimulator) => Promise<T>,
): Promise<T> => withStartedSimulator(startKandjiSimulator, options, fn);

/** Instance config for a simulator, with optional tuning (not a J1 UI field). */
export function configFor(
  sim: KandjiSimulator,
  tuning: KandjiTuning = SMALL_PAGE,
  token = sim.token,
): KandjiIntegrationConfig {
  return { apiUrl: sim.url, accessToken: token, tuning } as KandjiIntegrationConfig;
}

export const testInvocationConfig = invocationConfig as unknown as IntegrationInvocationConfig;

/** What each mapped relationship must look like (target filter keys and target entity). */
const MAPPING_SHAPES: Record<string, object> = {
  kandji_user_is_employee: {
    relationshipDirection: 'FORWARD',
    targetFilterKeys: [['_class', 'email']],
    targetEntity: { _class: 'Person', _type: 'employee', email: expect.any(String) },
    sourceEntityKey: expect.stringMatching(/^kandji_user:/),
  },
  kandji_vulnerability_is_cve: {
    relationshipDirection: 'FORWARD',
    targetFilterKeys: [['_type', '_key']],
    targetEntity: {
      _class: 'Vulnerability',
      _type: 'cve',
      _key: expect.stringMatching(/^cve-\d{4}-\d{4,}$/),
      name: expect.stringMatching(/^CVE-\d{4}-\d{4,}$/),
      webLink: expect.stringMatching(/^https:\/\/nvd\.nist\.gov\/vuln\/detail\/CVE-/),
    },
    sourceEntityKey: expect.stringMatching(/^kandji_vulnerability:/),
  },
};

/**
 * executeStepWithDependencies + the step-metadata check (entities against the data model,
 * mapped relationships against MAPPING_SHAPES), and the steps in dependency order on one
 * context (`failures` records step errors like the J1 runtime), from the shared test kit.
 */
export const { executeStep, runSteps: runAllSteps } = createStepTestKit(invocationConfig, {
  mappingShapes: MAPPING_SHAPES,
});

export { captureLogs, keysOf } from '@mdm-graph/testing';

export function byKey<T extends Entity | Relationship>(objects: readonly T[]): Map<string, T> {
  return new Map(objects.map((o) => [o._key, o]));
}

/** Sorted copies for whole-graph comparisons. */
export function sortedGraph(context: Ctx): { entities: Entity[]; relationships: Relationship[] } {
  const sort = <T extends { _key: string }>(a: T[]) =>
    [...a].sort((x, y) => x._key.localeCompare(y._key));
  return {
    entities: sort(context.jobState.collectedEntities),
    relationships: sort(context.jobState.collectedRelationships),
  };
}
