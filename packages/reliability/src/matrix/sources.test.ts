import { StepResultStatus } from '@jupiterone/integration-sdk-core';
import { describe, expect } from 'vitest';
import { describeSteps, type Collected } from '../collect';
import type { CollectedGraph } from '../graph';
import { matrixTest } from './define';
import { cleanGraph, startTenant } from './harness';

/** Keys of the given types, sorted. */
function keysOfTypes(g: CollectedGraph, types: readonly string[]): string[] {
  const out: string[] = [];
  for (const k of g.entityKeys) if (types.includes(g.entityTypes.get(k) ?? '')) out.push(k);
  for (const k of g.relationshipKeys)
    if (types.includes(g.relationshipTypes.get(k) ?? '')) out.push(k);
  return out.sort();
}

/** Every relationship's ends of one type are entities of the run (no dangling link). */
function danglingEnds(run: Collected, relType: string, entityType: string): string[] {
  const ends = new Set(
    [...run.graph.entityKeys].filter((k) => run.graph.entityTypes.get(k) === entityType),
  );
  return [...run.graph.relationshipKeys]
    .filter((k) => run.graph.relationshipTypes.get(k) === relType)
    .flatMap((k) => k.split('|').filter((part) => part.startsWith(`${entityType}:`)))
    .filter((end) => !ends.has(end));
}

function errorText(run: Collected): string {
  return run.result.steps.map((s) => s.error ?? '').join('\n');
}

const SEED_TYPES: Record<'kandji' | 'esper', string[]> = {
  kandji: [
    'kandji_account',
    'kandji_device',
    'kandji_app',
    'kandji_account_has_device',
    'kandji_device_has_app',
    'kandji_device_has_user',
  ],
  esper: [
    'esper_account',
    'esper_device',
    'esper_device_group',
    'esper_account_has_device',
    'esper_account_has_device_group',
    'esper_device_group_has_device',
    'esper_device_group_has_group',
    'esper_user_has_device',
  ],
};

/** Each vendor's users source: how its warning names the permission, and the links it completes. */
const USERS_SOURCE: Record<'kandji' | 'esper', { permission: string; rel: string; user: string }> =
  {
    kandji: { permission: '"Users"', rel: 'kandji_device_has_user', user: 'kandji_user' },
    esper: { permission: 'read users', rel: 'esper_user_has_device', user: 'esper_user' },
  };

/** The Kandji simulator's routes of the security findings (sources `vulnerabilities`, `threats`). */
const FINDINGS_ROUTES = [
  'vulnerability-detections',
  'vulnerabilities',
  'threat-details',
  'behavioral-detections',
];

describe('ingestion sources and least privilege', () => {
  matrixTest('K-PM-2', async () => {
    const expected = await cleanGraph('kandji');
    const tenant = await startTenant('kandji', {
      sim: {
        deniedPermissions: [
          'prism',
          'users',
          'blueprints',
          'libraryItems',
          'licensing',
          'vulnerabilityManagement',
          'threats',
        ],
      },
    });
    try {
      // Exactly what a user sets: the token, the URL and the switches (no ENABLED_*). The
      // security findings are on by default, so a token without their permissions switches
      // them off too.
      const { ENABLED_INGESTION_SOURCES: _all, ...env } = tenant.env;
      const run = await tenant.run('least-privilege', {
        ...env,
        DISABLED_INGESTION_SOURCES: 'users,vulnerabilities,threats',
      });
      expect(run.result.exitCode, describeSteps(run.result)).toBe(0);
      expect(run.result.failedSteps).toEqual([]);
      const byRoute = tenant.server.stats().byRoute;
      for (const route of ['users', 'blueprints', 'custom-profiles', ...FINDINGS_ROUTES])
        expect(byRoute[route]?.count ?? 0, route).toBe(0);
      expect(keysOfTypes(run.graph, SEED_TYPES.kandji)).toEqual(
        keysOfTypes(expected, SEED_TYPES.kandji),
      );
      expect(keysOfTypes(run.graph, ['kandji_device_has_user']).length).toBeGreaterThan(0);
      expect(danglingEnds(run, USERS_SOURCE.kandji.rel, USERS_SOURCE.kandji.user)).toEqual([]);
      expect(run.summary?.metadata.partialDatasets.types).toEqual([]);
    } finally {
      await tenant.close();
    }
  });

  matrixTest('E-PM-2', async () => {
    const expected = await cleanGraph('esper');
    const tenant = await startTenant('esper', {
      sim: { deniedPermissions: ['users', 'device-apps'] },
    });
    try {
      const { ENABLED_INGESTION_SOURCES: _all, ...env } = tenant.env;
      const run = await tenant.run('least-privilege', {
        ...env,
        DISABLED_INGESTION_SOURCES: 'users,installed-apps',
      });
      expect(run.result.exitCode, describeSteps(run.result)).toBe(0);
      expect(run.result.failedSteps).toEqual([]);
      expect(tenant.server.stats().byStatus['403'] ?? 0, 'requests to switched-off sources').toBe(
        0,
      );
      expect(keysOfTypes(run.graph, SEED_TYPES.esper)).toEqual(
        keysOfTypes(expected, SEED_TYPES.esper),
      );
      expect(keysOfTypes(run.graph, ['esper_user_has_device']).length).toBeGreaterThan(0);
      expect(danglingEnds(run, USERS_SOURCE.esper.rel, USERS_SOURCE.esper.user)).toEqual([]);
      expect(run.summary?.metadata.partialDatasets.types).toEqual([]);
    } finally {
      await tenant.close();
    }
  });

  for (const [id, integration] of [
    ['K-PM-3', 'kandji'],
    ['E-PM-3', 'esper'],
  ] as const) {
    const { permission } = USERS_SOURCE[integration];
    matrixTest(id, async () => {
      const expected = await cleanGraph(integration);
      const tenant = await startTenant(integration, {
        sim: { deniedPermissions: ['users'] },
      });
      try {
        const run = await tenant.run('users-denied');
        expect(run.result.exitCode, describeSteps(run.result)).toBe(2);
        expect(run.result.permissionPartial).toBe(true);
        // fetch-users fails; record-collection-health (it depends on every step) is only
        // partial because of it, and records why on the account.
        expect(run.result.failedSteps).toEqual(['fetch-users', 'record-collection-health']);
        const health = run.result.steps.find((st) => st.id === 'record-collection-health');
        expect(health?.status).toBe(StepResultStatus.PARTIAL_SUCCESS_DUE_TO_DEPENDENCY_FAILURE);
        expect(health?.error).toBeUndefined();
        for (const text of [errorText(run), run.result.preflight ?? '']) {
          expect(text).toContain(permission);
          expect(text).toContain('switch off the "users" ingestion source');
        }
        expect(
          run.console.filter((l) => l.msg.startsWith('Permission preflight')),
          'one preflight warning',
        ).toHaveLength(1);
        // One probe (limit=1) and the step's own read; both refused.
        expect(tenant.server.stats().byRoute.users?.count).toBe(2);
        const { rel, user } = USERS_SOURCE[integration];
        expect(keysOfTypes(run.graph, [rel])).toEqual(keysOfTypes(expected, [rel]));
        expect(danglingEnds(run, rel, user)).toEqual([]);
        const partial = run.summary?.metadata.partialDatasets.types ?? [];
        expect(partial).toContain(user);
        expect(partial).not.toContain(rel);
      } finally {
        await tenant.close();
      }
    });
  }
});
