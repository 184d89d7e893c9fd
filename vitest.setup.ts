// Registers the JupiterOne graph-object matchers for vitest and turns on
// entity validation against @jupiterone/data-model for every test.
import { expect } from 'vitest';

process.env.ENABLE_GRAPH_OBJECT_SCHEMA_VALIDATION = 'true';

async function registerJupiterOneMatchers(): Promise<void> {
  let testing: Record<string, unknown>;
  try {
    testing = (await import('@jupiterone/integration-sdk-testing')) as Record<string, unknown>;
  } catch {
    return; // packages that do not depend on the SDK testing helpers
  }
  const names = [
    'toMatchGraphObjectSchema',
    'toMatchDirectRelationshipSchema',
    'toMatchMappedRelationshipSchema',
    'toTargetEntities',
    'toImplementSpec',
    'toMatchStepMetadata',
    'toHaveOnlyDirectRelationships',
  ];
  const matchers: Record<string, unknown> = {};
  for (const name of names) {
    if (typeof testing[name] === 'function') matchers[name] = testing[name];
  }
  expect.extend(matchers as Parameters<typeof expect.extend>[0]);
}

await registerJupiterOneMatchers();
