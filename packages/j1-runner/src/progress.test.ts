import { describe, expect, it } from 'vitest';
import { createConsoleReporter } from './progress';

function sink(columns?: number) {
  const chunks: string[] = [];
  const out = {
    columns,
    write: (s: string) => chunks.push(s) > 0,
  } as unknown as NodeJS.WriteStream;
  return { out, text: () => chunks.join('') };
}

describe('createConsoleReporter', () => {
  it('prints plain lines for step start and end with counts and HTTP totals when not on a TTY', () => {
    const s = sink();
    const r = createConsoleReporter({ tty: false, out: s.out });
    r.emit({
      kind: 'step-start',
      integration: 'kandji',
      stepId: 'fetch-devices',
      name: 'Fetch Devices',
    });
    r.emit({
      kind: 'http',
      integration: 'kandji',
      http: { requests: 1200, retries: 2, rateLimited: 1, rateLimitWaitMs: 1500, errors: 0 },
    });
    r.emit({
      kind: 'step-end',
      integration: 'kandji',
      stepId: 'fetch-devices',
      name: 'Fetch Devices',
      counts: { entities: 1000, relationships: 999 },
      durationMs: 2500,
    });
    r.emit({ kind: 'log', integration: 'kandji', level: 'warn', msg: 'users directory skipped' });
    r.close();
    expect(s.text()).toBe(
      '[kandji] ▶ Fetch Devices\n' +
        '[kandji] ✓ Fetch Devices: 1,000 entities, 999 relationships in 2.5s (so far 1,200 requests · 2 retries · 1 × 429 · rate-limit waits 1.5s)\n' +
        '[kandji] WARN  users directory skipped\n',
    );
    expect(s.text()).not.toContain('\r');
  });

  it('keeps one live line on a TTY, rewritten in place and cleared at the end', () => {
    const s = sink(80);
    const r = createConsoleReporter({ tty: true, out: s.out });
    r.emit({
      kind: 'step-start',
      integration: 'esper',
      stepId: 'fetch-apps',
      name: 'Fetch Installed Apps',
    });
    r.emit({
      kind: 'step-progress',
      integration: 'esper',
      stepId: 'fetch-apps',
      name: 'Fetch Installed Apps',
      counts: { entities: 40, relationships: 400 },
    });
    r.close();
    const text = s.text();
    expect(text).toContain('\r\x1b[2K  … Fetch Installed Apps (40)');
    expect(text.endsWith('\r\x1b[2K')).toBe(true);
    for (const line of text.split('\r'))
      expect(line.replace('\x1b[2K', '').length).toBeLessThanOrEqual(80);
  });

  it('keeps HTTP totals per integration when two collections share one reporter', () => {
    const s = sink();
    const r = createConsoleReporter({ tty: false, out: s.out });
    const h = (requests: number) => ({
      requests,
      retries: 0,
      rateLimited: 0,
      rateLimitWaitMs: 0,
      errors: 0,
    });
    r.emit({ kind: 'http', integration: 'kandji', http: h(41) });
    r.emit({ kind: 'http', integration: 'esper', http: h(307) });
    r.emit({
      kind: 'step-end',
      integration: 'kandji',
      stepId: 'fetch-apps',
      name: 'Fetch Applications',
      counts: { entities: 1, relationships: 2 },
      durationMs: 100,
    });
    r.emit({
      kind: 'step-end',
      integration: 'esper',
      stepId: 'fetch-apps',
      name: 'Fetch Installed Apps',
      counts: { entities: 1, relationships: 2 },
      durationMs: 100,
    });
    r.close();
    const [kandji, esper] = s.text().trim().split('\n');
    expect(kandji).toContain('(so far 41 requests');
    expect(esper).toContain('(so far 307 requests');
  });
});
