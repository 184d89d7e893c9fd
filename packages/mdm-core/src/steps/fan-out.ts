import { type IntegrationInstanceConfig } from '@jupiterone/integration-sdk-core';
import { mapConcurrent } from '../http/concurrency';
import { isApiCallError } from '../http/errors';
import { type PartialData } from './partial-data';
import { type OptionalEndpoint } from './vendor';

/** How the calls of a fan-out ended. */
export interface FanOutTally {
  /** Items in the input. */
  items: number;
  ok: number;
  /** 404 and the item is gone (removed between the list and this call). */
  removed: number;
  /** 403. */
  refused: number;
  /** 404 while the item exists (the endpoint is not available on this tenant). */
  absent: number;
  /** Never asked: the fan-out had stopped (see stopWhen). */
  notAsked: number;
  /** Other failures (only counted with failFast: false). */
  failed: number;
}

export interface FanOutOptions<T, TConfig extends IntegrationInstanceConfig> {
  /** The step's recorder: its vendor and context name errors and log lines. */
  partial: PartialData<TConfig>;
  /** The per-item endpoint, e.g. { endpoint: 'GET devices/{id}/apps', permission, skipped }. */
  endpoint: OptionalEndpoint;
  /** Requests in flight at once. */
  concurrency: number;
  /** Finished results kept ready for a consumer busy with the previous one (mapConcurrent's buffer). */
  buffer?: number;
  /** The item's id in log lines. */
  idOf: (item: T) => string;
  /** What an item is, for the one log line about removed ones (default "device"). */
  noun?: string;
  /**
   * A 404: was the item removed since it was listed, or does the tenant lack the endpoint?
   * Default: removed. ('absent' is recorded as partial data, like a refusal.)
   */
  onNotFound?: (item: T, error: unknown) => Promise<'removed' | 'absent'>;
  /**
   * When to stop starting new requests (checked before each one). Default: after the first
   * refusal (403): the credential lacks the permission, asking for every other item only
   * spends the rate limit.
   */
  stopWhen?: (tally: Readonly<FanOutTally>) => boolean;
  /**
   * Record refusals (and absent endpoints) in `partial` once the fan-out is done (default
   * true): one warning, the step fails after the rest. False: the caller reads `tally` /
   * `firstRefusal` and decides (e.g. data that is all-or-none).
   */
  record?: boolean;
  /** What was not ingested, in the warning and the step error (default `endpoint.skipped`). */
  skipped?: (tally: Readonly<FanOutTally>) => string;
  /**
   * True (default): any other error fails the step as soon as the calls in flight settled.
   * False: the other items are still read, and the first such error is thrown at the end.
   */
  failFast?: boolean;
}

export interface FanOutResult<T, R> {
  item: T;
  value: R;
}

/**
 * The per-device fan-out: one call per item, `concurrency` in flight (under the client's
 * shared rate limiter and in-flight limit), results as they complete (not in input order).
 *
 * - 404: the item was removed after it was listed: counted, one info line at the end
 *   (or, with onNotFound, the tenant lacks the endpoint: recorded as partial data);
 * - 403: the credential lacks the permission: no new request is started (stopWhen),
 *   and the refusal is recorded once in PartialData (the step fails after the rest);
 * - anything else fails the step, as the vendor's J1 error naming endpoint and permission.
 *
 * Iterate it once with `for await`; `tally` and `firstRefusal` are final after the loop.
 */
export class FanOut<
  T,
  R,
  TConfig extends IntegrationInstanceConfig = IntegrationInstanceConfig,
