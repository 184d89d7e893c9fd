import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  IntegrationProviderAuthorizationError,
  StepResultStatus,
  type IntegrationInvocationConfig,
  type PartialDatasets,
} from '@jupiterone/integration-sdk-core';
import {
  executeIntegrationInstance,
  LOCAL_INTEGRATION_INSTANCE,
} from '@jupiterone/integration-sdk-runtime';
import { instrumentSteps, type StepCounts } from './counting';
import { configFromEnv, readDotEnv } from './env';
import { summarizeGraph, type GraphSummary } from './graph-summary';
import { watchHttp, type HttpTotals } from './http-metrics';
import { createRunLogger } from './logger';
import { disabledSourcesFromEnv } from './sources';
import type { Reporter } from './progress';

export interface RunOptions {
  invocationConfig: IntegrationInvocationConfig;
  /** Short name used in progress lines, e.g. "kandji". */
  integration: string;
  /** Where `.env` is read and `.j1-integration/` is written (as the J1 CLI does with its cwd). */
  projectDir: string;
  /** Defaults to the process environment; values here win over `.env`. */
  env?: Record<string, string | undefined>;
  reporter?: Reporter;
}

export interface StepOutcome {
  id: string;
  name: string;
  status: string;
  counts: StepCounts;
  durationMs?: number;
  error?: string;
  /** The step failed with an authorization error (a missing permission: its data is partial). */
  authorization?: boolean;
}

/**
 * `collect`'s exit codes: 0 every enabled step succeeded; 2 the collection completed but
 * some data is partial for lack of permission (every failed step failed with an
 * authorization error, or only because such a step failed); 1 anything else (invalid
 * config, authentication, API or other failures).
 */
export const ExitCodes = { OK: 0, FAILED: 1, PARTIAL_PERMISSIONS: 2 } as const;

export interface RunResult {
  integration: string;
  ok: boolean;
  exitCode: number;
  /** Completed, with some data partial for lack of permission (exit code 2). */
  permissionPartial?: boolean;
  /** Ingestion sources switched off for this run (defaults and DISABLED_INGESTION_SOURCES). */
  disabledSources?: string[];
  /** The integration's permission preflight warning, when it logged one (repeated at the end). */
  preflight?: string;
  storageDir: string;
  logFile: string;
  validationError?: string;
  steps: StepOutcome[];
  failedSteps: string[];
  partialDatasets: PartialDatasets;
  graph: GraphSummary;
  http: HttpTotals;
  durationMs: number;
  /** Milliseconds from process start to the first HTTP request. */
  startupMs?: number;
}

/** Longest wait for steps still running after the runtime gave up on a run. */
const STEP_SETTLE_MS = 60_000;

const OK_STATUSES = new Set<string>([
  StepResultStatus.SUCCESS,
  StepResultStatus.DISABLED,
  StepResultStatus.CACHED,
]);

/**
 * One collection, as `j1-integration collect` performs it, but with progress,
 * a graph summary, and a verdict: `ok` only when validation passed and every
 * enabled step succeeded (the J1 CLI exits 0 on a failed step).
 */
