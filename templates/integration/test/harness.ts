import { createStepTestKit, withStartedSimulator } from '@mdm-graph/testing';
import { invocationConfig } from '../src';
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

export const { executeStep, runSteps } = createStepTestKit(invocationConfig);

export const withSimulator = <T>(
  options: __VendorPascal__SimulatorOptions,
  fn: (sim: __VendorPascal__Simulator) => Promise<T>,
) => withStartedSimulator(start__VendorPascal__Simulator, options, fn);
