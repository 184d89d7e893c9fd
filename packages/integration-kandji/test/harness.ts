import type {
  Entity,
  IntegrationInvocationConfig,
  Relationship,
  StepExecutionContext,
} from '@jupiterone/integration-sdk-core';
import { buildStepDependencyGraph } from '@jupiterone/integration-sdk-runtime';
import {
  createMockStepExecutionContext,
  executeStepWithDependencies,
  type MockIntegrationStepExecutionContext,
} from '@jupiterone/integration-sdk-testing';
import { expect, vi } from 'vitest';
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

export async function withSimulator<T>(
  options: KandjiSimulatorOptions,
  fn: (sim: KandjiSimulator) => Promise<T>,
): Promise<T> {
  const sim = await startKandjiSimulator(options);
  try {
    return await fn(sim);
  } finally {
    await sim.close();
  }
}

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
 * executeStepWithDependencies + the step-metadata check. toMatchStepMetadata rejects steps
 * with mapped relationships, so for those the same check is made by hand: every object has
 * a declared type and validates against its schema.
 */
export async function executeStep(stepId: string, instanceConfig: KandjiIntegrationConfig) {
  const result = await executeStepWithDependencies({
    stepId,
    invocationConfig: testInvocationConfig,
    instanceConfig,
  });
  const step = invocationConfig.integrationSteps.find((s) => s.id === stepId);
  if (!step?.mappedRelationships?.length) {
    expect(result).toMatchStepMetadata({
      stepId,
      invocationConfig: testInvocationConfig,
      instanceConfig,
    });
    return result;
  }
  for (const entity of result.collectedEntities) {
    const declared = step.entities.find((e) => e._type === entity._type);
    expect(declared, entity._type).toBeDefined();
    expect(entity).toMatchGraphObjectSchema({ _class: declared!._class });
  }
  for (const relationship of result.collectedRelationships) {
    if (relationship._mapping) {
      expect(step.mappedRelationships.map((r) => r._type)).toContain(relationship._type);
      const shape = MAPPING_SHAPES[relationship._type];
      expect(shape, relationship._type).toBeDefined();
      expect(relationship._mapping).toMatchObject(shape!);
    } else {
      expect(step.relationships.map((r) => r._type)).toContain(relationship._type);
      expect(relationship).toMatchDirectRelationshipSchema({});
    }
  }
  return result;
}

/**
 * Runs every step (or the listed ones) in dependency order on one mock context: the whole
 * graph. A failing step throws, unless `failures` is given: then, like the J1 runtime, its
 * error is recorded by step id and the later steps still run.
 */
export async function runAllSteps(
  instanceConfig: KandjiIntegrationConfig,
  opts: { steps?: readonly string[]; context?: Ctx; failures?: Map<string, Error> } = {},
): Promise<Ctx> {
  const graph = buildStepDependencyGraph(invocationConfig.integrationSteps);
  const context =
    opts.context ?? createMockStepExecutionContext<KandjiIntegrationConfig>({ instanceConfig });
  for (const id of graph.overallOrder()) {
    if (opts.steps && !opts.steps.includes(id)) continue;
    try {
      await graph.getNodeData(id).executionHandler(context);
    } catch (err) {
      if (!opts.failures) throw err;
      opts.failures.set(id, err as Error);
    }
  }
  return context;
}

/** Everything logged (including published events), to assert on warnings and on the absence of secrets. */
export function captureLogs(context: StepExecutionContext): {
  text: () => string;
  warnEvents: () => string[];
} {
  const lines: unknown[] = [];
  const events: string[] = [];
  const target = context.logger as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const method of [
    'trace',
    'debug',
    'info',
    'warn',
    'error',
    'fatal',
    'publishInfoEvent',
    'publishErrorEvent',
  ] as const) {
    if (typeof target[method] !== 'function') continue;
    vi.spyOn(target, method).mockImplementation((...args: unknown[]) => {
      lines.push(args.map((a) => (a instanceof Error ? `${a.name}: ${a.message}` : a)));
      return undefined;
    });
  }
  vi.spyOn(target, 'publishWarnEvent').mockImplementation((...args: unknown[]) => {
    const event = args[0] as { description?: string };
    events.push(event.description ?? '');
    lines.push(args);
    return undefined;
  });
  return { text: () => JSON.stringify(lines), warnEvents: () => events };
}

export function keysOf(
  objects: readonly { _key: string; _type: string }[],
  type: string,
): string[] {
  return objects
    .filter((o) => o._type === type)
    .map((o) => o._key)
    .sort();
}

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
