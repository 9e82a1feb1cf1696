import { checkBinaryInput } from './binary-input.js';
import { binEdges, binOf } from './calibration.js';
import { rankScores } from './ranked-scores.js';

/** The metrics of one model on one set of rows that `slices` and `compare` report. */
export interface MetricValues {
  /** NaN when a class is missing. */
  readonly auc: number;
  readonly logLoss: number;
  readonly brier: number;
  /** Expected calibration error over equal-width bins. */
  readonly ece: number;
  readonly meanScore: number;
  readonly observedRate: number;
  /** meanScore − observedRate. */
  readonly bias: number;
}

export const metricNames = ['auc', 'logLoss', 'brier', 'ece', 'bias'] as const;
export type MetricName = (typeof metricNames)[number];

/**
 * Labels and scores with everything per row that the metrics need, computed once and stored in
 * descending score order, so that each bootstrap resample is one sequential pass.
 */
export interface PreparedRows {
  /** Sorted position → the row of the input. */
  readonly rowOf: Uint32Array;
  /** Sorted position → index of its group of equal scores; groups are numbered from the highest score. */
  readonly group: Uint32Array;
  readonly labels: Uint8Array;
  readonly scores: Float64Array;
  /** Per-row log loss, probabilities clipped to [eps, 1 − eps]. */
  readonly loss: Float64Array;
  readonly bin: Uint16Array;
  readonly binCount: number;
}

/**
 * Checks labels and scores (binary labels, probabilities) and computes the per-row terms of the
 * metrics.
 *
 * @example
 * const rows = prepareRows(labels, scores);
 * const values = metricValues(rows); // unweighted
 */
export function prepareRows(labels: ArrayLike<number>, scores: ArrayLike<number>, binCount = 10, eps = 1e-15, what = 'metrics'): PreparedRows {
  checkBinaryInput(labels, scores, { probabilities: true, what });
  if (!Number.isInteger(binCount) || binCount < 1 || binCount > 65535) throw new RangeError(`bins must be a whole number from 1 to 65535, not ${binCount}`);
  const ranked = rankScores(scores);
  const n = labels.length;
  const edges = binEdges(binCount);
  const group = new Uint32Array(n);
  const sortedLabels = new Uint8Array(n);
  const sortedScores = new Float64Array(n);
  const loss = new Float64Array(n);
  const bin = new Uint16Array(n);
  for (let g = 0; g + 1 < ranked.starts.length; g++) {
    for (let k = ranked.starts[g]; k < ranked.starts[g + 1]; k++) {
      const row = ranked.order[k];
      const y = labels[row];
      const p = scores[row];
      const clipped = Math.min(Math.max(p, eps), 1 - eps);
      group[k] = g;
      sortedLabels[k] = y;
      sortedScores[k] = p;
      loss[k] = -(y === 1 ? Math.log(clipped) : Math.log(1 - clipped));
      bin[k] = binOf(p, edges);
    }
  }
  return { rowOf: ranked.order, group, labels: sortedLabels, scores: sortedScores, loss, bin, binCount };
}

/**
 * AUC, log loss, Brier score, ECE and prediction bias of prepared rows, with optional weights
 * per input row (bootstrap counts); the same values as the single metrics' functions.
 *
 * @example
 * metricValues(prepareRows([0, 1, 1], [0.2, 0.7, 0.4])).auc; // 1
 */
export function metricValues(rows: PreparedRows, weights?: ArrayLike<number>): MetricValues {
  if (weights === undefined) return weightedPass(rows, undefined);
  const { rowOf } = rows;
  const sorted = new Float64Array(rowOf.length);
  for (let k = 0; k < rowOf.length; k++) sorted[k] = weights[rowOf[k]];
  return weightedPass(rows, (k) => sorted[k]);
}

/**
 * The same with weights per sorted position. A bootstrap resample's counts are exchangeable
 * (any permutation of them is as likely), so a single model's resamples can be drawn directly
 * in sorted order, which reads memory sequentially; paired comparisons must use `metricValues`.
 *
 * @example
 * for (const counts of resampleCounts(n)) values.push(metricValuesInSortedOrder(rows, counts));
 */
export function metricValuesInSortedOrder(rows: PreparedRows, weights: ArrayLike<number>): MetricValues {
  return weightedPass(rows, (k) => weights[k]);
}

function weightedPass(rows: PreparedRows, weightAt: ((k: number) => number) | undefined): MetricValues {
  const { labels, scores, loss, bin, binCount, group } = rows;
  let total = 0;
  let lossSum = 0;
  let squareSum = 0;
  let scoreSum = 0;
  let positives = 0;
  let negatives = 0;
  let area = 0;
  let groupTp = 0;
  let groupFp = 0;
  const binWeight = new Float64Array(binCount);
  const binScore = new Float64Array(binCount);
  const binPositive = new Float64Array(binCount);
  const n = labels.length;
  for (let k = 0; k < n; k++) {
    const w = weightAt === undefined ? 1 : weightAt(k);
    if (k > 0 && group[k] !== group[k - 1]) {
      area -= groupTp * (negatives + 0.5 * groupFp);
      positives += groupTp;
      negatives += groupFp;
      groupTp = 0;
      groupFp = 0;
    }
    if (w === 0) continue;
    const y = labels[k];
    const p = scores[k];
    if (y === 1) groupTp += w;
    else groupFp += w;
    total += w;
    lossSum += w * loss[k];
    squareSum += w * (p - y) * (p - y);
    scoreSum += w * p;
    const b = bin[k];
    binWeight[b] += w;
    binScore[b] += w * p;
    binPositive[b] += w * y;
  }
  area -= groupTp * (negatives + 0.5 * groupFp);
  positives += groupTp;
  negatives += groupFp;
  let ece = 0;
  for (let b = 0; b < binCount; b++) {
    if (binWeight[b] > 0) ece += (binWeight[b] / total) * Math.abs(binScore[b] / binWeight[b] - binPositive[b] / binWeight[b]);
  }
  const meanScore = scoreSum / total;
  const observedRate = positives / total;
  return {
    auc: positives === 0 || negatives === 0 ? Number.NaN : (area + positives * negatives) / (positives * negatives),
    logLoss: lossSum / total,
    brier: squareSum / total,
    ece,
    meanScore,
    observedRate,
    bias: meanScore - observedRate,
  };
}
