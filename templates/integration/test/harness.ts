import type { IntegrationInvocationConfig } from '@jupiterone/integration-sdk-core';
import { executeStepWithDependencies } from '@jupiterone/integration-sdk-testing';
import { expect } from 'vitest';
import { type IntegrationConfig, invocationConfig } from '../src';
import {
  type __VendorPascal__Simulator,
  type __VendorPascal__SimulatorOptions,
  start__VendorPascal__Simulator,
} from '../simulator';

/** A fleet whose device list spans several pages (the server caps pages at 4). */
export const SMALL_FLEET: __VendorPascal__SimulatorOptions = {
  seed: 'tests',
  devices: 10,
  maxPageSize: 4,
};

export async function withSimulator<T>(
  options: __VendorPascal__SimulatorOptions,
  fn: (sim: __VendorPascal__Simulator) => Promise<T>,
): Promise<T> {
  const sim = await start__VendorPascal__Simulator(options);
  try {
    return await fn(sim);
  } finally {
    await sim.close();
  }
}

const testInvocationConfig = invocationConfig as unknown as IntegrationInvocationConfig;

/** executeStepWithDependencies + the step-metadata check every step test makes. */
export async function executeStep(stepId: string, instanceConfig: IntegrationConfig) {
  const result = await executeStepWithDependencies({
    stepId,
    invocationConfig: testInvocationConfig,
    instanceConfig,
  });
  expect(result).toMatchStepMetadata({
    stepId,
    invocationConfig: testInvocationConfig,
    instanceConfig,
  });
  return result;
}
