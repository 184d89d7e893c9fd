import { afterAll, beforeAll, describe, expect } from 'vitest';
import { describeSteps } from '../collect';
import { startForeignHost, type ForeignHost } from '../foreign-host';
import type { ProxiedRequest } from '../rewriting-proxy';
import { matrixTests } from './define';
import { cleanGraph, graphMismatch, startTenant } from './harness';
const CANARY_FIELD = 'canary-field-value-7d41e0';

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** The list items of a page: a bare array (Kandji devices), `results` (DRF) or `data` (Prism). */
function itemsOf(body: unknown): unknown[] | undefined {
  if (Array.isArray(body)) return body;
  if (isRecord(body)) {
    if (Array.isArray(body.results)) return body.results;
    if (Array.isArray(body.data)) return body.data;
  }
  return undefined;
}

function withItems(body: unknown, items: unknown[]): unknown {
  if (Array.isArray(body)) return items;
  if (isRecord(body))
    return Array.isArray(body.results) ? { ...body, results: items } : { ...body, data: items };
  return body;
}

/** First page of a list: no offset/cursor, or page 1. */
function isFirstPage(req: ProxiedRequest): boolean {
  const offset = req.query.get('offset');
  const page = req.query.get('page');
  return (
    !req.query.get('cursor') &&
    (offset === null || offset === '0') &&
    (page === null || page === '1')
  );
}

let foreign: ForeignHost;
beforeAll(async () => {
  foreign = await startForeignHost();
});
afterAll(async () => {
  await foreign.close();
});

