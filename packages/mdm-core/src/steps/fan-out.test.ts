import {
  IntegrationProviderAPIError,
  IntegrationProviderAuthorizationError,
  IntegrationWarnEventName,
} from '@jupiterone/integration-sdk-core';
import { describe, expect, it } from 'vitest';
import { fanOut, type FanOutResult } from './fan-out';
import { PartialData } from './partial-data';
import { defineVendor, type OptionalEndpoint } from './vendor';
import { fakeContext, httpError } from './__tests__/context';

const vendor = defineVendor({
  name: 'Kandji',
  credential: 'API token',
  grantWhere: 'Kandji Settings > Access',
  credentialField: 'accessToken (ACCESS_TOKEN)',
});
const APPS: OptionalEndpoint = {
  endpoint: 'GET devices/{id}/apps',
  permission: 'Application list',
  skipped: 'installed applications',
};
const ids = (n: number) => Array.from({ length: n }, (_, i) => `d${i}`);

/** A fake endpoint that counts calls in flight and answers from `answer`. */
function endpoint(answer: (id: string) => unknown) {
  const state = { inFlight: 0, peak: 0, calls: [] as string[] };
  const call = async (id: string): Promise<string> => {
    state.calls.push(id);
    state.inFlight += 1;
    state.peak = Math.max(state.peak, state.inFlight);
    for (let i = 0; i < 20; i++) await Promise.resolve();
    state.inFlight -= 1;
    const a = answer(id);
    if (a instanceof Error) throw a;
    return `apps of ${id}`;
  };
  return { state, call };
}

