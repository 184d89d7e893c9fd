import diagnostics from 'node:diagnostics_channel';
import {
  IntegrationError,
  IntegrationProviderAuthorizationError,
  type Entity,
  type IntegrationInvocationConfig,
  type IntegrationInstanceConfig,
  type IntegrationStep,
  type IntegrationStepExecutionContext,
  type JobState,
  type StepAuthorization,
  type StepEntityMetadata,
  type StepStartStates,
} from '@jupiterone/integration-sdk-core';
import { HTTP_DIAGNOSTICS_CHANNEL, type HttpDiagnosticsMessage } from '../http/diagnostics';
import { isListIncompleteError } from '../paginate/completeness';
import { VALIDATION_DIAGNOSTICS_CHANNEL } from '../schema/report';

/** Why a type is partial: a 403, a list cut short, any other failure. */
export type PartialReason = 'permission' | 'completeness' | 'error';

/** The properties the account entity carries about the run that wrote it. */
export interface CollectionHealthProperties {
  /** When this run's collection finished (epoch ms). */
  lastCollectionOn: number;
  /** True when no collected type is partial. */
  lastCollectionComplete: boolean;
  lastCollectionCompleteTypes: string[];
  /** Types JupiterOne keeps from earlier runs instead of replacing (their step, or one it depends on, failed). */
  lastCollectionPartialTypes: string[];
  /** `<type>: <reason>` for each partial type; reason is permission, completeness or error. */
  lastCollectionPartialReasons: string[];
  /** Records that failed validation and were skipped (logged by path, never by value). */
  lastCollectionSkippedRecords: number;
  /** HTTP requests the collection steps sent (retries included). */
  lastCollectionRequests: number;
}

interface StepOutcome {
  ok: boolean;
  reason?: PartialReason;
}

interface RunState {
  outcomes: Map<string, StepOutcome>;
  /** Set when the run started through the SDK (getStepStartStates) with the health step enabled. */
  healthStepRuns: boolean;
  requests: number;
  skipped: number;
  stop(): void;
}

const DEFERRED_ACCOUNT = 'mdm-graph:deferred-account-entity';
const runs = new Map<string, RunState>();

/** One key per collection run (instance + start time), shared by every step context of it. */
function runKey(context: {
  instance: { id?: string };
  executionHistory?: { current?: { startedOn?: number } };
}): string {
  return `${context.instance.id ?? 'local'}:${context.executionHistory?.current?.startedOn ?? 0}`;
}

function runState(key: string): RunState {
  let state = runs.get(key);
  if (state) return state;
  const s: RunState = {
    outcomes: new Map(),
    healthStepRuns: false,
    requests: 0,
    skipped: 0,
    stop: () => undefined,
  };
  const onHttp = (m: unknown) => {
    if ((m as HttpDiagnosticsMessage).type === 'request') s.requests += 1;
  };
  const onSkip = () => {
    s.skipped += 1;
  };
  diagnostics.subscribe(HTTP_DIAGNOSTICS_CHANNEL, onHttp);
  diagnostics.subscribe(VALIDATION_DIAGNOSTICS_CHANNEL, onSkip);
  s.stop = () => {
    diagnostics.unsubscribe(HTTP_DIAGNOSTICS_CHANNEL, onHttp);
    diagnostics.unsubscribe(VALIDATION_DIAGNOSTICS_CHANNEL, onSkip);
  };
  state = s;
  runs.set(key, state);
  return state;
}

/** How a step's error reads in collection health. */
export function partialReasonOf(err: unknown): PartialReason {
  if (isListIncompleteError(err)) return 'completeness';
  if (
    err instanceof IntegrationProviderAuthorizationError ||
    (err instanceof IntegrationError && err.code === 'PROVIDER_AUTHORIZATION_ERROR')
  )
    return 'permission';
  return 'error';
}

/**
 * The account step hands its entity over instead of adding it: the collection
 * health step adds it at the end of the run with the health properties (an entity
 * can be added once per run, and JupiterOne uploads what steps add, not what
 * `afterExecution` does). When the health step is not part of the run (a single
 * step executed by a test harness), the entity is added right away.
 */
