/**
 * The integrations' shared test kit. Each integration's `test/harness.ts` binds it to its own
 * invocation config and simulator:
 *
 *   export const { executeStep, runSteps } = createStepTestKit(invocationConfig);
 *   export const withSimulator = (opts, fn) => withStartedSimulator(startAcmeSimulator, opts, fn);
 */
export { withStartedSimulator } from './simulator';
export { createStepTestKit, type StepTestKit, type StepTestKitOptions } from './steps';
export { captureLogs, keysOf, type CapturedLogs } from './logs';