async function drain<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('fanOut', () => {
  it('calls once per item with bounded concurrency and yields every result', async () => {
    const partial = new PartialData(vendor, fakeContext());
    const { state, call } = endpoint(() => undefined);
    const fan = fanOut(ids(25), call, {
      partial,
      endpoint: APPS,
      concurrency: 4,
      idOf: (id) => id,
    });
    const out = await drain(fan);
    expect(out.map((r) => r.item).sort()).toEqual(ids(25).sort());
    expect(out.every((r: FanOutResult<string, string>) => r.value === `apps of ${r.item}`)).toBe(
      true,
    );
    expect(state.peak).toBe(4);
    expect(fan.tally).toMatchObject({ items: 25, ok: 25, removed: 0, refused: 0 });
    expect(fan.incomplete).toBe(false);
    expect(partial.size).toBe(0);
    await expect(drain(fan)).rejects.toThrow('iterate it once');
  });

  it('404: the device was removed; counted and logged once, the step is not partial', async () => {
    const context = fakeContext();
    const partial = new PartialData(vendor, context);
    const { call } = endpoint((id) =>
      ['d1', 'd5', 'd7'].includes(id) ? httpError(404) : undefined,
    );
    const fan = fanOut(ids(10), call, {
      partial,
      endpoint: APPS,
      concurrency: 3,
      idOf: (id) => id,
    });
    expect(await drain(fan)).toHaveLength(7);
    expect(fan.tally.removed).toBe(3);
    expect(fan.unread).toEqual([]);
    expect(context.infos()).toEqual([
      '3 device(s) were removed from Kandji after they were listed (GET devices/{id}/apps returned 404); skipped',
    ]);
    expect(partial.size).toBe(0);
    expect(context.events).toEqual([]);
  });

  it('403: stops starting new requests, records the refusal once, the step fails after the rest', async () => {
    const context = fakeContext();
    const partial = new PartialData(vendor, context);
    const { state, call } = endpoint((id) => (id === 'd3' ? httpError(403) : undefined));
    const fan = fanOut(ids(100), call, {
      partial,
      endpoint: APPS,
      concurrency: 2,
      idOf: (id) => id,
    });
    const out = await drain(fan);
    expect(fan.tally.refused).toBe(1);
    // d0..d3 asked, plus the one already in flight beside d3: nothing after.
    expect(state.calls.length).toBeLessThanOrEqual(5);
    expect(fan.tally.notAsked).toBe(100 - state.calls.length);
    expect(out.length).toBe(state.calls.length - 1);
    expect(fan.incomplete).toBe(true);
    // Everything not read is handed back (d3 refused, the rest never asked); nothing twice.
    expect([...fan.unread, ...out.map((r) => r.item)].sort()).toEqual(ids(100).sort());
    expect(fan.unread).toContain('d3');
    expect(context.events).toEqual([
      {
        name: IntegrationWarnEventName.MissingPermission,
        description: expect.stringContaining('"Application list" permission') as string,
      },
    ]);
    expect(() => partial.throwIfAny()).toThrow(IntegrationProviderAuthorizationError);
  });

  it('other errors fail the step as the J1 error naming the endpoint and permission', async () => {
    const partial = new PartialData(vendor, fakeContext());
    const { call } = endpoint((id) => (id === 'd2' ? httpError(500) : undefined));
    const fan = fanOut(ids(10), call, {
      partial,
      endpoint: APPS,
      concurrency: 2,
      idOf: (id) => id,
    });
    const err = await drain(fan).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IntegrationProviderAPIError);
    expect((err as Error).message).toContain('GET devices/{id}/apps');
  });

  it('failFast false: reads every other device, then throws the first failure', async () => {
    const context = fakeContext();
    const partial = new PartialData(vendor, context);
    const { call } = endpoint((id) => (id === 'd2' || id === 'd4' ? httpError(502) : undefined));
    const fan = fanOut(ids(10), call, {
      partial,
      endpoint: APPS,
      concurrency: 2,
      idOf: (id) => id,
      failFast: false,
    });
    const out: string[] = [];
    const err = await (async () => {
      for await (const r of fan) out.push(r.item);
    })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IntegrationProviderAPIError);
    expect(out).toHaveLength(8);
    expect(fan.tally.failed).toBe(2);
    expect(context.warnings()).toContain('GET devices/{id}/apps failed for 2 device(s)');
  });

  it('onNotFound "absent", a custom stop rule and skipped text (the Esper rules)', async () => {
    const context = fakeContext();
    const partial = new PartialData(vendor, context);
    const { state, call } = endpoint(() => httpError(404));
    const fan = fanOut(ids(30), call, {
      partial,
      endpoint: APPS,
      concurrency: 1,
      idOf: (id) => id,
      onNotFound: async (id) => (id === 'd0' ? 'removed' : 'absent'),
      stopWhen: (t) => t.ok === 0 && t.refused + t.absent >= 10,
      skipped: (t) =>
        `Installed apps of ${t.absent + t.refused + t.notAsked} of ${t.items} devices`,
    });
    expect(await drain(fan)).toEqual([]);
    expect(state.calls).toHaveLength(11);
    expect(fan.tally).toMatchObject({ removed: 1, absent: 10, notAsked: 19, items: 30 });
    expect(fan.unread).toHaveLength(29);
    expect(fan.unread).not.toContain('d0');
    const err = partial.error();
    expect(err).toBeInstanceOf(IntegrationProviderAPIError);
    expect(err?.message).toContain('Installed apps of 29 of 30 devices not ingested');
    expect(context.events[0]?.name).toBe(IntegrationWarnEventName.IncompleteData);
  });

  it('a failing onNotFound check is an error like any other (mapped; failFast false: counted, thrown at the end)', async () => {
    const partial = new PartialData(vendor, fakeContext());
    const { call } = endpoint((id) => (id === 'd1' ? httpError(404) : undefined));
    const fan = fanOut(ids(4), call, {
      partial,
      endpoint: APPS,
      concurrency: 1,
      idOf: (id) => id,
      failFast: false,
      onNotFound: () => Promise.reject(httpError(500)),
    });
    const out: string[] = [];
    const err = await (async () => {
      for await (const r of fan) out.push(r.item);
    })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IntegrationProviderAPIError);
    expect(out.sort()).toEqual(['d0', 'd2', 'd3']);
    expect(fan.tally).toMatchObject({ failed: 1, removed: 0, absent: 0 });
  });

  it('record false: the caller decides (the refusal is only in the tally)', async () => {
    const context = fakeContext();
    const partial = new PartialData(vendor, context);
    const denied = httpError(403);
    const fan = fanOut(ids(3), () => Promise.reject(denied), {
      partial,
      endpoint: APPS,
      concurrency: 1,
      idOf: (id) => id,
      record: false,
    });
    await drain(fan);
    expect(fan.firstRefusal).toBe(denied);
    expect(partial.size).toBe(0);
    expect(context.events).toEqual([]);
  });

  it('reads items from an async iterable (a paginated list) as they come', async () => {
    async function* listed(): AsyncIterable<string> {
      for (const id of ids(7)) {
        await Promise.resolve();
        yield id;
      }
    }
    const partial = new PartialData(vendor, fakeContext());
    const { call } = endpoint(() => undefined);
    const fan = fanOut(listed(), call, {
      partial,
      endpoint: APPS,
      concurrency: 3,
      idOf: (id) => id,
    });
    expect((await drain(fan)).map((r) => r.item).sort()).toEqual(ids(7).sort());
    expect(fan.tally.items).toBe(7);
  });

  it('a consumer that stops early stops the fan-out', async () => {
    const partial = new PartialData(vendor, fakeContext());
    const { state, call } = endpoint(() => undefined);
    for await (const r of fanOut(ids(1000), call, {
      partial,
      endpoint: APPS,
      concurrency: 2,
      idOf: (id) => id,
    })) {
      if (r.item === 'd3') break;
    }
    expect(state.calls.length).toBeLessThan(10);
  });
});
