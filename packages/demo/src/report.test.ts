import { describe, expect, it } from 'vitest';
import type { RunResult } from '@mdm-graph/j1-runner';
import { renderReport } from './report';

function result(overrides: Partial<RunResult> = {}): RunResult {
  return {
    integration: 'kandji',
    ok: true,
    exitCode: 0,
    storageDir: '/tmp/x/.j1-integration',
    logFile: '/tmp/x/.j1-integration.log',
    steps: [],
    failedSteps: [],
    partialDatasets: { types: [] },
    http: { requests: 12, retries: 1, rateLimited: 0, rateLimitWaitMs: 0, errors: 0 },
    durationMs: 1234,
    graph: {
      entities: { kandji_account: 1, kandji_device: 3, kandji_user: 2 },
      relationships: {
        kandji_account_has_device: 3,
        kandji_device_has_user: 2,
        kandji_user_is_employee: 2,
      },
      edges: [
        {
          fromType: 'kandji_account',
          relClass: 'HAS',
          toType: 'kandji_device',
          relType: 'kandji_account_has_device',
          count: 3,
        },
        {
          fromType: 'kandji_device',
          relClass: 'HAS',
          toType: 'kandji_user',
          relType: 'kandji_device_has_user',
          count: 2,
        },
        {
          fromType: 'kandji_user',
          relClass: 'IS',
          toType: 'employee',
          relType: 'kandji_user_is_employee',
          count: 2,
        },
      ],
      samples: {
        kandji_account: [
          { _key: 'kandji-account:acme', _class: 'Account', _type: 'kandji_account', name: 'acme' },
        ],
        kandji_device: [
          {
            _key: 'kandji-device:1',
            _class: 'Device',
            _type: 'kandji_device',
            name: '<script>alert(1)</script>',
            macAddresses: ['aa:bb:cc:dd:ee:ff'],
          },
        ],
        kandji_user: [
          {
            _key: 'kandji-user:1',
            _class: 'User',
            _type: 'kandji_user',
            name: 'Ann',
            email: ['ann@example.com'],
          },
        ],
      },
      totalEntities: 6,
      totalRelationships: 7,
    },
    ...overrides,
  };
}

describe('renderReport', () => {
  const html = renderReport(
    [result(), result({ integration: 'esper', ok: false, failedSteps: ['fetch-users'] })],
    new Date('2026-01-02T03:04:05Z'),
  );

  it('draws every entity type as a node, with class and count, and mapped targets as dashed nodes', () => {
    for (const type of ['kandji_account', 'kandji_device', 'kandji_user'])
      expect(html).toContain(`data-entity-type="${type}"`);
    expect(html).toContain('Device · 3');
    expect(html).toMatch(/class="node mapped" data-entity-type="employee"/);
  });

  it('draws every relationship as an edge labelled with class and count', () => {
    expect(html).toContain('data-from="kandji_account" data-to="kandji_device"');
    expect(html).toContain('HAS · 3');
    expect(html).toContain('data-from="kandji_user" data-to="employee"');
  });

  it('is self-contained: no scripts, no external resources', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/(src|href)=["']?https?:/i);
    expect(html).not.toMatch(/@import|url\(http/i);
  });

  it('escapes vendor values in sample tables', () => {
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('aa:bb:cc:dd:ee:ff');
  });

  it('shows per-integration status and failed steps', () => {
    expect(html).toContain('data-integration="esper"');
    expect(html).toContain('Failed steps: fetch-users');
    expect(html).toContain('12 requests · 1 retries · 0 × 429');
  });
});
