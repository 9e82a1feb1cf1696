import type { Histogram } from '../profile-types.js';
import { cdfInterpolated, halfMeanBinWidth, histogramCdf, unionEdges } from './histogram-cdf.js';

/**
 * The Wasserstein-1 (earth mover's) distance between two one-dimensional distributions — a
 * **distance** (a metric, in the units of the data):
 *
 *   W₁(P, Q) = ∫ |F_P(x) − F_Q(x)| dx
 *
 * `wasserstein1` on raw values equals scipy.stats.wasserstein_distance(u, v) (unweighted).
 * `wasserstein1FromHistograms` integrates the difference of the interpolated CDFs (uniform mass
 * inside each bin) exactly; its `errorBound` is Σ pᵢwᵢ/2 for each side (mass-weighted half bin
 * width): moving each value to a uniform spread over its bin costs at most half its bin width, so
 * |W₁(histograms) − W₁(raw)| ≤ errorBound ≤ (w₁ + w₂)/2 — within one bin width for equal widths.
 *
 * `normalisedWasserstein` divides by a scale of the reference, so thresholds are unit-free:
 * paydown uses the reference's sample standard deviation (n − 1), falling back to its IQR
 * (q75 − q25) when the standard deviation is 0 or unknown; when both are 0 the distance is
 * returned unscaled.
 */
export interface WassersteinResult {
  readonly distance: number;
  /** |distance − W₁ of the raw samples| ≤ errorBound (0 when computed from raw values). */
  readonly errorBound: number;
}

export function wasserstein1(u: readonly number[], v: readonly number[]): number {
  const a = Float64Array.from(u.filter((x) => !Number.isNaN(x)));
  const b = Float64Array.from(v.filter((x) => !Number.isNaN(x)));
  if (a.length === 0 || b.length === 0) throw new RangeError('wasserstein1 needs two non-empty samples');
  a.sort();
  b.sort();
  const all = new Float64Array(a.length + b.length);
  all.set(a);
  all.set(b, a.length);
  all.sort();
  let i = 0;
  let j = 0;
  let sum = 0;
  for (let k = 0; k + 1 < all.length; k += 1) {
    const x = all[k];
    while (i < a.length && a[i] <= x) i += 1;
    while (j < b.length && b[j] <= x) j += 1;
    sum += Math.abs(i / a.length - j / b.length) * (all[k + 1] - x);
  }
  return sum;
}

/** ∫ |d| over a cell of width w where d goes linearly from d0 to d1. */
function integrateAbsLinear(d0: number, d1: number, w: number): number {
  if (w <= 0) return 0;
  if (d0 * d1 >= 0) return ((Math.abs(d0) + Math.abs(d1)) / 2) * w;
  return ((d0 * d0 + d1 * d1) / (2 * (Math.abs(d0) + Math.abs(d1)))) * w;
}

export function wasserstein1FromHistograms(reference: Histogram, current: Histogram): WassersteinResult {
  const a = histogramCdf(reference);
  const b = histogramCdf(current);
  const grid = unionEdges(a, b);
  let distance = 0;
  for (let k = 0; k + 1 < grid.length; k += 1) {
    const x0 = grid[k];
    const x1 = grid[k + 1];
    const d0 = cdfInterpolated(a, x0, 'right') - cdfInterpolated(b, x0, 'right');
    const d1 = cdfInterpolated(a, x1, 'left') - cdfInterpolated(b, x1, 'left');
    distance += integrateAbsLinear(d0, d1, x1 - x0);
  }
  return { distance, errorBound: halfMeanBinWidth(a) + halfMeanBinWidth(b) };
}

/** The scale a Wasserstein distance is divided by: the reference std, else its IQR, else 1. */
export function wassersteinScale(stddev: number | undefined, iqr: number | undefined): { readonly scale: number; readonly by: 'stddev' | 'iqr' | 'none' } {
  if (stddev !== undefined && Number.isFinite(stddev) && stddev > 0) return { scale: stddev, by: 'stddev' };
  if (iqr !== undefined && Number.isFinite(iqr) && iqr > 0) return { scale: iqr, by: 'iqr' };
  return { scale: 1, by: 'none' };
}

/** W₁ / scale, with the error bound scaled alike. */
export function normalisedWasserstein(result: WassersteinResult, scale: number): WassersteinResult {
  return { distance: result.distance / scale, errorBound: result.errorBound / scale };
}
