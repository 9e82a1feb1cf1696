import type { Histogram } from '../profile-types.js';
import { cdfBounds, cdfInterpolated, histogramCdf, unionEdges } from './histogram-cdf.js';

/**
 * The Kolmogorov–Smirnov statistic D = sup_x |F₁(x) − F₂(x)| from two histograms (a distance in
 * [0, 1]; no p-value here, see ks.ts for that). The histograms need not share edges.
 *
 * - `statistic`: D of the interpolated CDFs (uniform mass inside each bin), evaluated at every edge
 *   of both histograms (the difference is linear between them, so that is the sup).
 * - `lower` / `upper`: rigorous bounds on the D of the raw samples behind the histograms, from
 *   C_i ≤ F(x) ≤ C_{i+1} inside each bin (see histogram-cdf.ts). On shared edges `lower` is D at
 *   the edges and `upper − lower` is at most the largest probability mass of one bin.
 * - `errorBound` = max(upper − statistic, statistic − lower): |statistic − D_raw| ≤ errorBound.
 *   (The bound is in probability units: for KS, "within one bin" means within one bin's mass.)
 */
export interface KsHistogramResult {
  readonly statistic: number;
  readonly lower: number;
  readonly upper: number;
  readonly errorBound: number;
  readonly n1: number;
  readonly n2: number;
}

export function ksFromHistograms(reference: Histogram, current: Histogram): KsHistogramResult {
  const a = histogramCdf(reference);
  const b = histogramCdf(current);
  const grid = unionEdges(a, b);
  let statistic = 0;
  let lower = 0;
  let upper = 0;
  for (const x of grid) {
    for (const side of ['left', 'right'] as const) {
      const diff = Math.abs(cdfInterpolated(a, x, side) - cdfInterpolated(b, x, side));
      if (diff > statistic) statistic = diff;
    }
    const ba = cdfBounds(a, x);
    const bb = cdfBounds(b, x);
    upper = Math.max(upper, ba.upper - bb.lower, bb.upper - ba.lower);
    lower = Math.max(lower, ba.lower - bb.upper, bb.lower - ba.upper);
  }
  // left of every edge both CDFs are 0, so nothing to add; [x, next) cells are covered by their left point
  upper = Math.min(1, upper);
  return { statistic, lower, upper, errorBound: Math.max(upper - statistic, statistic - lower), n1: a.total, n2: b.total };
}
