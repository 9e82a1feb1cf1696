import { studentTQuantile, studentTTwoSided } from './student-t.js';

/** What the metric drops of one feature or group across folds say. */
export interface DropSummary {
  /** Mean drop across folds; positive means the feature helps. */
  readonly mean: number;
  /** Sample standard deviation across folds (n − 1 in the denominator). */
  readonly std: number;
  /** The t statistic of the paired test (mean / standard error); ±Infinity when every fold agrees exactly on a non-zero drop. */
  readonly t: number;
  /** Two-sided p-value of the paired t-test that the mean drop is 0. */
  readonly pValue: number;
  /** Bounds of the two-sided confidence interval of the mean drop. */
  readonly ciLow: number;
  readonly ciHigh: number;
  /** The confidence level of the interval, e.g. 0.95. */
  readonly confidence: number;
}

/**
 * Summarises per-fold metric drops with a paired t-test across folds: the drop of fold k is
 * `metric(full)_k − metric(without)_k` (oriented so that positive helps), so testing the mean
 * drop against 0 with `t = mean / (s / √n)` and n − 1 degrees of freedom is the paired t-test of
 * the two models' fold metrics (scipy's `ttest_rel`). The interval is `mean ± t_{(1+c)/2, n−1} · s / √n`.
 *
 * Folds share training rows, so fold metrics are not independent and this test is somewhat
 * optimistic (Nadeau & Bengio, 2003); docs/lofo.md says so. When every fold's drop is the same
 * the standard deviation is 0: the p-value is 1 if that drop is 0 (the models did not differ) and
 * 0 otherwise, and the interval collapses to the mean.
 *
 * @example
 * summariseDrops([0.01, 0.012, 0.009, 0.011]).pValue; // small: the feature helps in every fold
 */
export function summariseDrops(drops: readonly number[], confidence = 0.95): DropSummary {
  const n = drops.length;
  if (n < 2) throw new RangeError(`a paired test needs at least 2 folds, not ${n}`);
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must lie between 0 and 1, not ${confidence}`);
  const mean = drops.reduce((sum, d) => sum + d, 0) / n;
  const variance = drops.reduce((sum, d) => sum + (d - mean) ** 2, 0) / (n - 1);
  const std = Math.sqrt(variance);
  if (std === 0 || std <= Math.abs(mean) * 1e-15) {
    return { mean, std: 0, t: mean === 0 ? 0 : mean > 0 ? Infinity : -Infinity, pValue: mean === 0 ? 1 : 0, ciLow: mean, ciHigh: mean, confidence };
  }
  const se = std / Math.sqrt(n);
  const t = mean / se;
  const half = studentTQuantile((1 + confidence) / 2, n - 1) * se;
  return { mean, std, t, pValue: studentTTwoSided(t, n - 1), ciLow: mean - half, ciHigh: mean + half, confidence };
}