export async function deferAccountEntity(
  context: { jobState: JobState } & Parameters<typeof runKey>[0],
  account: Entity,
): Promise<void> {
  if (runs.get(runKey(context))?.healthStepRuns) {
    await context.jobState.setData(DEFERRED_ACCOUNT, account);
  } else {
    await context.jobState.addEntity(account);
  }
}

function typesOf(step: IntegrationStep<IntegrationInstanceConfig>): string[] {
  return [
    ...step.entities.map((e) => e._type),
    ...step.relationships.map((r) => r._type),
    ...(step.mappedRelationships ?? []).map((r) => r._type),
  ];
}

/** Steps that will not run: disabled ones and, as the SDK does, everything depending on them. */
function disabledSteps(
  steps: IntegrationStep<IntegrationInstanceConfig>[],
  states: StepStartStates,
  disabledSources: string[],
): Set<string> {
  const off = new Set<string>();
  for (const s of steps) {
    if (states[s.id]?.disabled) off.add(s.id);
    if (s.ingestionSourceId && disabledSources.includes(s.ingestionSourceId)) off.add(s.id);
  }
  let grew = true;
  while (grew) {
    grew = false;
    for (const s of steps) {
      if (!off.has(s.id) && (s.dependsOn ?? []).some((d) => off.has(d))) {
        off.add(s.id);
        grew = true;
      }
    }
  }
  return off;
}

/** Health of the steps that ran, per declared type. */
export function summarizeHealth(
  steps: IntegrationStep<IntegrationInstanceConfig>[],
  outcomes: ReadonlyMap<string, StepOutcome>,
  extraTypes: ReadonlyMap<string, string[]> = new Map(),
): Pick<
  CollectionHealthProperties,
  | 'lastCollectionComplete'
  | 'lastCollectionCompleteTypes'
  | 'lastCollectionPartialTypes'
  | 'lastCollectionPartialReasons'
> {
  const byId = new Map(steps.map((s) => [s.id, s]));
  // A step that succeeded after a dependency failed is partial too (the SDK says so), for that reason.
  const reasonOf = (id: string, seen = new Set<string>()): PartialReason | undefined => {
    if (seen.has(id)) return undefined;
    seen.add(id);
    const own = outcomes.get(id);
    if (own && !own.ok) return own.reason ?? 'error';
    for (const dep of byId.get(id)?.dependsOn ?? []) {
      const r = reasonOf(dep, seen);
      if (r) return r;
    }
    return undefined;
  };
  const partial = new Map<string, PartialReason>();
  const complete = new Set<string>();
  for (const step of steps) {
    if (!outcomes.has(step.id)) continue;
    const reason = reasonOf(step.id);
    for (const type of [...typesOf(step), ...(extraTypes.get(step.id) ?? [])]) {
      if (reason) {
        if (!partial.has(type)) partial.set(type, reason);
      } else complete.add(type);
    }
  }
  for (const type of partial.keys()) complete.delete(type);
  const partialTypes = [...partial.keys()].sort();
  return {
    lastCollectionComplete: partialTypes.length === 0,
    lastCollectionCompleteTypes: [...complete].sort(),
    lastCollectionPartialTypes: partialTypes,
    lastCollectionPartialReasons: partialTypes.map((t) => `${t}: ${partial.get(t)}`),
  };
}

export interface CollectionHealthOptions {
  /** The step that builds the account entity (and calls deferAccountEntity). */
  accountStepId: string;
  /** The account entity type, declared by the health step that adds it. */
  accountEntity: StepEntityMetadata;
  /** Default "record-collection-health". */
  stepId?: string;
  /**
   * The health step's ingestion source: the one that cannot be disabled (the account's).
   * Its dependencies are pruned to the steps that run, so no source switched off disables it.
   */
  ingestionSourceId?: string;
  /** What the account entity it writes needs (usually the account step's authorization). */
  authorization?: StepAuthorization;
}

/**
 * Adds collection health to an integration: every step's outcome is recorded; a
 * last step, depending on every step that runs, adds the account entity (handed
 * over by the account step with deferAccountEntity) with the
 * CollectionHealthProperties of this run. Steps disabled for the run (start states,
 * disabled ingestion sources, and what depends on them) are dropped from its
 * dependencies when the run starts, as the SDK would otherwise never run it.
 *
 * When a step failed, the SDK reports the health step as partial too, so the account
 * type is partial for that run: the account entity is still uploaded and updated,
 * and JupiterOne deletes nothing of that type.
 */
