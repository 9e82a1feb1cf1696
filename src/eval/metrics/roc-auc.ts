import { checkBinaryInput } from './binary-input.js';
import { rankScores, type RankedScores } from './ranked-scores.js';

/**
 * Area under the ROC curve: the probability that a random positive scores above a random
 * negative, ties counting one half (the Mann-Whitney U statistic over n₊·n₋; equal to the
 * trapezoidal area under the ROC curve). O(n log n). Labels are 0/1; scores are any finite
 * numbers. Throws a PaydownError when a class is missing or the input is not binary.
 *
 * @example
 * rocAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]); // 0.75
 */
export function rocAuc(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  checkBinaryInput(labels, scores, { bothClasses: true, what: 'ROC AUC' });
  return rankedAuc(labels, rankScores(scores));
}

/**
 * ROC AUC of already ranked, already checked scores, with optional row weights (bootstrap
 * counts). NaN when the weights leave a class empty.
 *
 * @example
 * rankedAuc([0, 1], rankScores([0.3, 0.6])); // 1
 */
export function rankedAuc(labels: ArrayLike<number>, ranked: RankedScores, weights?: ArrayLike<number>): number {
  const { order, starts } = ranked;
  let positives = 0;
  let negatives = 0;
  let area = 0;
  for (let g = 0; g + 1 < starts.length; g++) {
    let tp = 0;
    let fp = 0;
    for (let k = starts[g]; k < starts[g + 1]; k++) {
      const row = order[k];
      const weight = weights === undefined ? 1 : weights[row];
      if (labels[row] === 1) tp += weight;
      else fp += weight;
    }
    // positives of this group beat the negatives of every lower group and tie with this group's
    area -= tp * (negatives + 0.5 * fp);
    positives += tp;
    negatives += fp;
  }
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (area + positives * negatives) / (positives * negatives);
}
