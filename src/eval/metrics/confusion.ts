import { checkBinaryInput } from './binary-input.js';

/** Counts and rates when predicting positive at score ≥ threshold. */
export interface ThresholdMetrics {
  readonly threshold: number;
  readonly truePositives: number;
  readonly falsePositives: number;
  readonly trueNegatives: number;
  readonly falseNegatives: number;
  readonly accuracy: number;
  /** tp / (tp + fp); 0 when nothing is predicted positive (scikit-learn's zero_division=0). */
  readonly precision: number;
  /** tp / (tp + fn); 0 when there are no positives. */
  readonly recall: number;
  /** fp / (fp + tn); 0 when there are no negatives. */
  readonly falsePositiveRate: number;
  readonly beta: number;
  /** (1 + β²)·P·R / (β²·P + R); 0 when precision and recall are both 0. */
  readonly fBeta: number;
}

/**
 * Accuracy, precision, recall, false-positive rate and F-beta when predicting positive at
 * score ≥ threshold.
 *
 * @example
 * metricsAtThreshold([0, 1, 1, 0], [0.2, 0.9, 0.4, 0.6], 0.5).precision; // 0.5
 */
export function metricsAtThreshold(labels: ArrayLike<number>, scores: ArrayLike<number>, threshold: number, beta = 1): ThresholdMetrics {
  checkBinaryInput(labels, scores, { what: 'metrics at a threshold' });
  let tp = 0;
  let fp = 0;
  let positives = 0;
  for (let i = 0; i < labels.length; i++) {
    const predicted = scores[i] >= threshold;
    if (labels[i] === 1) {
      positives++;
      if (predicted) tp++;
    } else if (predicted) fp++;
  }
  return fromCounts(threshold, tp, fp, positives, labels.length - positives, beta);
}

/**
 * The metrics of a confusion matrix given by true/false positives and class totals.
 *
 * @example
 * fromCounts(0.5, 8, 2, 10, 90, 1).fBeta; // 0.8
 */
export function fromCounts(threshold: number, tp: number, fp: number, positives: number, negatives: number, beta = 1): ThresholdMetrics {
  const fn = positives - tp;
  const tn = negatives - fp;
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = positives === 0 ? 0 : tp / positives;
  return {
    threshold,
    truePositives: tp,
    falsePositives: fp,
    trueNegatives: tn,
    falseNegatives: fn,
    accuracy: (tp + tn) / (positives + negatives),
    precision,
    recall,
    falsePositiveRate: negatives === 0 ? 0 : fp / negatives,
    beta,
    fBeta: fBetaOf(precision, recall, beta),
  };
}

/**
 * F-beta from precision and recall: recall counts β times as much as precision.
 *
 * @example
 * fBetaOf(0.5, 1, 1); // 0.6667
 */
export function fBetaOf(precision: number, recall: number, beta: number): number {
  const b2 = beta * beta;
  const denominator = b2 * precision + recall;
  return denominator === 0 ? 0 : ((1 + b2) * precision * recall) / denominator;
}
