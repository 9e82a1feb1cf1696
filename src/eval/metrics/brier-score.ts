import { checkBinaryInput } from './binary-input.js';

/**
 * Brier score: the mean squared difference between the predicted probability and the 0/1
 * outcome (0 is perfect; always predicting 0.5 scores 0.25).
 *
 * @example
 * brierScore([0, 1, 1], [0.1, 0.9, 0.6]); // (0.01 + 0.01 + 0.16) / 3 = 0.06
 */
export function brierScore(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  checkBinaryInput(labels, scores, { probabilities: true, what: 'Brier score' });
  return weightedBrierScore(labels, scores);
}

/**
 * Brier score of checked input with optional row weights (bootstrap counts).
 *
 * @example
 * weightedBrierScore([0, 1], [0.2, 0.7], [1, 3]);
 */
export function weightedBrierScore(labels: ArrayLike<number>, scores: ArrayLike<number>, weights?: ArrayLike<number>): number {
  let sum = 0;
  let total = 0;
  for (let i = 0; i < labels.length; i++) {
    const weight = weights === undefined ? 1 : weights[i];
    const error = scores[i] - labels[i];
    sum += weight * error * error;
    total += weight;
  }
  return sum / total;
}
