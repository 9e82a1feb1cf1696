/** Metrics of binary classifiers from labels (0/1) and scores; see docs/threshold.md and docs/slices.md. */
export { rocAuc, rankedAuc } from './roc-auc.js';
export { logLoss, weightedLogLoss } from './log-loss.js';
export { brierScore, weightedBrierScore } from './brier-score.js';
export { calibration, weightedCalibration, binEdges, binOf, type Calibration, type ReliabilityBin } from './calibration.js';
export { predictionBias, weightedPredictionBias, type PredictionBias } from './prediction-bias.js';
export { rocCurve, type RocCurve } from './roc-curve.js';
export { precisionRecallCurve, type PrecisionRecallCurve } from './precision-recall-curve.js';
export { metricsAtThreshold, fromCounts, fBetaOf, type ThresholdMetrics } from './confusion.js';
export { aucDeLong, normalQuantile, type AucWithInterval } from './delong.js';
export { SeededRandom } from './random.js';
export { bootstrapInterval, bootstrapIntervals, resampleCounts, quantileSorted, DEFAULT_BOOTSTRAP, type BootstrapInterval, type BootstrapOptions } from './bootstrap.js';
export { rankScores, curveCounts, type RankedScores, type CurveCounts } from './ranked-scores.js';
export { checkBinaryInput } from './binary-input.js';
export { prepareRows, metricValues, metricValuesInSortedOrder, metricNames, type MetricValues, type MetricName, type PreparedRows } from './metric-set.js';
export { metricIntervals, type MetricInterval } from './metric-intervals.js';
