import diagnostics from 'node:diagnostics_channel';
import { describe, expect, it } from 'vitest';
import { HTTP_CHANNEL, watchHttp } from './http-metrics';

describe('watchHttp', () => {
  it('totals what mdm-core publishes on its diagnostics channel, and stops listening', () => {
    const seen: number[] = [];
    const w = watchHttp((t) => seen.push(t.requests));
    const ch = diagnostics.channel(HTTP_CHANNEL);
    ch.publish({ type: 'request' });
    ch.publish({ type: 'response', status: 429 });
    ch.publish({ type: 'retry' });
    ch.publish({ type: 'rate-limit-wait', waitMs: 250 });
    ch.publish({ type: 'request' });
    ch.publish({ type: 'response', status: 200 });
    ch.publish({ type: 'error' });
    w.stop();
    ch.publish({ type: 'request' });
    expect(w.totals).toMatchObject({
      requests: 2,
      retries: 1,
      rateLimited: 1,
      rateLimitWaitMs: 250,
      errors: 1,
    });
    expect(w.totals.firstRequestAt).toBeGreaterThan(0);
    expect(seen).toHaveLength(7);
  });
});