> implements AsyncIterable<FanOutResult<T, R>> {
  readonly tally: FanOutTally = {
    items: 0,
    ok: 0,
    removed: 0,
    refused: 0,
    absent: 0,
    notAsked: 0,
    failed: 0,
  };
  /** The first 403, if any. */
  firstRefusal?: unknown;
  /** The first 404 classified 'absent', if any. */
  firstAbsent?: unknown;
  /**
   * Items whose call was refused (403), found absent (404 'absent') or never made (stopped), in
   * completion order: what the caller may still ingest without this endpoint's data (e.g. a
   * device from the list without its details). Not the removed ones, not the failed ones.
   */
  readonly unread: T[] = [];
  private started = false;

  constructor(
    private readonly items: Iterable<T> | AsyncIterable<T>,
    private readonly fn: (item: T) => Promise<R>,
    private readonly opts: FanOutOptions<T, TConfig>,
  ) {}

  /** True when refusals stopped the fan-out or made it partial. */
  get incomplete(): boolean {
    return this.tally.refused + this.tally.absent + this.tally.notAsked > 0;
  }

  private finish(): void {
    const { opts, tally } = this;
    const { partial } = opts;
    const noun = opts.noun ?? 'device';
    if (tally.removed > 0) {
      partial.context.logger.info(
        { endpoint: opts.endpoint.endpoint, removed: tally.removed },
        `${tally.removed} ${noun}(s) were removed from ${partial.vendor.name} after they were listed (${opts.endpoint.endpoint} returned 404); skipped`,
      );
    }
    if (opts.record ?? true) {
      const skipped = opts.skipped?.(tally) ?? opts.endpoint.skipped;
      if (tally.refused > 0) partial.refused({ ...opts.endpoint, skipped }, this.firstRefusal);
      else if (tally.absent > 0) partial.absent({ ...opts.endpoint, skipped }, this.firstAbsent);
    }
  }

  async *[Symbol.asyncIterator](): AsyncIterator<FanOutResult<T, R>> {
    if (this.started) throw new Error('FanOut: iterate it once');
    this.started = true;
    const { opts, tally } = this;
    const stopWhen = opts.stopWhen ?? ((t: Readonly<FanOutTally>) => t.refused > 0);
    const failFast = opts.failFast ?? true;
    const { partial } = opts;
    const config = partial.context.instance.config;
    let firstFailure: { error: unknown } | undefined;
    type Outcome = { item: T; ok: true; value: R } | { item: T; ok: false };

    const one = async (item: T): Promise<Outcome> => {
      if (stopWhen(tally)) {
        tally.notAsked += 1;
        this.unread.push(item);
        return { item, ok: false };
      }
      const failed = (err: unknown): Outcome => {
        const mapped = partial.vendor.toJupiterOneError(err, opts.endpoint, config);
        if (failFast) throw mapped;
        tally.failed += 1;
        firstFailure ??= { error: mapped };
        return { item, ok: false };
      };
      try {
        const value = await this.fn(item);
        tally.ok += 1;
        return { item, ok: true, value };
      } catch (err) {
        if (isApiCallError(err) && err.status === 403) {
          tally.refused += 1;
          this.firstRefusal ??= err;
          this.unread.push(item);
          return { item, ok: false };
        }
        if (isApiCallError(err) && err.status === 404) {
          let kind: 'removed' | 'absent';
          try {
            kind = opts.onNotFound ? await opts.onNotFound(item, err) : 'removed';
          } catch (checkErr) {
            // The check itself failed (e.g. the device lookup answered 500): an error like any other.
            return failed(checkErr);
          }
          if (kind === 'removed') tally.removed += 1;
          else {
            tally.absent += 1;
            this.firstAbsent ??= err;
            this.unread.push(item);
          }
          return { item, ok: false };
        }
        return failed(err);
      }
    };

    const counted = async function* (items: Iterable<T> | AsyncIterable<T>): AsyncIterable<T> {
      for await (const item of items) {
        tally.items += 1;
        yield item;
      }
    };

    try {
      for await (const outcome of mapConcurrent(counted(this.items), opts.concurrency, one, {
        buffer: opts.buffer,
      })) {
        if (outcome.ok) yield { item: outcome.item, value: outcome.value };
      }
    } finally {
      // Also when the step fails for another reason: the removed and refused are still told.
      this.finish();
    }
    if (firstFailure) {
      partial.context.logger.warn(
        { endpoint: opts.endpoint.endpoint, failed: tally.failed },
        `${opts.endpoint.endpoint} failed for ${tally.failed} ${opts.noun ?? 'device'}(s)`,
      );
      throw firstFailure.error;
    }
  }
}

/** Starts a per-device fan-out (see FanOut). */
export function fanOut<T, R, TConfig extends IntegrationInstanceConfig>(
  items: Iterable<T> | AsyncIterable<T>,
  fn: (item: T) => Promise<R>,
  opts: FanOutOptions<T, TConfig>,
): FanOut<T, R, TConfig> {
  return new FanOut(items, fn, opts);
}
