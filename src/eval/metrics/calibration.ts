import { checkBinaryInput } from './binary-input.js';

/** One bin of a reliability diagram. */
export interface ReliabilityBin {
  /** The bin holds scores in (lower, upper]; the first bin also holds 0. */
  readonly lower: number;
  readonly upper: number;
  readonly count: number;
  /** Mean predicted probability in the bin (NaN when empty). */
  readonly meanScore: number;
  /** Observed share of positives in the bin (NaN when empty). */
  readonly observedRate: number;
}

/** Calibration of a probabilistic classifier over equal-width bins. */
export interface Calibration {
  readonly bins: readonly ReliabilityBin[];
  /** Expected calibration error: Σ_b (n_b / n) · |meanScore_b − observedRate_b| over non-empty bins. */
  readonly ece: number;
  /** Maximum calibration error: the largest |meanScore_b − observedRate_b| of a non-empty bin. */
  readonly mce: number;
}

/** The edges of `n` equal-width bins on [0, 1], computed as k · (1/n) with the last edge exactly 1. */
export function binEdges(binCount: number): Float64Array {
  const step = 1 / binCount;
  const edges = new Float64Array(binCount + 1);
  for (let k = 0; k < binCount; k++) edges[k] = k * step;
  edges[binCount] = 1;
  return edges;
}

/** The bin of a probability: the first k with p ≤ edge[k + 1] (bins are closed on the right). */
export function binOf(score: number, edges: Float64Array): number {
  let low = 0;
  let high = edges.length - 2;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (score <= edges[mid + 1]) high = mid;
    else low = mid + 1;
  }
  return low;
}

/**
 * Reliability bins and expected calibration error over `binCount` equal-width bins of [0, 1]
 * (10 by default). Bin k holds the scores p with k/n < p ≤ (k+1)/n, the first bin also holding
 * p = 0 — the binning of scikit-learn's `calibration_curve(strategy='uniform')`, whose
 * non-empty bins give the same (observedRate, meanScore) pairs.
 *
 * @example
 * const { ece, bins } = calibration([0, 1, 1, 0], [0.1, 0.8, 0.7, 0.35], 5);
 */
export function calibration(labels: ArrayLike<number>, scores: ArrayLike<number>, binCount = 10): Calibration {
  checkBinaryInput(labels, scores, { probabilities: true, what: 'calibration' });
  return weightedCalibration(labels, scores, binCount);
}

/**
 * Calibration of checked input with optional row weights (bootstrap counts).
 *
 * @example
 * weightedCalibration([0, 1], [0.2, 0.7], 10, [1, 2]).ece;
 */
export function weightedCalibration(labels: ArrayLike<number>, scores: ArrayLike<number>, binCount = 10, weights?: ArrayLike<number>): Calibration {
  if (!Number.isInteger(binCount) || binCount < 1) throw new RangeError(`calibration needs a positive whole number of bins, not ${binCount}`);
  const edges = binEdges(binCount);
  const counts = new Float64Array(binCount);
  const scoreSums = new Float64Array(binCount);
  const positives = new Float64Array(binCount);
  let total = 0;
  for (let i = 0; i < labels.length; i++) {
    const weight = weights === undefined ? 1 : weights[i];
    if (weight === 0) continue;
    const bin = binOf(scores[i], edges);
    counts[bin] += weight;
    scoreSums[bin] += weight * scores[i];
    positives[bin] += weight * labels[i];
    total += weight;
  }
  let ece = 0;
  let mce = 0;
  const bins: ReliabilityBin[] = [];
  for (let b = 0; b < binCount; b++) {
    const count = counts[b];
    const meanScore = count === 0 ? Number.NaN : scoreSums[b] / count;
    const observedRate = count === 0 ? Number.NaN : positives[b] / count;
    if (count > 0) {
      const gap = Math.abs(meanScore - observedRate);
      ece += (count / total) * gap;
      mce = Math.max(mce, gap);
    }
    bins.push({ lower: edges[b], upper: edges[b + 1], count, meanScore, observedRate });
  }
  return { bins, ece, mce };
}
