export { ExitCodes, runCollection, type RunOptions, type RunResult, type StepOutcome } from './run';
export { disabledSourcesFromEnv, DISABLED_VAR, ENABLED_VAR } from './sources';
export { formatRunSummary } from './format';
export {
  createConsoleReporter,
  createIpcReporter,
  httpLine,
  type ProgressEvent,
  type Reporter,
} from './progress';
export { summarizeGraph, type GraphSummary } from './graph-summary';
export { configFromEnv, envVarName, readDotEnv } from './env';
export { HTTP_CHANNEL, watchHttp, type HttpTotals } from './http-metrics';
export { instrumentSteps, type StepCounts } from './counting';
export { assertBenchRun, collectInChild, type ChildCollectionReport } from './collect-child';
export {
  findWorkspaceRoot,
  integrationById,
  integrationDir,
  loadIntegrationPackage,
  loadSimulatorContract,
  loadSimulatorModule,
  readIntegrations,
  type RegisteredIntegration,
} from './registry';
export { COLLECT_HEAP_GROWING_PERCENT, tuneHeapForCollection } from './heap';
