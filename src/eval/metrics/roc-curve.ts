import { checkBinaryInput } from './binary-input.js';
import { curveCounts, rankScores } from './ranked-scores.js';

/** Points of a ROC curve, from the strictest threshold to the loosest. */
export interface RocCurve {
  readonly falsePositiveRate: Float64Array;
  readonly truePositiveRate: Float64Array;
  /** Predict positive when score ≥ threshold; the first threshold is +∞ (nothing predicted positive). */
  readonly thresholds: Float64Array;
}

/**
 * The ROC curve: false- and true-positive rates at every distinct score, preceded by the point
 * (0, 0) at threshold +∞. With `dropIntermediate` (the default), a point is left out when the
 * step to it and the step from it are the same in both false and true positives (it lies on a
 * straight run of the curve and changes no plot) — the rule of scikit-learn's
 * `roc_curve(drop_intermediate=True)`, whose first threshold is +∞ since version 1.3 (max + 1
 * before).
 *
 * @example
 * rocCurve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]).truePositiveRate; // [0, 0.5, 0.5, 1, 1]
 */
export function rocCurve(labels: ArrayLike<number>, scores: ArrayLike<number>, { dropIntermediate = true }: { dropIntermediate?: boolean } = {}): RocCurve {
  checkBinaryInput(labels, scores, { bothClasses: true, what: 'ROC curve' });
  const counts = curveCounts(labels, rankScores(scores));
  let keep: number[] = [];
  const n = counts.thresholds.length;
  for (let i = 0; i < n; i++) {
    if (dropIntermediate && i > 0 && i < n - 1) {
      const fpSame = counts.falsePositives[i + 1] - counts.falsePositives[i] === counts.falsePositives[i] - counts.falsePositives[i - 1];
      const tpSame = counts.truePositives[i + 1] - counts.truePositives[i] === counts.truePositives[i] - counts.truePositives[i - 1];
      if (fpSame && tpSame) continue;
    }
    keep.push(i);
  }
  if (!dropIntermediate) keep = Array.from({ length: n }, (_, i) => i);
  const size = keep.length + 1;
  const fpr = new Float64Array(size);
  const tpr = new Float64Array(size);
  const thresholds = new Float64Array(size);
  thresholds[0] = Number.POSITIVE_INFINITY;
  keep.forEach((i, k) => {
    fpr[k + 1] = counts.falsePositives[i] / counts.negatives;
    tpr[k + 1] = counts.truePositives[i] / counts.positives;
    thresholds[k + 1] = counts.thresholds[i];
  });
  return { falsePositiveRate: fpr, truePositiveRate: tpr, thresholds };
}
