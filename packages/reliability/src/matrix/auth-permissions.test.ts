import { Permissions as KandjiPermissions } from '@mdm-graph/integration-kandji';
import { describe, expect } from 'vitest';
import { describeSteps } from '../collect';
import { diffGraphs, type CollectedGraph } from '../graph';
import type { Collected } from '../collect';
import { esperOAuthEnv, type EsperSimulator } from '../vendors/esper';
import { matrixTest, matrixTests } from './define';
import { cleanGraph, graphMismatch, startTenant, type Tenant } from './harness';

/** Everything the run or its log says about what went wrong. */
function errorText(run: Collected): string {
  return [run.result.validationError ?? '', ...run.result.steps.map((s) => s.error ?? '')].join(
    '\n',
  );
}

describe('auth', () => {
  matrixTest('E-AU-1', async () => {
    const expected = await cleanGraph('esper');
    const ref: { tenant?: Tenant } = {};
    let apiRequests = 0;
    const tenant = await startTenant('esper', {
      env: esperOAuthEnv,
      proxy: {
        intercept(req) {
          if (req.path.startsWith('/api/') && ++apiRequests === 6)
            (ref.tenant?.native as EsperSimulator | undefined)?.revokeTokens();
          return undefined;
        },
      },
    });
    ref.tenant = tenant;
    try {
      const run = await tenant.run('oauth-401');
      expect(run.result.ok, describeSteps(run.result)).toBe(true);
      expect(
        (tenant.native as EsperSimulator).tokensIssued(),
        'a fresh token after the 401',
      ).toBeGreaterThanOrEqual(2);
      expect(tenant.server.stats().byStatus['401'], '401s served').toBeGreaterThan(0);
      expect(graphMismatch(expected, run)).toBe('');
    } finally {
      await tenant.close();
    }
  });

  matrixTests('AU-2', async ({ id, simulator }) => {
    const credential = simulator.capabilities.credentialEnv ?? 'ACCESS_TOKEN';
    // The env variable or the config field it sets (ACCESS_TOKEN / accessToken).
    const field = credential.toLowerCase().replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
    let apiRequests = 0;
    const tenant = await startTenant(id, {
      proxy: {
        intercept(req) {
          if (!req.path.startsWith('/api/') || ++apiRequests <= 5) return undefined;
          return { status: 401, body: { detail: 'Invalid token.' } };
        },
      },
    });
    try {
      const run = await tenant.run('static-401');
      expect(apiRequests).toBeGreaterThan(5);
      expect(run.result.ok).toBe(false);
      expect(run.result.exitCode).toBe(1);
      const text = errorText(run);
      expect(text).toMatch(/authenticat|401/i);
      expect(text, 'the error names the field to fix').toMatch(
        new RegExp(`${credential}|${field}`),
      );
    } finally {
      await tenant.close();
    }
  });
});

interface DeniedCase {
  name: string;
  /** The permission as the warning names it. */
  permission: string;
  /** Simulator permissions the credential lacks. */
  denied: string[];
}

/**
 * A denied optional endpoint: no extra keys, every type that lost keys is
 * marked partial in summary.json, and a warning names the permission.
 */
async function deniedRun(integration: string, c: DeniedCase): Promise<void> {
  const expected: CollectedGraph = await cleanGraph(integration);
  const tenant = await startTenant(integration, { sim: { deniedPermissions: c.denied } });
  try {
    const run = await tenant.run(`403-${c.name}`);
    const denied = tenant.server.stats().byStatus['403'] ?? 0;
    expect(denied, `${c.name}: 403s served`).toBeGreaterThan(0);
    const diff = diffGraphs(expected, run.graph);
    expect(diff.extraEntities, c.name).toEqual([]);
    expect(diff.extraRelationships, c.name).toEqual([]);
    const lostTypes = new Set([
      ...diff.missingEntities.map((k) => expected.entityTypes.get(k) ?? '?'),
      ...diff.missingRelationships.map((k) => expected.relationshipTypes.get(k) ?? '?'),
    ]);
    const partial = new Set(run.summary?.metadata.partialDatasets.types ?? []);
    for (const type of lostTypes) {
      expect(
        partial.has(type),
        `${c.name}: ${type} lost keys but summary.json does not mark it partial (steps: ${describeSteps(run.result)})`,
      ).toBe(true);
    }
    if (lostTypes.size > 0) {
      const warnings = run.console
        .filter((l) => l.level === 'warn')
        .map((l) => l.msg)
        .join('\n');
      expect(warnings, `${c.name}: warning naming the permission`).toContain(c.permission);
    }
    // Steps that do not need the denied endpoint are untouched.
    expect(run.result.steps.filter((s) => s.status === 'success').length).toBeGreaterThan(2);
  } finally {
    await tenant.close();
  }
}

describe('permissions', () => {
  matrixTest(
    'K-PM-1',
    async () => {
      // Device details and Application list are only read when Prism is unavailable
      // (per-device fallback), so they are denied together with Prism.
      const optional = [
        [['users'], KandjiPermissions.USERS],
        [['blueprints'], KandjiPermissions.BLUEPRINTS],
        [['libraryItems'], KandjiPermissions.CUSTOM_PROFILES],
        [['licensing'], KandjiPermissions.LICENSING],
        [['prism'], KandjiPermissions.PRISM],
        [['prism', 'deviceDetails'], KandjiPermissions.DEVICE_DETAILS],
        [['prism', 'applicationList'], KandjiPermissions.APPLICATION_LIST],
      ] as const;
      for (const [perms, label] of optional) {
        await deniedRun('kandji', {
          name: perms.join('+'),
          permission: label,
          denied: [...perms],
        });
      }
    },
    60_000,
  );

  matrixTest('E-PM-1', async () => {
    await deniedRun('esper', {
      name: 'users',
      permission: 'read users',
      denied: ['users'],
    });
    await deniedRun('esper', {
      name: 'installed apps',
      permission: 'read installed apps',
      denied: ['device-apps'],
    });
  });
});
