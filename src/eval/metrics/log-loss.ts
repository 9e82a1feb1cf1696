import { checkBinaryInput } from './binary-input.js';

/**
 * Mean binary cross-entropy, in nats: −mean(y·ln p + (1−y)·ln(1−p)), with each probability
 * clipped to [eps, 1 − eps] so that a confident mistake costs a large but finite amount (as
 * scikit-learn ≤ 1.2's `log_loss`, whose default eps is also 1e-15). Labels are 0/1, scores
 * probabilities in [0, 1]; anything else throws a PaydownError.
 *
 * @example
 * logLoss([0, 1], [0.2, 0.7]); // ≈ 0.2899
 */
export function logLoss(labels: ArrayLike<number>, scores: ArrayLike<number>, eps = 1e-15): number {
  checkBinaryInput(labels, scores, { probabilities: true, what: 'log loss' });
  return weightedLogLoss(labels, scores, undefined, eps);
}

/**
 * Log loss of checked input with optional row weights (bootstrap counts).
 *
 * @example
 * weightedLogLoss([0, 1], [0.2, 0.7], [2, 1]);
 */
export function weightedLogLoss(labels: ArrayLike<number>, scores: ArrayLike<number>, weights?: ArrayLike<number>, eps = 1e-15): number {
  let sum = 0;
  let total = 0;
  for (let i = 0; i < labels.length; i++) {
    const weight = weights === undefined ? 1 : weights[i];
    if (weight === 0) continue;
    const p = Math.min(Math.max(scores[i], eps), 1 - eps);
    sum += weight * (labels[i] === 1 ? Math.log(p) : Math.log(1 - p));
    total += weight;
  }
  return -sum / total;
}
