import { regularizedGammaQ } from '../../data/stats/gamma.js';
import { checkBinaryInput } from './binary-input.js';
import { rankScores } from './ranked-scores.js';

/** ROC AUC with its DeLong standard error and a normal confidence interval. */
export interface AucWithInterval {
  readonly auc: number;
  readonly standardError: number;
  readonly low: number;
  readonly high: number;
  readonly level: number;
  readonly method: 'DeLong';
}

/**
 * ROC AUC with the variance of DeLong, DeLong & Clarke-Pearson (1988). With m positives X and
 * n negatives Y and ψ(x, y) = 1 if x > y, ½ if equal, 0 otherwise, the structural components
 * are V₁₀(Xᵢ) = mean_j ψ(Xᵢ, Yⱼ) and V₀₁(Yⱼ) = mean_i ψ(Xᵢ, Yⱼ); then
 * Var(AUC) = s²(V₁₀)/m + s²(V₀₁)/n with sample variances (denominator m − 1, n − 1). The
 * components come from mid-ranks (Sun & Xu 2014): V₁₀(Xᵢ) = (R(Xᵢ) − R₊(Xᵢ))/n, where R is the
 * mid-rank among all scores and R₊ among the positives, and V₀₁(Yⱼ) = 1 − (R(Yⱼ) − R₋(Yⱼ))/m.
 * The interval is AUC ± z·SE, clipped to [0, 1]. Needs at least two of each class.
 *
 * @example
 * const { auc, low, high } = aucDeLong(labels, scores);
 */
export function aucDeLong(labels: ArrayLike<number>, scores: ArrayLike<number>, level = 0.95): AucWithInterval {
  const { positives: m, negatives: n } = checkBinaryInput(labels, scores, { bothClasses: true, what: 'ROC AUC (DeLong)' });
  const all = midRanks(scores, () => true);
  const withinPositive = midRanks(scores, (i) => labels[i] === 1);
  const withinNegative = midRanks(scores, (i) => labels[i] === 0);
  const v10: number[] = [];
  const v01: number[] = [];
  let positiveRankSum = 0;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] === 1) {
      positiveRankSum += all[i];
      v10.push((all[i] - withinPositive[i]) / n);
    } else {
      v01.push(1 - (all[i] - withinNegative[i]) / m);
    }
  }
  const auc = (positiveRankSum - (m * (m + 1)) / 2) / (m * n);
  const variance = (m > 1 ? sampleVariance(v10) / m : Number.NaN) + (n > 1 ? sampleVariance(v01) / n : Number.NaN);
  const standardError = Math.sqrt(variance);
  const z = normalQuantile((1 + level) / 2);
  return { auc, standardError, low: Math.max(0, auc - z * standardError), high: Math.min(1, auc + z * standardError), level, method: 'DeLong' };
}

/** Mid-ranks (1-based, ties averaged) of the rows selected by `take`, among themselves; 0 elsewhere. */
function midRanks(scores: ArrayLike<number>, take: (row: number) => boolean): Float64Array {
  const rows: number[] = [];
  for (let i = 0; i < scores.length; i++) if (take(i)) rows.push(i);
  const ranked = rankScores(rows.map((row) => scores[row]));
  const ranks = new Float64Array(scores.length);
  const count = rows.length;
  for (let g = 0; g < ranked.values.length; g++) {
    const start = ranked.starts[g];
    const end = ranked.starts[g + 1];
    // ranked is descending; ascending 1-based positions of this group are count − end + 1 … count − start
    const rank = (count - end + 1 + count - start) / 2;
    for (let k = start; k < end; k++) ranks[rows[ranked.order[k]]] = rank;
  }
  return ranks;
}

function sampleVariance(values: readonly number[]): number {
  let mean = 0;
  for (const value of values) mean += value;
  mean /= values.length;
  let sum = 0;
  for (const value of values) sum += (value - mean) ** 2;
  return sum / (values.length - 1);
}

/**
 * The standard normal quantile Φ⁻¹(p), by Acklam's rational approximation (relative error below
 * 1.2e-9) refined with one Halley step on Φ computed from erfc (via the regularised gamma function).
 *
 * @example
 * normalQuantile(0.975); // 1.959963984540054
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normalQuantile needs 0 < p < 1, not ${p}`);
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  let x: number;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  } else if (p <= 1 - low) {
    const q = p - 0.5;
    const r = q * q;
    x = ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  } else {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  const error = 0.5 * erfc(-x / Math.SQRT2) - p;
  const u = error * Math.sqrt(2 * Math.PI) * Math.exp((x * x) / 2);
  return x - u / (1 + (x * u) / 2);
}

/** The complementary error function: erfc(x) = Q(½, x²) for x ≥ 0, and 2 − erfc(−x) below 0. */
function erfc(x: number): number {
  const tail = regularizedGammaQ(0.5, x * x);
  return x >= 0 ? tail : 2 - tail;
}
