/** What one consumer got from this process since it started. */
export interface ConsumerObservation {
  readonly requests: number;
  readonly refused: number;
  readonly rateLimited: number;
  /** Requests answered within the promised `sla.latencyMs` (all answered requests when none is promised). */
  readonly withinLatency: number;
  /** Share of answered requests within the promised latency; null before the first one. */
  readonly latencyCompliance: number | null;
  /** Latency percentiles over the last {@link RECENT} answered requests, in milliseconds. */
  readonly p50Ms: number | null;
  readonly p99Ms: number | null;
}

const RECENT = 2_048;

interface Tally {
  requests: number;
  refused: number;
  rateLimited: number;
  withinLatency: number;
  recent: Float64Array;
  next: number;
  filled: number;
}

/**
 * Per-consumer counts and latencies measured by this process (not shared between replicas; the
 * Prometheus histogram `paydown_gateway_latency_seconds` is the fleet-wide view).
 *
 * @example
 * tracker.answered('bidder', 3.2, 20); // within a 20 ms promise
 * tracker.observation('bidder').latencyCompliance; // 1
 */
export class SlaTracker {
  readonly #tallies = new Map<string, Tally>();

  answered(consumer: string, latencyMs: number, promisedMs: number | undefined): boolean {
    const tally = this.#tally(consumer);
    tally.requests += 1;
    const within = promisedMs === undefined || latencyMs <= promisedMs;
    if (within) tally.withinLatency += 1;
    tally.recent[tally.next] = latencyMs;
    tally.next = (tally.next + 1) % RECENT;
    tally.filled = Math.min(RECENT, tally.filled + 1);
    return within;
  }

  refused(consumer: string): void {
    this.#tally(consumer).refused += 1;
  }

  rateLimited(consumer: string): void {
    this.#tally(consumer).rateLimited += 1;
  }

  observation(consumer: string): ConsumerObservation {
    const tally = this.#tallies.get(consumer);
    if (tally === undefined) return { requests: 0, refused: 0, rateLimited: 0, withinLatency: 0, latencyCompliance: null, p50Ms: null, p99Ms: null };
    const sorted = tally.recent.slice(0, tally.filled).sort();
    const at = (q: number): number | null => (sorted.length === 0 ? null : sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]);
    return {
      requests: tally.requests,
      refused: tally.refused,
      rateLimited: tally.rateLimited,
      withinLatency: tally.withinLatency,
      latencyCompliance: tally.requests === 0 ? null : tally.withinLatency / tally.requests,
      p50Ms: at(0.5),
      p99Ms: at(0.99),
    };
  }

  #tally(consumer: string): Tally {
    let tally = this.#tallies.get(consumer);
    if (tally === undefined) {
      tally = { requests: 0, refused: 0, rateLimited: 0, withinLatency: 0, recent: new Float64Array(RECENT), next: 0, filled: 0 };
      this.#tallies.set(consumer, tally);
    }
    return tally;
  }
}
