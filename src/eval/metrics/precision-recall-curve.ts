import { checkBinaryInput } from './binary-input.js';
import { curveCounts, rankScores } from './ranked-scores.js';

/** A precision/recall curve, thresholds increasing, as scikit-learn returns it. */
export interface PrecisionRecallCurve {
  /** One longer than `thresholds`: the last point is (recall 0, precision 1). */
  readonly precision: Float64Array;
  readonly recall: Float64Array;
  /** Every distinct score, increasing; predict positive when score ≥ threshold. */
  readonly thresholds: Float64Array;
}

/**
 * The precision/recall curve as scikit-learn's `precision_recall_curve` defines it (checked
 * against version 1.2): for each distinct score t, lowest first, the precision and recall when
 * predicting positive at score ≥ t; then a final point with precision 1 and recall 0 that has
 * no threshold. Needs at least one positive.
 *
 * @example
 * const curve = precisionRecallCurve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]);
 * // thresholds [0.1, 0.35, 0.4, 0.8], precision [0.5, 2/3, 0.5, 1, 1], recall [1, 1, 0.5, 0.5, 0]
 */
export function precisionRecallCurve(labels: ArrayLike<number>, scores: ArrayLike<number>): PrecisionRecallCurve {
  const { positives } = checkBinaryInput(labels, scores, { what: 'precision/recall curve' });
  if (positives === 0) checkBinaryInput(labels, scores, { bothClasses: true, what: 'precision/recall curve' });
  const counts = curveCounts(labels, rankScores(scores));
  const size = counts.thresholds.length;
  const precision = new Float64Array(size + 1);
  const recall = new Float64Array(size + 1);
  const thresholds = new Float64Array(size);
  for (let k = 0; k < size; k++) {
    const i = size - 1 - k;
    const tp = counts.truePositives[i];
    precision[k] = tp / (tp + counts.falsePositives[i]);
    recall[k] = tp / counts.positives;
    thresholds[k] = counts.thresholds[i];
  }
  precision[size] = 1;
  recall[size] = 0;
  return { precision, recall, thresholds };
}
