import { DEFAULT_BOOTSTRAP, quantileSorted, resampleCounts, type BootstrapOptions } from './bootstrap.js';
import { metricNames, type MetricName } from './metric-set.js';

/** A percentile bootstrap interval of one metric (NaN bounds when no resample defined it). */
export interface MetricInterval {
  readonly low: number;
  readonly high: number;
}

/**
 * Percentile bootstrap intervals of the five metrics at once: `compute` is called once per
 * resample with the resample's row counts and returns every metric (NaN values, such as an AUC
 * without both classes, are left out of that metric's interval). Paired comparisons pass a
 * `compute` that evaluates both models on the same counts and returns the differences.
 *
 * @example
 * const intervals = metricIntervals(rows.labels.length, (w) => metricValues(rows, w), { seed: 1 });
 */
export function metricIntervals(rowCount: number, compute: (weights: Uint32Array) => Readonly<Record<MetricName, number>>, options: BootstrapOptions = {}): Record<MetricName, MetricInterval> {
  const { resamples, seed, level } = { ...DEFAULT_BOOTSTRAP, ...options };
  const samples = Object.fromEntries(metricNames.map((name) => [name, [] as number[]])) as Record<MetricName, number[]>;
  for (const counts of resampleCounts(rowCount, { resamples, seed })) {
    const values = compute(counts);
    for (const name of metricNames) if (!Number.isNaN(values[name])) samples[name].push(values[name]);
  }
  return Object.fromEntries(
    metricNames.map((name) => {
      const sorted = Float64Array.from(samples[name]).sort();
      return [name, { low: quantileSorted(sorted, (1 - level) / 2), high: quantileSorted(sorted, (1 + level) / 2) }];
    }),
  ) as Record<MetricName, MetricInterval>;
}
