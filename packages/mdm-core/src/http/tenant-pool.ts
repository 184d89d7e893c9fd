import { Agent, type Dispatcher } from 'undici';
import { createConcurrencyLimiter, type ConcurrencyLimiter } from './concurrency';

/** What the steps of one tenant share for a whole run. */
export interface TenantPool {
  /** The tenant's key as given to lease(). */
  readonly key: string;
  /** One keep-alive connection pool for every step of the run. */
  readonly dispatcher: Dispatcher;
  /** Requests in flight for the tenant, across steps (bounds the connections the pool opens). */
  readonly slot: ConcurrencyLimiter;
  /** The in-flight limit of `slot`. */
  readonly maxConcurrency: number;
}

export interface TenantLease extends TenantPool {
  /** Gives the lease back (idempotent). The pool closes when the run ends or after idleCloseMs without leases. */
  release(): void;
}

export interface TenantPoolOptions {
  /** Requests in flight for the tenant across all its steps. */
  maxConcurrency: number;
  /** Builds the tenant's dispatcher (proxy, CA ...). Default: a keep-alive undici Agent. */
  createDispatcher?: () => Dispatcher;
}

interface Entry {
  pool: TenantPool;
  leases: number;
  idleTimer?: ReturnType<typeof setTimeout>;
}

/**
 * The default connection pool: keep-alive, sockets reused by every step, at most
 * `connections` sockets per origin (undici otherwise opens a few more than the requests in
 * flight: a socket is handed back to the pool just after its response has been read).
 */
export function createKeepAliveAgent(
  opts: { connections?: number; connectMs?: number } = {},
): Dispatcher {
  return new Agent({
    keepAliveTimeout: 30_000,
    keepAliveMaxTimeout: 600_000,
    connect: { timeout: opts.connectMs ?? 10_000 },
    ...(opts.connections !== undefined && { connections: opts.connections }),
  });
}

/**
 * One connection pool (and one in-flight limit) per tenant for the whole run, shared by
 * every step instead of each step opening (and TLS-handshaking) its own sockets.
 *
 * Steps lease the pool and release it when they end. The pool is closed
 * - by close(key) / closeAll(), which integrations call from the J1 `afterExecution` hook
 *   (the runtime calls it when the run ends, also after a failed validateInvocation), and
 * - as a safety net, idleCloseMs after its last lease was released with no new lease (a
 *   runtime that never calls the hook). The timer is unref'd, and undici unrefs idle
 *   keep-alive sockets, so an unclosed pool never keeps the process alive.
 * A lease taken after the pool was closed gets a fresh pool.
 */
export class TenantPools {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly idleCloseMs = 15_000) {}

  lease(key: string, opts: TenantPoolOptions): TenantLease {
    let entry = this.entries.get(key);
    if (!entry) {
      const dispatcher =
        opts.createDispatcher?.() ?? createKeepAliveAgent({ connections: opts.maxConcurrency });
      entry = {
        pool: {
          key,
          dispatcher,
          slot: createConcurrencyLimiter(opts.maxConcurrency),
          maxConcurrency: opts.maxConcurrency,
        },
        leases: 0,
      };
      this.entries.set(key, entry);
    }
    const e = entry;
    if (e.idleTimer) clearTimeout(e.idleTimer);
    e.idleTimer = undefined;
    e.leases += 1;
    let released = false;
    return {
      ...e.pool,
      release: () => {
        if (released) return;
        released = true;
        e.leases -= 1;
        if (e.leases > 0 || this.entries.get(key) !== e) return;
        e.idleTimer = setTimeout(() => void this.close(key), this.idleCloseMs);
        e.idleTimer.unref?.();
      },
    };
  }

  /** Open pools (tests, diagnostics). */
  get size(): number {
    return this.entries.size;
  }

  /** Closes one tenant's pool: idle sockets now, busy ones when their request ends. */
  async close(key: string): Promise<void> {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    if (entry.idleTimer) clearTimeout(entry.idleTimer);
    await entry.pool.dispatcher.close().catch(() => undefined);
  }

  /** Closes every pool whose key starts with prefix (all when omitted). */
  async closeAll(prefix = ''): Promise<void> {
    const keys = [...this.entries.keys()].filter((k) => k.startsWith(prefix));
    await Promise.all(keys.map((k) => this.close(k)));
  }
}

/** The process-wide registry the integrations share. */
export const tenantPools = new TenantPools();
