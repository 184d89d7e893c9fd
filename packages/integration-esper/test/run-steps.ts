import type { IntegrationInvocationConfig } from '@jupiterone/integration-sdk-core';
import { buildStepDependencyGraph } from '@jupiterone/integration-sdk-runtime';
import {
  createMockStepExecutionContext,
  type MockIntegrationStepExecutionContext,
} from '@jupiterone/integration-sdk-testing';
import { type IntegrationConfig, invocationConfig } from '../src';

type Ctx = MockIntegrationStepExecutionContext<IntegrationConfig>;

/** Runs the given steps (default: all) in dependency order on one shared mock context. */
export async function runSteps(
  instanceConfig: IntegrationConfig,
  opts: { steps?: readonly string[]; context?: Ctx } = {},
): Promise<Ctx> {
  const config = invocationConfig as IntegrationInvocationConfig<IntegrationConfig>;
  const graph = buildStepDependencyGraph(config.integrationSteps);
  const context =
    opts.context ?? createMockStepExecutionContext<IntegrationConfig>({ instanceConfig });
  for (const id of graph.overallOrder()) {
    if (opts.steps && !opts.steps.includes(id)) continue;
    await graph.getNodeData(id).executionHandler(context);
  }
  return context;
}
