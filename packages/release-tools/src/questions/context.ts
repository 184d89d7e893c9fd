import { RelationshipClass, entityClasses } from '@jupiterone/data-model';
import type { J1qlContext } from './j1ql';

/** The parts of an IntegrationInvocationConfig the question checker reads. */
export interface StepsLike {
  integrationSteps: readonly {
    entities: readonly { _type: string }[];
    relationships: readonly {
      _type: string;
      _class: string;
      sourceType: string;
      targetType: string;
    }[];
    mappedRelationships?: readonly { _class: string; sourceType: string; targetType: string }[];
  }[];
}

/**
 * The J1QL context of one integration, read from its built invocationConfig so
 * questions can only name types that the steps declare (and so documents).
 */
export function contextFromInvocationConfig(config: StepsLike): J1qlContext {
  const types = new Set<string>();
  const relationships: J1qlContext['relationships'][number][] = [];
  for (const step of config.integrationSteps) {
    for (const e of step.entities) types.add(e._type);
    for (const r of [...step.relationships, ...(step.mappedRelationships ?? [])]) {
      types.add(r.sourceType);
      types.add(r.targetType);
      relationships.push({ sourceType: r.sourceType, _class: r._class, targetType: r.targetType });
    }
  }
  return {
    types,
    classes: new Set(entityClasses),
    relationshipClasses: new Set<string>(Object.values(RelationshipClass)),
    relationships,
  };
}