export async function runCollection(opts: RunOptions): Promise<RunResult> {
  const started = performance.now();
  const storageDir = join(opts.projectDir, '.j1-integration');
  const logFile = join(opts.projectDir, '.j1-integration.log');
  rmSync(logFile, { force: true });
  mkdirSync(opts.projectDir, { recursive: true });
  const { reporter, integration } = opts;
  const secrets = new Set<string>();
  let preflight: string | undefined;
  const authorizationFailures = new Set<string>();
  const logger = createRunLogger({
    secrets,
    name: integration,
    fields: opts.invocationConfig.instanceConfigFields,
    logFile,
    onConsoleRecord: (r) => {
      if (r.fields.preflight === true && preflight === undefined) preflight = r.msg;
      reporter?.emit({ kind: 'log', integration, level: r.level, msg: r.msg });
    },
  });
  const stepOutcomes = new Map<string, StepOutcome>();
  const http = watchHttp((h) => reporter?.emit({ kind: 'http', integration, http: { ...h } }));
  // Steps still running. The J1 runtime gives up on a run at the first fatal step error (an
  // authentication failure) without waiting for the steps running beside it; the run ends here
  // only when they have ended too, so none of them writes into the next run's directory.
  const running = new Set<string>();
  let allStepsEnded: (() => void) | undefined;
  const config = instrumentSteps(opts.invocationConfig, {
    onStart: (s) => {
      running.add(s.id);
      reporter?.emit({ kind: 'step-start', integration, stepId: s.id, name: s.name });
    },
    onProgress: (s, counts) =>
      reporter?.emit({
        kind: 'step-progress',
        integration,
        stepId: s.id,
        name: s.name,
        counts: { ...counts },
      }),
    onEnd: (s, counts, durationMs, error) => {
      running.delete(s.id);
      if (running.size === 0) allStepsEnded?.();
      const message =
        error === undefined ? undefined : error instanceof Error ? error.message : String(error);
      if (isAuthorizationError(error)) authorizationFailures.add(s.id);
      stepOutcomes.set(s.id, {
        id: s.id,
        name: s.name,
        status: message ? 'failure' : 'success',
        counts: { ...counts },
        durationMs,
        error: message,
        authorization: authorizationFailures.has(s.id) || undefined,
      });
      reporter?.emit({
        kind: 'step-end',
        integration,
        stepId: s.id,
        name: s.name,
        counts: { ...counts },
        durationMs,
        error: message,
      });
    },
  });

  const previousStorage = process.env.JUPITERONE_INTEGRATION_STORAGE_DIRECTORY;
  process.env.JUPITERONE_INTEGRATION_STORAGE_DIRECTORY = storageDir;
  process.env.DISABLE_DISK_USAGE_METRIC ??= '1';
  reporter?.emit({ kind: 'start', integration });
  let validationError: string | undefined;
  let partialDatasets: PartialDatasets = { types: [] };
  const steps: StepOutcome[] = [];
  let disabledSources: string[] = [];
  try {
    const env = { ...readDotEnv(opts.projectDir), ...(opts.env ?? process.env) };
    const instanceConfig = configFromEnv(opts.invocationConfig.instanceConfigFields, env);
    const disabled = disabledSourcesFromEnv(opts.invocationConfig.ingestionConfig, env);
    disabledSources = disabled.map((d) => d.ingestionSourceId);
    if (disabledSources.length > 0)
      logger.info({ disabledSources }, `Ingestion sources off: ${disabledSources.join(', ')}`);
    for (const [field, spec] of Object.entries(opts.invocationConfig.instanceConfigFields ?? {})) {
      const value = (instanceConfig as Record<string, unknown>)[field];
      if (spec.mask && typeof value === 'string') secrets.add(value);
    }
    const result = await executeIntegrationInstance(
      logger,
      { ...LOCAL_INTEGRATION_INSTANCE, config: instanceConfig, disabledSources: disabled },
      config,
      { current: { startedOn: Date.now() } },
      { enableSchemaValidation: true },
    );
    partialDatasets = result.metadata.partialDatasets;
    for (const r of result.integrationStepResults) {
      const seen = stepOutcomes.get(r.id);
      steps.push({
        id: r.id,
        name: r.name,
        status: r.status,
        counts: seen?.counts ?? { entities: 0, relationships: 0 },
        durationMs: seen?.durationMs,
        error: seen?.error,
        authorization: seen?.authorization,
      });
    }
  } catch (err) {
    validationError = err instanceof Error ? err.message : String(err);
    reporter?.emit({
      kind: 'log',
      integration,
      level: 'error',
      msg: `Collection stopped: ${validationError}`,
    });
  } finally {
    if (running.size > 0) {
      await new Promise<void>((resolve) => {
        allStepsEnded = resolve;
        setTimeout(resolve, STEP_SETTLE_MS).unref();
      });
    }
    http.stop();
    if (previousStorage === undefined) delete process.env.JUPITERONE_INTEGRATION_STORAGE_DIRECTORY;
    else process.env.JUPITERONE_INTEGRATION_STORAGE_DIRECTORY = previousStorage;
    reporter?.emit({ kind: 'done', integration });
  }
  const failedSteps = steps.filter((s) => !OK_STATUSES.has(s.status)).map((s) => s.id);
  const ok = validationError === undefined && failedSteps.length === 0;
  const permissionPartial =
    !ok && validationError === undefined && onlyForLackOfPermission(steps, failedSteps);
  return {
    integration,
    ok,
    exitCode: ok
      ? ExitCodes.OK
      : permissionPartial
        ? ExitCodes.PARTIAL_PERMISSIONS
        : ExitCodes.FAILED,
    permissionPartial,
    disabledSources,
    preflight,
    storageDir,
    logFile,
    validationError,
    steps,
    failedSteps,
    partialDatasets,
    graph: await summarizeGraph(storageDir),
    http: { ...http.totals },
    durationMs: performance.now() - started,
    startupMs: http.totals.firstRequestAt,
  };
}

function isAuthorizationError(err: unknown): boolean {
  if (err instanceof IntegrationProviderAuthorizationError) return true;
  // Another copy of the SDK (e.g. the integration's own) is not `instanceof` ours.
  return (
    typeof err === 'object' &&
    err !== null &&
    (err as { code?: unknown }).code === 'PROVIDER_AUTHORIZATION_ERROR'
  );
}

/**
 * True when at least one step failed with an authorization error and every other failed
 * step is only partial because a dependency failed (it raised no error of its own).
 */
function onlyForLackOfPermission(steps: StepOutcome[], failedSteps: string[]): boolean {
  const failed = steps.filter((s) => failedSteps.includes(s.id));
  if (!failed.some((s) => s.authorization)) return false;
  return failed.every(
    (s) =>
      s.authorization ||
      (s.status === StepResultStatus.PARTIAL_SUCCESS_DUE_TO_DEPENDENCY_FAILURE && !s.error),
  );
}
