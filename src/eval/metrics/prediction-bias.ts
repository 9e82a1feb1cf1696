import { checkBinaryInput } from './binary-input.js';

/** Mean prediction against the observed rate of positives. */
export interface PredictionBias {
  readonly meanScore: number;
  readonly observedRate: number;
  /** meanScore − observedRate: positive when the model over-predicts. */
  readonly bias: number;
}

/**
 * Prediction bias: the mean predicted probability minus the observed share of positives. A
 * calibrated model has a bias near 0 on every slice; a shift here is the paper's cheapest
 * monitoring signal.
 *
 * @example
 * predictionBias([0, 1, 0, 0], [0.2, 0.6, 0.3, 0.1]).bias; // 0.3 − 0.25 = 0.05
 */
export function predictionBias(labels: ArrayLike<number>, scores: ArrayLike<number>): PredictionBias {
  checkBinaryInput(labels, scores, { probabilities: true, what: 'prediction bias' });
  return weightedPredictionBias(labels, scores);
}

/**
 * Prediction bias of checked input with optional row weights (bootstrap counts).
 *
 * @example
 * weightedPredictionBias([0, 1], [0.2, 0.7], [1, 1]).bias; // −0.05
 */
export function weightedPredictionBias(labels: ArrayLike<number>, scores: ArrayLike<number>, weights?: ArrayLike<number>): PredictionBias {
  let scoreSum = 0;
  let positives = 0;
  let total = 0;
  for (let i = 0; i < labels.length; i++) {
    const weight = weights === undefined ? 1 : weights[i];
    scoreSum += weight * scores[i];
    positives += weight * labels[i];
    total += weight;
  }
  const meanScore = scoreSum / total;
  const observedRate = positives / total;
  return { meanScore, observedRate, bias: meanScore - observedRate };
}
