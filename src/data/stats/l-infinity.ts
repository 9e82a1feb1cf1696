import { proportions } from './frequencies.js';

/**
 * The L∞ (Chebyshev) **distance** between two category frequency vectors, in [0, 1]:
 *
 *   L∞(p, q) = max_i |p_i − q_i|
 *
 * with p, q the counts normalised to proportions over the union of categories (a category missing
 * on one side has proportion 0 there). It reads as "the largest change in any category's share".
 */
export function lInfinityDistance(reference: readonly number[], current: readonly number[]): number {
  if (reference.length !== current.length) throw new RangeError('lInfinityDistance needs counts over the same categories');
  const p = proportions(reference);
  const q = proportions(current);
  let max = 0;
  for (let i = 0; i < p.length; i += 1) max = Math.max(max, Math.abs(p[i] - q[i]));
  return max;
}
