import type {
  IntegrationInstanceConfig,
  IntegrationInvocationConfig,
  RelationshipMapping,
} from '@jupiterone/integration-sdk-core';
import { buildStepDependencyGraph } from '@jupiterone/integration-sdk-runtime';
import {
  createMockStepExecutionContext,
  executeStepWithDependencies,
  type MockIntegrationStepExecutionContext,
} from '@jupiterone/integration-sdk-testing';
import { expect } from 'vitest';

export interface StepTestKit<C extends IntegrationInstanceConfig> {
  /**
   * Runs a step after its dependencies and checks what it collected against its metadata: entities
   * against the data model and their declared classes, direct relationships against their schema,
   * and mapped relationships' `_mapping` (source key of a collected entity, target `_type`,
   * direction, target filter keys).
   */
  executeStep(stepId: string, instanceConfig: C): ReturnType<typeof executeStepWithDependencies>;
  /** Runs the given steps (default: all) in dependency order on one shared mock context. */
  runSteps(
    instanceConfig: C,
    opts?: { steps?: readonly string[]; context?: MockIntegrationStepExecutionContext<C> },
  ): Promise<MockIntegrationStepExecutionContext<C>>;
}

function keysOfType(objects: readonly { _key: string; _type: string }[], type: string) {
  return new Set(objects.filter((o) => o._type === type).map((o) => o._key));
}

export function createStepTestKit<C extends IntegrationInstanceConfig>(
  invocationConfig: IntegrationInvocationConfig<C>,
): StepTestKit<C> {
  // The SDK test helpers take the untyped invocation config.
  const untyped = invocationConfig as unknown as IntegrationInvocationConfig;

  async function executeStep(stepId: string, instanceConfig: C) {
    const result = await executeStepWithDependencies({
      stepId,
      invocationConfig: untyped,
      instanceConfig,
    });
    const step = untyped.integrationSteps.find((s) => s.id === stepId);
    if (!step) throw new Error(`no step "${stepId}" in the invocation config`);
    if (!step.mappedRelationships?.length) {
      expect(result).toMatchStepMetadata({ stepId, invocationConfig: untyped, instanceConfig });
      return result;
    }
    // toMatchStepMetadata refuses steps with mapped relationships: check each part directly.
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
    for (const meta of step.mappedRelationships) {
      const sources = keysOfType(result.collectedEntities, meta.sourceType);
      const rels = result.collectedRelationships.filter((r) => r._type === meta._type);
      for (const rel of rels) {
        expect(rel._mapping, `${meta._type} without _mapping`).toBeTypeOf('object');
        const mapping = rel._mapping as RelationshipMapping;
        expect(mapping.relationshipDirection).toBe(meta.direction);
        expect(mapping.targetEntity._type).toBe(meta.targetType);
        expect(mapping.targetFilterKeys.length).toBeGreaterThan(0);
        if (sources.size > 0) expect(sources.has(mapping.sourceEntityKey)).toBe(true);
      }
    }
    return result;
  }

  async function runSteps(
    instanceConfig: C,
    opts: { steps?: readonly string[]; context?: MockIntegrationStepExecutionContext<C> } = {},
  ) {
    const graph = buildStepDependencyGraph(invocationConfig.integrationSteps);
    const context = opts.context ?? createMockStepExecutionContext<C>({ instanceConfig });
    for (const id of graph.overallOrder()) {
      if (opts.steps && !opts.steps.includes(id)) continue;
      await graph.getNodeData(id).executionHandler(context);
    }
    return context;
  }

  return { executeStep, runSteps };
}
