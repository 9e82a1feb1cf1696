import type { Histogram } from '../profile-types.js';

/**
 * The CDF of a histogram, for statistics computed from binned counts. Two views of one histogram
 * with edges e₀ < … < e_K and counts c₀ … c_{K−1} (N = Σ c, C_i = Σ_{k<i} c_k / N):
 *
 * - **interpolated**: mass spread uniformly inside each bin, so F is piecewise linear through
 *   (e_i, C_i); a bin of zero width is a point mass (a jump);
 * - **bounds**: what the binned counts prove about the true empirical CDF F(x) = Pr(X ≤ x):
 *   C_i ≤ F(x) ≤ C_{i+1} for x in [e_i, e_{i+1}), F = 0 left of e₀ and F = 1 from e_K on.
 */
export interface HistogramCdf {
  readonly edges: Float64Array;
  /** cumulative[i] = C_i, cumulative[K] = 1. */
  readonly cumulative: Float64Array;
  readonly total: number;
}

export function histogramCdf(histogram: Histogram): HistogramCdf {
  const { edges, counts } = histogram;
  if (edges.length !== counts.length + 1 || counts.length === 0) throw new RangeError('a histogram needs K ≥ 1 counts and K + 1 edges');
  for (let i = 1; i < edges.length; i += 1) {
    if (!(edges[i] >= edges[i - 1])) throw new RangeError('histogram edges must be ascending');
  }
  const total = counts.reduce((sum, c) => sum + c, 0);
  if (!(total > 0)) throw new RangeError('a histogram with no counts has no distribution');
  const cumulative = new Float64Array(edges.length);
  let running = 0;
  for (let i = 0; i < counts.length; i += 1) {
    running += counts[i];
    cumulative[i + 1] = running / total;
  }
  cumulative[counts.length] = 1;
  return { edges: Float64Array.from(edges), cumulative, total };
}

/** The index i of the bin [e_i, e_{i+1}) holding x, or −1 left of e₀, or K from e_K on. */
function binOf(cdf: HistogramCdf, x: number): number {
  const { edges } = cdf;
  const k = edges.length - 1;
  if (x < edges[0]) return -1;
  if (x >= edges[k]) return k;
  let lo = 0;
  let hi = k;
  // invariant: edges[lo] <= x < edges[hi]
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (edges[mid] <= x) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** Lower and upper bounds of the true empirical CDF at x. */
export function cdfBounds(cdf: HistogramCdf, x: number): { readonly lower: number; readonly upper: number } {
  const i = binOf(cdf, x);
  if (i < 0) return { lower: 0, upper: 0 };
  if (i >= cdf.edges.length - 1) return { lower: 1, upper: 1 };
  return { lower: cdf.cumulative[i], upper: cdf.cumulative[i + 1] };
}

/** The interpolated CDF at x: the right limit F(x⁺) (`side` 'right') or the left limit F(x⁻). */
export function cdfInterpolated(cdf: HistogramCdf, x: number, side: 'left' | 'right' = 'right'): number {
  const { edges, cumulative } = cdf;
  const k = edges.length - 1;
  if (side === 'right' ? x < edges[0] : x <= edges[0]) return 0;
  if (side === 'right' ? x >= edges[k] : x > edges[k]) return 1;
  // find the bin with edges[i] <= x <= edges[i+1], preferring the one that gives the asked limit
  let lo = 0;
  let hi = k;
  if (side === 'right') {
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (edges[mid] <= x) lo = mid;
      else hi = mid;
    }
  } else {
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (edges[mid] < x) lo = mid;
      else hi = mid;
    }
  }
  const a = edges[lo];
  const b = edges[lo + 1];
  const width = b - a;
  if (width <= 0) return side === 'right' ? cumulative[lo + 1] : cumulative[lo];
  return cumulative[lo] + ((cumulative[lo + 1] - cumulative[lo]) * (x - a)) / width;
}

/** The sorted distinct edges of both histograms. */
export function unionEdges(a: HistogramCdf, b: HistogramCdf): Float64Array {
  const all = Float64Array.from([...a.edges, ...b.edges]);
  all.sort();
  const out: number[] = [];
  for (const x of all) if (out.length === 0 || out[out.length - 1] !== x) out.push(x);
  return Float64Array.from(out);
}

/** Σ_i p_i · w_i / 2: the Wasserstein-1 distance between the binned sample and its interpolated histogram is at most this. */
export function halfMeanBinWidth(cdf: HistogramCdf): number {
  let sum = 0;
  for (let i = 0; i + 1 < cdf.edges.length; i += 1) {
    sum += (cdf.cumulative[i + 1] - cdf.cumulative[i]) * (cdf.edges[i + 1] - cdf.edges[i]);
  }
  return sum / 2;
}

/** Counts of `histogram` re-binned onto `edges` by the interpolated CDF (approximate; exact when the edges are shared). */
export function rebin(histogram: Histogram, edges: readonly number[]): number[] {
  const cdf = histogramCdf(histogram);
  const counts: number[] = [];
  for (let i = 0; i + 1 < edges.length; i += 1) {
    const left = i === 0 ? 0 : cdfInterpolated(cdf, edges[i], 'left');
    const right = i + 2 === edges.length ? 1 : cdfInterpolated(cdf, edges[i + 1], 'left');
    counts.push(Math.max(0, right - left) * cdf.total);
  }
  return counts;
}