describe('payload faults', () => {
  matrixTests('PL-1', async ({ id: integration, simulator }) => {
    const { deviceListPath, invalidDeviceRecords } = simulator.capabilities;
    if (!deviceListPath || !invalidDeviceRecords)
      throw new Error(`${integration}: no deviceListPath / invalidDeviceRecords capability`);
    const deviceList = new RegExp(deviceListPath);
    const expected = await cleanGraph(integration);
    let injected = 0;
    const tenant = await startTenant(integration, {
      proxy: {
        rewrite(req, body) {
          const items = itemsOf(body);
          if (!deviceList.test(req.path) || !items || req.query.get('limit') === '1')
            return undefined;
          // The last (short) page, so by-count paging sees the page sizes it expects.
          const count = isRecord(body) && typeof body.count === 'number' ? body.count : undefined;
          const offset = Number(req.query.get('offset') ?? 0);
          const last = count === undefined ? isFirstPage(req) : offset + items.length >= count;
          if (!last || injected > 0) return undefined;
          injected += 1;
          return withItems(body, [...items, ...invalidDeviceRecords(CANARY_FIELD)]);
        },
      },
    });
    try {
      const run = await tenant.run('bad-records');
      expect(injected).toBe(1);
      expect(run.result.ok, describeSteps(run.result)).toBe(true);
      expect(graphMismatch(expected, run)).toBe('');
      // Skipped, counted and logged by path, never by value.
      expect(run.log).toMatch(/skipped/i);
      expect(run.log).toMatch(/device/i);
      const skipLines = run.log.split('\n').filter((l) => /skipp/i.test(l));
      expect(skipLines.join('\n')).toMatch(/"device[^"]*":\s*2|2 device/i);
      expect(run.log).not.toContain(CANARY_FIELD);
      expect(run.stdio).not.toContain(CANARY_FIELD);
      for (const file of run.graph.files) expect(file).toBeTruthy();
      expect(JSON.stringify([...run.graph.entityKeys])).not.toContain('Broken');
    } finally {
      await tenant.close();
    }
  });

  matrixTests('PL-2', async ({ id: integration }) => {
    const expected = await cleanGraph(integration);
    const lastOfPath = new Map<string, unknown>();
    let repeated = 0;
    const tenant = await startTenant(integration, {
      proxy: {
        rewrite(req, body) {
          const items = itemsOf(body);
          if (!items || items.length === 0) return undefined;
          const previous = lastOfPath.get(req.path);
          lastOfPath.set(req.path, items[items.length - 1]);
          if (isFirstPage(req) || previous === undefined) return undefined;
          repeated += 1;
          return withItems(body, [previous, ...items]);
        },
      },
    });
    try {
      const run = await tenant.run('repeated');
      expect(repeated).toBeGreaterThan(2);
      expect(run.result.ok, describeSteps(run.result)).toBe(true);
      expect(graphMismatch(expected, run)).toBe('');
    } finally {
      await tenant.close();
    }
  });

  matrixTests('PL-3', async ({ id: integration }) => {
    const expected = await cleanGraph(integration);
    let looped = 0;
    const firstRequest = new Map<string, string>();
    const tenant = await startTenant(integration, {
      proxy: {
        rewrite(req, body) {
          if (isFirstPage(req)) {
            if (!firstRequest.has(req.path))
              firstRequest.set(req.path, `${req.proxyOrigin}${req.path}?${req.query.toString()}`);
            return undefined;
          }
          if (!isRecord(body) || typeof body.next !== 'string' || body.next === '')
            return undefined;
          const back = firstRequest.get(req.path);
          if (!back) return undefined;
          // A later page's `next` points back at the first page, exactly as the client asked for it.
          looped += 1;
          return { ...body, next: back };
        },
      },
    });
    try {
      const started = performance.now();
      const run = await tenant.run('loop');
      expect(looped).toBeGreaterThan(0);
      expect(performance.now() - started).toBeLessThan(20_000);
      const clean = tenant.server.stats().total;
      expect(clean, 'requests stay bounded').toBeLessThan(500);
      for (const step of run.result.steps) {
        if (step.error) expect(step.error, step.id).toMatch(/pagination|repeat|loop|already/i);
      }
      if (run.result.ok) expect(graphMismatch(expected, run)).toBe('');
      else {
        expect(run.result.exitCode).toBe(1);
        expect(
          run.summary?.metadata.partialDatasets.types.length,
          'failed steps mark their types partial',
        ).toBeGreaterThan(0);
      }
    } finally {
      await tenant.close();
    }
  });

  matrixTests('PL-4', async ({ id: integration }) => {
    const expected = await cleanGraph(integration);
    let rewritten = 0;
    const tenant = await startTenant(integration, {
      proxy: {
        rewrite(req, body) {
          if (!isRecord(body)) return undefined;
          const out: Record<string, unknown> = { ...body };
          for (const field of ['next', 'previous']) {
            const value = body[field];
            if (typeof value !== 'string' || value === '') continue;
            const url = new URL(value);
            const foreignUrl = new URL(foreign.url);
            if (rewritten % 2 === 0) {
              url.protocol = foreignUrl.protocol;
              url.host = foreignUrl.host;
            } else {
              url.protocol = 'https:'; // same host, other scheme
            }
            out[field] = url.toString();
            rewritten += 1;
          }
          return out;
        },
      },
    });
    try {
      const run = await tenant.run('foreign-next');
      expect(rewritten).toBeGreaterThan(2);
      expect(foreign.requests, 'requests to the foreign host').toEqual([]);
      expect(run.result.ok, describeSteps(run.result)).toBe(true);
      expect(graphMismatch(expected, run)).toBe('');
    } finally {
      await tenant.close();
    }
  });

  matrixTests('PL-5', async ({ id: integration }) => {
    // The matrix presets may already cap pages (Esper's clamps at 5): compare with an uncapped tenant.
    const expected = await cleanGraph(integration, { sim: { maxPageSize: 1000 } });
    const tenant = await startTenant(integration, { sim: { maxPageSize: 7 } });
    try {
      const run = await tenant.run('page-cap');
      expect(run.result.ok, describeSteps(run.result)).toBe(true);
      expect(graphMismatch(expected, run)).toBe('');
    } finally {
      await tenant.close();
    }
  });
});
