import type {
  IntegrationInvocationConfig,
  StepExecutionContext,
} from '@jupiterone/integration-sdk-core';
import {
  executeStepWithDependencies,
  type MockIntegrationStepExecutionContext,
} from '@jupiterone/integration-sdk-testing';
import { expect, vi } from 'vitest';
import { type IntegrationConfig, invocationConfig } from '../src';
import { type EsperSimulatorOptions, startEsperSimulator } from '../simulator';

export { runSteps } from './run-steps';

export type Ctx = MockIntegrationStepExecutionContext<IntegrationConfig>;

/** A small fleet whose lists all span at least three pages (the server caps pages at 4). */
export const SMALL_FLEET: EsperSimulatorOptions = {
  seed: 'tests',
  devices: 14,
  groups: 9,
  catalogApps: 9,
  users: 9,
  appsPerDevice: 9,
  maxPageSize: 4,
};

/**
 * SMALL_FLEET plus Apple (iOS, iPadOS, macOS), Windows and Linux devices, which only the
 * v2 API lists; v2 pages capped at 5 so the v2 list spans pages too.
 */
export const MULTI_OS_FLEET: EsperSimulatorOptions = {
  ...SMALL_FLEET,
  apple: 9,
  windows: 4,
  linux: 2,
  v2MaxPageSize: 5,
};

export async function withSimulator<T>(
  options: EsperSimulatorOptions,
  fn: (sim: Awaited<ReturnType<typeof startEsperSimulator>>) => Promise<T>,
): Promise<T> {
  const sim = await startEsperSimulator(options);
  try {
    return await fn(sim);
  } finally {
    await sim.close();
  }
}

/** Everything a step logged, to search for secrets. */
export function captureLogs(context: StepExecutionContext): () => string {
  const lines: unknown[] = [];
  for (const method of [
    'trace',
    'debug',
    'info',
    'warn',
    'error',
    'fatal',
    'publishWarnEvent',
    'publishInfoEvent',
    'publishErrorEvent',
  ] as const) {
    const target = context.logger as unknown as Record<string, (...args: unknown[]) => unknown>;
    if (typeof target[method] !== 'function') continue;
    vi.spyOn(target, method).mockImplementation((...args: unknown[]) => {
      lines.push(args.map((a) => (a instanceof Error ? `${a.name}: ${a.message}` : a)));
      return undefined;
    });
  }
  return () => JSON.stringify(lines);
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

/** The SDK test helpers take the untyped invocation config. */
export const testInvocationConfig = invocationConfig as unknown as IntegrationInvocationConfig;

/** executeStepWithDependencies + the step-metadata check every step test makes. */
export async function executeStep(stepId: string, instanceConfig: IntegrationConfig) {
  const result = await executeStepWithDependencies({
    stepId,
    invocationConfig: testInvocationConfig,
    instanceConfig,
  });
  const step = testInvocationConfig.integrationSteps.find((s) => s.id === stepId);
  if (step?.mappedRelationships?.length) {
    // toMatchStepMetadata refuses steps with mapped relationships: check the schemas directly.
    for (const meta of step.entities) {
      expect(
        result.collectedEntities.filter((e) => e._type === meta._type),
      ).toMatchGraphObjectSchema({
        _class: meta._class,
      });
    }
    for (const meta of step.relationships) {
      const rels = result.collectedRelationships.filter((r) => r._type === meta._type);
      expect(rels).toMatchDirectRelationshipSchema({});
    }
  } else {
    expect(result).toMatchStepMetadata({
      stepId,
      invocationConfig: testInvocationConfig,
      instanceConfig,
    });
  }
  return result;
}
