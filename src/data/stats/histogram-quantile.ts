import type { Histogram } from '../profile-types.js';

/**
 * The p-quantile of the values behind a histogram, in numpy's default ("linear") definition:
 * with the n values sorted, q(p) = x₍ⱼ₎ + (r − j)(x₍ⱼ₊₁₎ − x₍ⱼ₎) where r = p(n − 1) and j = ⌊r⌋
 * (0-based). The order statistics x₍ⱼ₎ and x₍ⱼ₊₁₎ are not known, only the bins that hold them,
 * so the estimate interpolates inside the bin that holds rank r (mass spread evenly in the bin).
 *
 * Error bound: q(p) lies between x₍ⱼ₎ and x₍ⱼ₊₁₎, hence between the left edge of the bin of
 * x₍ⱼ₎ and the right edge of the bin of x₍ⱼ₊₁₎; the estimate lies there too, so
 * |estimate − q(p)| ≤ that span, returned as `errorBound` — one bin width when both order
 * statistics share a bin (the usual case in a fine histogram).
 *
 * @example
 * quantileFromHistogram({ edges: [0, 1, 2], counts: [2, 2] }, 0.5); // { value: 1, errorBound: 2 }
 */
export function quantileFromHistogram(histogram: Histogram, p: number): { readonly value: number; readonly errorBound: number } {
  const { edges, counts } = histogram;
  const n = counts.reduce((sum, c) => sum + c, 0);
  if (n === 0 || counts.length === 0) return { value: Number.NaN, errorBound: Number.NaN };
  const rank = p * (n - 1);
  const below = Math.floor(rank);
  const above = Math.min(n - 1, below + 1);
  const binOf = (r: number): number => {
    let seen = 0;
    for (let k = 0; k < counts.length; k += 1) {
      seen += counts[k];
      if (r < seen) return k;
    }
    return counts.length - 1;
  };
  const first = binOf(below);
  const last = binOf(rank > below ? above : below);
  let before = 0;
  for (let k = 0; k < first; k += 1) before += counts[k];
  const inBin = counts[first];
  const left = edges[first];
  const right = edges[first + 1];
  const fraction = inBin > 0 ? Math.min(1, Math.max(0, (rank - before + 0.5) / inBin)) : 0;
  const value = left + fraction * (right - left);
  return { value, errorBound: edges[last + 1] - edges[first] };
}
