import { chiSquareSurvival } from './gamma.js';

/**
 * Pearson's chi-square test of homogeneity on a 2 × k table (reference and current counts over
 * the same k categories) — a **test**. Matches scipy.stats.chi2_contingency(table, correction=False):
 *
 *   E_ij = R_i · C_j / N,   X² = Σ_ij (O_ij − E_ij)² / E_ij,   dof = k − 1,
 *   p = Pr(χ²_dof ≥ X²) = Q(dof/2, X²/2)   (regularised upper incomplete gamma, gamma.ts).
 *
 * Categories with a zero count on both sides are dropped first (scipy rejects zero expected
 * counts); with fewer than two categories left the result is X² = 0, dof = 0, p = 1.
 * The effect size is Cramér's V = √(X² / (N · (min(2, k) − 1))) = √(X²/N), in [0, 1], used by the
 * drift policy so that huge samples do not flag negligible shifts.
 */
export interface ChiSquareResult {
  readonly statistic: number;
  readonly dof: number;
  readonly pValue: number;
  readonly cramersV: number;
  readonly n1: number;
  readonly n2: number;
}

export function chiSquareHomogeneity(reference: readonly number[], current: readonly number[]): ChiSquareResult {
  if (reference.length !== current.length) throw new RangeError('chiSquareHomogeneity needs counts over the same categories');
  const keep: Array<[number, number]> = [];
  for (let j = 0; j < reference.length; j += 1) if (reference[j] + current[j] > 0) keep.push([reference[j], current[j]]);
  const n1 = keep.reduce((s, [a]) => s + a, 0);
  const n2 = keep.reduce((s, [, b]) => s + b, 0);
  const n = n1 + n2;
  if (keep.length < 2 || n1 === 0 || n2 === 0) return { statistic: 0, dof: 0, pValue: 1, cramersV: 0, n1, n2 };
  let statistic = 0;
  for (const [a, b] of keep) {
    const col = a + b;
    const e1 = (n1 * col) / n;
    const e2 = (n2 * col) / n;
    statistic += ((a - e1) * (a - e1)) / e1 + ((b - e2) * (b - e2)) / e2;
  }
  const dof = keep.length - 1;
  return { statistic, dof, pValue: chiSquareSurvival(statistic, dof), cramersV: Math.sqrt(statistic / n), n1, n2 };
}
