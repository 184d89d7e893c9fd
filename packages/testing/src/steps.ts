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
  /**
   * Runs the given steps (default: all) in dependency order on one shared mock context. A
   * failing step throws, unless `failures` is given: then, like the J1 runtime, its error is
   * recorded by step id and the later steps still run.
   */
  runSteps(
    instanceConfig: C,
    opts?: {
      steps?: readonly string[];
      context?: MockIntegrationStepExecutionContext<C>;
      failures?: Map<string, Error>;
    },
  ): Promise<MockIntegrationStepExecutionContext<C>>;
}

export interface StepTestKitOptions {
  /** Per mapped relationship `_type`, what its `_mapping` must match (toMatchObject). */
  mappingShapes?: Record<string, object>;
}

function keysOfType(objects: readonly { _key: string; _type: string }[], type: string) {
  return new Set(objects.filter((o) => o._type === type).map((o) => o._key));
}

export function createStepTestKit<C extends IntegrationInstanceConfig>(
  invocationConfig: IntegrationInvocationConfig<C>,
  options: StepTestKitOptions = {},
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
    // toMatchStepMetadata refuses steps with mapped relationships: check each object directly.
    for (const entity of result.collectedEntities) {
      const declared = step.entities.find((e) => e._type === entity._type);
      expect(declared, `undeclared entity type ${entity._type}`).toBeDefined();
      expect(entity).toMatchGraphObjectSchema({ _class: declared!._class });
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
        const shape = options.mappingShapes?.[meta._type];
        if (shape) expect(mapping).toMatchObject(shape);
      }
    }
    for (const rel of result.collectedRelationships) {
      if (rel._mapping) {
        expect(step.mappedRelationships.map((r) => r._type)).toContain(rel._type);
      } else {
        expect(step.relationships.map((r) => r._type)).toContain(rel._type);
        expect(rel).toMatchDirectRelationshipSchema({});
      }
    }
    return result;
  }

  async function runSteps(
    instanceConfig: C,
    opts: {
      steps?: readonly string[];
      context?: MockIntegrationStepExecutionContext<C>;
      failures?: Map<string, Error>;
    } = {},
  ) {
    const graph = buildStepDependencyGraph(invocationConfig.integrationSteps);
    const context = opts.context ?? createMockStepExecutionContext<C>({ instanceConfig });
    for (const id of graph.overallOrder()) {
      if (opts.steps && !opts.steps.includes(id)) continue;
      try {
        await graph.getNodeData(id).executionHandler(context);
      } catch (err) {
        if (!opts.failures) throw err;
        opts.failures.set(id, err as Error);
      }
    }
    return context;
  }

  return { executeStep, runSteps };
}
