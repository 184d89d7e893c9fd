import type { IntegrationInvocationConfig } from '@jupiterone/integration-sdk-core';
import { type MockIntegrationStepExecutionContext } from '@jupiterone/integration-sdk-testing';
import { createStepTestKit, withStartedSimulator } from '@mdm-graph/testing';
import { type IntegrationConfig, invocationConfig } from '../src';
import { type EsperSimulatorOptions, startEsperSimulator } from '../simulator';

/** executeStepWithDependencies + the step-metadata checks, and steps in dependency order. */
export const { executeStep, runSteps } = createStepTestKit(invocationConfig);
export { captureLogs, keysOf } from '@mdm-graph/testing';

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

export const withSimulator = <T>(
  options: EsperSimulatorOptions,
  fn: (sim: Awaited<ReturnType<typeof startEsperSimulator>>) => Promise<T>,
): Promise<T> => withStartedSimulator(startEsperSimulator, options, fn);

/** The SDK test helpers take the untyped invocation config. */
export const testInvocationConfig = invocationConfig as unknown as IntegrationInvocationConfig;
