import { PaydownError } from '../../errors.js';
import { bootstrapInterval, type BootstrapInterval, type BootstrapOptions } from '../metrics/bootstrap.js';
import { checkBinaryInput } from '../metrics/binary-input.js';
import { fromCounts, type ThresholdMetrics } from '../metrics/confusion.js';
import { curveCounts, rankScores, type RankedScores } from '../metrics/ranked-scores.js';
import { bestPoint, describeObjective, type ThresholdObjective } from './objective.js';

/** A threshold learned for an objective, with its uncertainty. */
export interface LearnedThreshold {
  readonly objective: string;
  /** Predict positive at score ≥ threshold. */
  readonly threshold: number;
  readonly metrics: ThresholdMetrics;
  /** The threshold relearned on bootstrap resamples; resamples where no point met the constraint are not used. */
  readonly interval: BootstrapInterval;
  readonly rows: number;
  readonly positives: number;
}

/**
 * Learns the decision threshold that best meets the objective on validation labels and scores,
 * and a percentile bootstrap interval of it (the whole choice repeated on each resample). Throws
 * a PaydownError when labels are not binary, a class is missing, scores leave [0, 1], or no
 * threshold meets the objective's constraint (saying how close the best one came).
 *
 * @example
 * const learned = learnThreshold(labels, scores, { kind: 'max-recall', minPrecision: 0.9 }, { seed: 1 });
 * console.log(learned.threshold, learned.interval.low, learned.interval.high);
 */
export function learnThreshold(labels: ArrayLike<number>, scores: ArrayLike<number>, objective: ThresholdObjective, bootstrap: BootstrapOptions = {}, what = 'threshold'): LearnedThreshold {
  const { positives, negatives } = checkBinaryInput(labels, scores, { probabilities: true, bothClasses: true, what });
  const ranked = rankScores(scores);
  const counts = curveCounts(labels, ranked);
  // resamples are drawn over sorted positions (their counts are exchangeable), so each pass reads memory in order
  const sortedLabels = Uint8Array.from(ranked.order, (row) => labels[row]);
  const inOrder: RankedScores = { order: Uint32Array.from(ranked.order, (_, k) => k), starts: ranked.starts, values: ranked.values };
  const best = bestPoint(counts, objective);
  if (best < 0) throw infeasible(objective, counts.truePositives, counts.falsePositives, positives, negatives, what);
  const beta = objective.kind === 'f-beta' ? objective.beta : 1;
  const threshold = counts.thresholds[best];
  const interval = bootstrapInterval(
    labels.length,
    (weights) => {
      const resampled = curveCounts(sortedLabels, inOrder, weights);
      if (resampled.positives === 0 || resampled.negatives === 0) return Number.NaN;
      const point = bestPoint(resampled, objective);
      return point < 0 ? Number.NaN : resampled.thresholds[point];
    },
    bootstrap,
  );
  return {
    objective: describeObjective(objective),
    threshold,
    metrics: fromCounts(threshold, counts.truePositives[best], counts.falsePositives[best], positives, negatives, beta),
    interval,
    rows: labels.length,
    positives,
  };
}

function infeasible(objective: ThresholdObjective, tps: Float64Array, fps: Float64Array, positives: number, negatives: number, what: string): PaydownError {
  let reach = '';
  if (objective.kind === 'max-recall') {
    let most = 0;
    for (let i = 0; i < tps.length; i++) most = Math.max(most, tps[i] / (tps[i] + fps[i]));
    reach = `the highest precision at any threshold is ${round(most)}`;
  } else if (objective.kind === 'fpr') {
    reach = `the lowest false-positive rate at any threshold is ${round(fps[0] / negatives)}`;
  } else if (objective.kind === 'max-precision') {
    reach = `the highest recall is ${round(tps[tps.length - 1] / positives)}`;
  }
  return new PaydownError('PAYDOWN_USAGE', `${what}: no threshold meets ${describeObjective(objective)}${reach === '' ? '' : `; ${reach}`}`);
}

function round(x: number): string {
  return String(Number(x.toPrecision(4)));
}
