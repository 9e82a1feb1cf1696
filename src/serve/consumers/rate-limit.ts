import type { Store } from '../store/store.js';

interface WindowCount {
  window: number;
  /** The first read of the fleet-wide total for this window, while it is under way. */
  reading: Promise<void> | undefined;
  /** The fleet-wide total of this window when last read from the store. */
  shared: number;
  /** Calls allowed here and not yet added to the store. */
  pending: number;
  /** Pending calls being added right now. */
  sending: number;
}

/**
 * `sla.ratePerSecond` per consumer, shared by every replica through a counter in the store per
 * consumer and one-second window (`addToCounter`). The first call of a consumer in a window
 * reads the fleet-wide total; after that the decision is made in memory (that total plus the
 * calls allowed here since), and the calls are added to the store every `syncMs` (default
 * 50 ms), which also reads the other replicas' calls. Several replicas together may therefore
 * exceed the rate by what they allow within one `syncMs`. A batch counts as one call.
 *
 * @example
 * const limiter = new RateLimiter(store);
 * if (!(await limiter.allow('bidder', 5000, Date.now()))) return c.json({ error: 'rate limit' }, 429);
 */
export class RateLimiter {
  readonly #store: Store;
  readonly #syncMs: number;
  readonly #onError: (error: unknown) => void;
  readonly #counts = new Map<string, WindowCount>();
  #timer: NodeJS.Timeout | undefined;
  #syncing: Promise<void> | undefined;

  constructor(store: Store, options: { readonly syncMs?: number; readonly onError?: (error: unknown) => void } = {}) {
    this.#store = store;
    this.#syncMs = options.syncMs ?? 50;
    this.#onError = options.onError ?? (() => undefined);
  }

  /** Whether one more call of this consumer fits in its rate this second; counts it when it does. */
  async allow(consumer: string, ratePerSecond: number, now: number): Promise<boolean> {
    const window = Math.floor(now / 1000) * 1000;
    let count = this.#counts.get(consumer);
    if (count === undefined || count.window < window) {
      const fresh: WindowCount = { window, reading: undefined, shared: 0, pending: 0, sending: 0 };
      fresh.reading = this.#store
        .addToCounter(`rate:${consumer}`, window, 0)
        .then((total) => {
          fresh.shared = Math.max(fresh.shared, total);
        })
        .catch(this.#onError)
        .finally(() => {
          fresh.reading = undefined;
        });
      count = fresh;
      this.#counts.set(consumer, count);
    }
    if (count.reading !== undefined) await count.reading;
    if (count.shared + count.pending + count.sending >= ratePerSecond) return false;
    count.pending += 1;
    this.#schedule();
    return true;
  }

  /** Adds every pending call to the store and reads the shared totals. */
  sync(): Promise<void> {
    this.#syncing ??= this.#syncOnce().finally(() => {
      this.#syncing = undefined;
    });
    return this.#syncing;
  }

  stop(): Promise<void> {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    return this.sync();
  }

  #schedule(): void {
    if (this.#timer !== undefined) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.sync().then(() => {
        const current = Math.floor(Date.now() / 1000) * 1000;
        for (const [consumer, count] of this.#counts) {
          if (count.window < current - 1000) this.#counts.delete(consumer);
        }
        if ([...this.#counts.values()].some((count) => count.pending > 0 || count.window >= current)) this.#schedule();
      });
    }, this.#syncMs);
    this.#timer.unref();
  }

  async #syncOnce(): Promise<void> {
    for (const [consumer, count] of this.#counts) {
      const amount = count.pending;
      count.pending = 0;
      count.sending = amount;
      try {
        const total = await this.#store.addToCounter(`rate:${consumer}`, count.window, amount);
        count.shared = Math.max(count.shared, total);
      } catch (error) {
        count.pending += amount;
        this.#onError(error);
      } finally {
        count.sending = 0;
      }
    }
  }
}
