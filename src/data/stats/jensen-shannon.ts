import { proportions } from './frequencies.js';

/**
 * The Jensen–Shannon **distance** (the square root of the Jensen–Shannon divergence, a metric),
 * with base-2 logarithms so that it lies in [0, 1]. Matches
 * scipy.spatial.distance.jensenshannon(p, q, base=2):
 *
 *   p, q normalised to sum 1,  m = (p + q)/2,
 *   JSD(p‖q) = ½ Σ p_i log₂(p_i/m_i) + ½ Σ q_i log₂(q_i/m_i)   (0 · log 0 = 0; a divergence, in bits)
 *   JS distance = √JSD.
 *
 * Empty categories need no smoothing: m_i > 0 wherever p_i or q_i is.
 */
export function jensenShannonDistance(p: readonly number[], q: readonly number[]): number {
  if (p.length !== q.length) throw new RangeError('jensenShannonDistance needs vectors of one length');
  const a = proportions(p);
  const b = proportions(q);
  let sum = 0;
  for (let i = 0; i < a.length; i += 1) {
    const m = (a[i] + b[i]) / 2;
    if (a[i] > 0) sum += a[i] * Math.log(a[i] / m);
    if (b[i] > 0) sum += b[i] * Math.log(b[i] / m);
  }
  return Math.sqrt(Math.max(0, sum / Math.LN2 / 2));
}
