import type { IntegrationInvocationConfig } from '@jupiterone/integration-sdk-core';
import {
  loadIntegrationPackage,
  loadSimulatorContract,
  readIntegrations,
  type RegisteredIntegration,
} from '@mdm-graph/j1-runner';
import type { IntegrationSimulator } from '@mdm-graph/mdm-core/sim';

/** A registered integration (integrations.json) as the matrix and the benchmark use it. */
export interface MatrixIntegration {
  id: string;
  title: string;
  entry: RegisteredIntegration;
  /** Prefix of its matrix case ids ("K" for Kandji): first free of its id's initials, in registry order. */
  prefix: string;
  simulator: IntegrationSimulator;
  invocationConfig(): IntegrationInvocationConfig;
}

let registered: MatrixIntegration[] | undefined;

/** Case id prefixes: the id's first letter, upper case, else its first two, three… letters. */
export function casePrefixes(ids: readonly string[]): string[] {
  const taken = new Set<string>();
  return ids.map((id) => {
    const letters = id.replace(/[^a-z]/gi, '').toUpperCase() || 'X';
    for (let n = 1; n <= letters.length; n++) {
      const p = letters.slice(0, n);
      if (!taken.has(p)) {
        taken.add(p);
        return p;
      }
    }
    throw new Error(`no free matrix case prefix for "${id}"`);
  });
}

/**
 * Every integration of the registry, with its simulator contract (the built simulators are
 * loaded by path: they are built with each integration but never published).
 */
export function matrixIntegrations(): MatrixIntegration[] {
  if (!registered) {
    const entries = readIntegrations();
    const prefixes = casePrefixes(entries.map((e) => e.id));
    registered = entries.map((entry, i) => ({
      id: entry.id,
      title: entry.title,
      entry,
      prefix: prefixes[i] ?? entry.id,
      simulator: loadSimulatorContract<IntegrationSimulator>(entry),
      invocationConfig: () =>
        loadIntegrationPackage(entry).invocationConfig as IntegrationInvocationConfig,
    }));
  }
  return registered;
}

export function matrixIntegration(id: string): MatrixIntegration {
  const found = matrixIntegrations().find((i) => i.id === id);
  if (!found)
    throw new Error(
      `integrations.json lists no "${id}" (known: ${matrixIntegrations()
        .map((i) => i.id)
        .join(', ')})`,
    );
  return found;
}
