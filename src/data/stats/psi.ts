import { proportions } from './frequencies.js';

/**
 * The Population Stability Index — a **divergence** (the symmetrised Kullback–Leibler, or Jeffreys,
 * divergence), natural logarithm:
 *
 *   PSI = Σ_i (q_i − p_i) · ln(q_i / p_i)
 *
 * with p the reference and q the current proportions over the same bins or categories.
 * Empty bins: every proportion below ε = 1e-4 is replaced by ε (without renormalising), so an
 * empty bin contributes a large but finite term. Conventional reading: < 0.1 stable,
 * 0.1–0.25 moderate shift, > 0.25 large shift.
 */
export const PSI_EPSILON = 1e-4;

export function populationStabilityIndex(reference: readonly number[], current: readonly number[], epsilon = PSI_EPSILON): number {
  if (reference.length !== current.length) throw new RangeError('populationStabilityIndex needs counts over the same bins');
  const p = proportions(reference).map((x) => Math.max(x, epsilon));
  const q = proportions(current).map((x) => Math.max(x, epsilon));
  let sum = 0;
  for (let i = 0; i < p.length; i += 1) sum += (q[i] - p[i]) * Math.log(q[i] / p[i]);
  return sum;
}
