import { SeededRandom } from './random.js';

/** A percentile bootstrap interval. */
export interface BootstrapInterval {
  readonly low: number;
  readonly high: number;
  /** Coverage, e.g. 0.95. */
  readonly level: number;
  /** Resamples drawn. */
  readonly resamples: number;
  /** Resamples whose statistic was defined (e.g. both classes present); the interval uses these. */
  readonly used: number;
  readonly seed: number;
  readonly method: 'percentile bootstrap';
}

/** How to bootstrap. */
export interface BootstrapOptions {
  readonly resamples?: number;
  readonly seed?: number;
  readonly level?: number;
}

export const DEFAULT_BOOTSTRAP = { resamples: 1000, seed: 1, level: 0.95 } as const;

/**
 * Draws `resamples` bootstrap resamples of `rows` rows (n draws with replacement each, from
 * SeededRandom(seed)) and yields each as a count per row, reusing one buffer. Statistics take
 * the counts as row weights, so rows are never copied and sorted scores stay sorted. Paired
 * comparisons apply the same counts to both models.
 *
 * @example
 * for (const counts of resampleCounts(100, { resamples: 10, seed: 7 })) total += counts[0];
 */
export function* resampleCounts(rows: number, options: BootstrapOptions = {}): Generator<Uint32Array> {
  const { resamples, seed } = { ...DEFAULT_BOOTSTRAP, ...options };
  const random = new SeededRandom(seed);
  const counts = new Uint32Array(rows);
  for (let b = 0; b < resamples; b++) {
    counts.fill(0);
    random.fillIndices(counts, rows);
    yield counts;
  }
}

/**
 * The quantile q of sorted values with linear interpolation between order statistics
 * (numpy's default 'linear' method): position q·(n − 1).
 *
 * @example
 * quantileSorted(Float64Array.of(1, 2, 3, 4), 0.5); // 2.5
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = q * (sorted.length - 1);
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
}

/**
 * A percentile bootstrap interval of a statistic of weighted rows: the (1 − level)/2 and
 * (1 + level)/2 quantiles of the statistic over the resamples. NaN results (a resample without
 * a class, say) are left out and counted; when none is left, low and high are NaN.
 *
 * @example
 * const interval = bootstrapInterval(labels.length, (w) => rankedAuc(labels, ranked, w), { seed: 42 });
 */
export function bootstrapInterval(rows: number, statistic: (counts: Uint32Array) => number, options: BootstrapOptions = {}): BootstrapInterval {
  return bootstrapIntervals(rows, [statistic], options)[0];
}

/**
 * Several statistics on the same resamples (one pass): paired intervals for deltas and
 * consistent intervals for metrics reported side by side.
 *
 * @example
 * const [auc, loss] = bootstrapIntervals(n, [(w) => rankedAuc(y, r, w), (w) => weightedLogLoss(y, p, w)]);
 */
export function bootstrapIntervals(rows: number, statistics: readonly ((counts: Uint32Array) => number)[], options: BootstrapOptions = {}): BootstrapInterval[] {
  const { resamples, seed, level } = { ...DEFAULT_BOOTSTRAP, ...options };
  if (!Number.isInteger(resamples) || resamples < 1) throw new RangeError(`resamples must be a positive whole number, not ${resamples}`);
  if (!(level > 0 && level < 1)) throw new RangeError(`level must lie strictly between 0 and 1, not ${level}`);
  const values = statistics.map(() => [] as number[]);
  for (const counts of resampleCounts(rows, { resamples, seed })) {
    statistics.forEach((statistic, k) => {
      const value = statistic(counts);
      if (!Number.isNaN(value)) values[k].push(value);
    });
  }
  return values.map((list) => {
    const sorted = Float64Array.from(list).sort();
    return {
      low: quantileSorted(sorted, (1 - level) / 2),
      high: quantileSorted(sorted, (1 + level) / 2),
      level,
      resamples,
      used: sorted.length,
      seed,
      method: 'percentile bootstrap',
    };
  });
}