export function withCollectionHealth<TConfig extends IntegrationInstanceConfig>(
  config: IntegrationInvocationConfig<TConfig>,
  opts: CollectionHealthOptions,
): IntegrationInvocationConfig<TConfig> {
  const stepId = opts.stepId ?? 'record-collection-health';
  const steps = config.integrationSteps as unknown as IntegrationStep<IntegrationInstanceConfig>[];
  const allIds = steps.map((s) => s.id);

  const wrapped = config.integrationSteps.map((step): IntegrationStep<TConfig> => ({
    ...step,
    executionHandler: async (context: IntegrationStepExecutionContext<TConfig>) => {
      const state = runState(runKey(context));
      try {
        await step.executionHandler(context);
        state.outcomes.set(step.id, { ok: true });
      } catch (err) {
        state.outcomes.set(step.id, { ok: false, reason: partialReasonOf(err) });
        throw err;
      }
    },
  }));

  const healthStep: IntegrationStep<TConfig> = {
    id: stepId,
    name: 'Record Collection Health',
    entities: [opts.accountEntity],
    relationships: [],
    dependsOn: [...allIds],
    ...(opts.ingestionSourceId ? { ingestionSourceId: opts.ingestionSourceId } : {}),
    ...(opts.authorization ? { authorization: opts.authorization } : {}),
    executionHandler: async (context) => {
      const key = runKey(context);
      const state = runState(key);
      try {
        const account = await context.jobState.getData<Entity>(DEFERRED_ACCOUNT);
        if (!account && state.outcomes.get(opts.accountStepId)?.ok) {
          // Not started through the SDK (a test harness): the account step added it itself.
          context.logger.debug('Account entity already added by its step; no health recorded');
          return;
        }
        if (!account) {
          throw new IntegrationError({
            code: 'MDM_ACCOUNT_MISSING',
            message: `The account entity was not collected (step ${opts.accountStepId} did not finish): nothing to record collection health on`,
          });
        }
        const health: CollectionHealthProperties = {
          lastCollectionOn: Date.now(),
          ...summarizeHealth(
            steps,
            state.outcomes,
            new Map([[opts.accountStepId, [opts.accountEntity._type]]]),
          ),
          lastCollectionSkippedRecords: state.skipped,
          lastCollectionRequests: state.requests,
        };
        context.logger.info(
          {
            partialTypes: health.lastCollectionPartialReasons,
            skippedRecords: health.lastCollectionSkippedRecords,
            requests: health.lastCollectionRequests,
          },
          health.lastCollectionComplete
            ? 'Collection complete'
            : `Collection partial: ${health.lastCollectionPartialReasons.join(', ')}`,
        );
        await context.jobState.addEntity({ ...account, ...health });
      } finally {
        state.stop();
        runs.delete(key);
      }
    },
  };

  const original = config.getStepStartStates;
  const originalAfter = config.afterExecution;
  return {
    ...config,
    afterExecution: async (context) => {
      // A run that never reached the health step (a fatal error) must not keep counting.
      const key = runKey(context);
      runs.get(key)?.stop();
      runs.delete(key);
      await originalAfter?.(context);
    },
    integrationSteps: [...wrapped, healthStep],
    getStepStartStates: async (context) => {
      const all = [...allIds, stepId];
      const states: StepStartStates =
        (await original?.(context)) ??
        Object.fromEntries(all.map((id) => [id, { disabled: false }]));
      states[stepId] ??= { disabled: false };
      const disabledSources = (context.instance.disabledSources ?? []).map(
        (s) => s.ingestionSourceId,
      );
      const off = disabledSteps(steps, states, disabledSources);
      // Depend on every step that will run: a disabled dependency would keep this step from running.
      // In place: runners that copy the steps ({ ...step }) before the run share this array.
      const deps = healthStep.dependsOn as string[];
      deps.splice(0, deps.length, ...allIds.filter((id) => !off.has(id)));
      const health = runState(runKey(context));
      health.healthStepRuns = !states[stepId]?.disabled && !off.has(opts.accountStepId);
      return states;
    },
  };
}
