import { IntegrationError } from '@jupiterone/integration-sdk-core';

/** What a vendor announced for a list, and where. */
export interface AnnouncedTotal {
  /** The count, e.g. DRF `count`, `x-total-count`, Prism `total`, a licensing sum. */
  count: number;
  /** Where the figure comes from, for the message, e.g. "count" or "x-total-count header". */
  source: string;
}

export interface ListShortfall {
  /** The list, e.g. "kandji_device" or "device". */
  resource: string;
  /** The endpoint that was read, e.g. "GET devices". */
  endpoint: string;
  announced: number;
  source: string;
  /** Records received (valid or not: a record skipped by validation was reported, not lost). */
  received: number;
  /** How many missing records are tolerated before the list counts as cut short. */
  tolerance: number;
}

export const LIST_INCOMPLETE_CODE = 'MDM_LIST_INCOMPLETE';

/**
 * A vendor list ended with fewer records than the vendor itself announced (a
 * backend timeout served as an empty page, a truncated result). Thrown after what
 * was read was ingested, so the step fails, JupiterOne marks its types partial and
 * deletes nothing; never fatal, so the other steps go on.
 */
export class ListIncompleteError extends IntegrationError {
  readonly shortfalls: readonly ListShortfall[];

  constructor(shortfalls: ListShortfall[]) {
    const parts = shortfalls.map(
      (s) =>
        `${s.endpoint} announced ${s.announced} ${s.resource} record(s) (${s.source}) but ${s.received} were received`,
    );
    super({
      code: LIST_INCOMPLETE_CODE,
      message: `Incomplete vendor list: ${parts.join('; ')}. What was received is ingested; the step is reported failed so its types stay partial and nothing previously ingested is deleted. Run again later; if it persists, the vendor's API is cutting lists short.`,
      fatal: false,
    });
    this.name = 'ListIncompleteError';
    this.shortfalls = shortfalls;
  }
}

export function isListIncompleteError(err: unknown): err is ListIncompleteError {
  return (
    err instanceof ListIncompleteError ||
    (err instanceof Error && (err as { code?: unknown }).code === LIST_INCOMPLETE_CODE)
  );
}

/**
 * Default tolerance: 0.5 % of the announced count, rounded down (0 below 200
 * records, 5 of 1,000). Lists change while they are read (a device removed between
 * two pages); a cut-short list misses far more than that.
 */
export function defaultTolerance(announced: number): number {
  return Math.floor(announced * 0.005);
}

interface ListState {
  resource: string;
  endpoint: string;
  announced?: AnnouncedTotal;
  received: number;
}

/**
 * Compares, per list, what the vendor announced with what was received. A step (or
 * paginate() on its own) feeds it; `check()` after the list was ingested returns the
 * shortfall error, if any. Several announcements of one list (a count on every page,
 * a header and a licensing figure) keep the smallest: a list that shrank while it was
 * read is not cut short. More records than announced (added mid-run) is fine.
 */
export class CompletenessTracker {
  private readonly lists = new Map<string, ListState>();
  private readonly tolerance: (announced: number) => number;

  constructor(opts: { tolerance?: (announced: number) => number } = {}) {
    this.tolerance = opts.tolerance ?? defaultTolerance;
  }

  private state(resource: string, endpoint: string): ListState {
    const key = `${resource}\u0000${endpoint}`;
    let s = this.lists.get(key);
    if (!s) {
      s = { resource, endpoint, received: 0 };
      this.lists.set(key, s);
    }
    return s;
  }

  /** The vendor's figure for a list; ignored unless a non-negative integer. */
  announce(resource: string, endpoint: string, total: AnnouncedTotal | undefined): void {
    if (!total || !Number.isInteger(total.count) || total.count < 0) return;
    const s = this.state(resource, endpoint);
    if (!s.announced || total.count < s.announced.count) s.announced = total;
  }

  /** Records received from the list (valid and invalid alike). */
  receive(resource: string, endpoint: string, n: number): void {
    this.state(resource, endpoint).received += n;
  }

  /**
   * Compare another figure with a list already read under a different endpoint
   * (e.g. licensing counts vs GET devices): the received count is taken as given.
   */
  expect(resource: string, endpoint: string, total: AnnouncedTotal, received: number): void {
    const s = this.state(resource, endpoint);
    this.announce(resource, endpoint, total);
    s.received = Math.max(s.received, received);
  }

  shortfalls(): ListShortfall[] {
    const out: ListShortfall[] = [];
    for (const s of this.lists.values()) {
      if (!s.announced) continue;
      const tolerance = this.tolerance(s.announced.count);
      if (s.announced.count - s.received > tolerance) {
        out.push({
          resource: s.resource,
          endpoint: s.endpoint,
          announced: s.announced.count,
          source: s.announced.source,
          received: s.received,
          tolerance,
        });
      }
    }
    return out;
  }

  check(): ListIncompleteError | undefined {
    const short = this.shortfalls();
    return short.length > 0 ? new ListIncompleteError(short) : undefined;
  }

  /** Call after what was read has been ingested. */
  throwIfIncomplete(): void {
    const err = this.check();
    if (err) throw err;
  }
}
