import { PaydownError } from '../../errors.js';
import { DEFAULT_BOOTSTRAP, type BootstrapOptions } from '../metrics/bootstrap.js';
import { weightedCalibration, type ReliabilityBin } from '../metrics/calibration.js';
import { metricIntervals, type MetricInterval } from '../metrics/metric-intervals.js';
import { metricValues, metricValuesInSortedOrder, prepareRows, type MetricName } from '../metrics/metric-set.js';
import type { Predictions } from '../predictions/read-predictions.js';
import { pick, sliceRows } from '../predictions/slice-rows.js';

/** A metric with its bootstrap interval. */
export interface MetricWithInterval extends MetricInterval {
  /** NaN (null in JSON) when undefined, e.g. the AUC of a slice with one class. */
  readonly value: number;
}

/** The metrics of one slice (or of all rows). */
export interface SliceMetrics {
  /** Slice column → value; empty for all rows. */
  readonly slice: Readonly<Record<string, string>>;
  readonly name: string;
  readonly rows: number;
  readonly positives: number;
  readonly auc: MetricWithInterval;
  readonly logLoss: MetricWithInterval;
  readonly brier: MetricWithInterval;
  readonly ece: MetricWithInterval;
  /** Mean score − observed rate. */
  readonly bias: MetricWithInterval;
  readonly meanScore: number;
  readonly observedRate: number;
  readonly reliability: readonly ReliabilityBin[];
  /** Why the slice stands out against all rows: its AUC interval lies below the overall AUC, its bias interval excludes 0, it has one class. */
  readonly flags: readonly string[];
}

/** What `paydown slices` reports (`--format json`). */
export interface SlicesReport {
  readonly format: 'paydown.slices/v1';
  readonly source: string;
  readonly label: string;
  readonly score: string;
  readonly by: readonly string[];
  readonly sortedBy: SortKey;
  /** Equal-width calibration bins on [0, 1], closed on the right. */
  readonly bins: number;
  readonly bootstrap: Required<BootstrapOptions>;
  readonly overall: SliceMetrics;
  /** Worst first by `sortedBy`. */
  readonly slices: readonly SliceMetrics[];
}

export const sortKeys = ['auc', 'log-loss', 'brier', 'ece', 'bias'] as const;
export type SortKey = (typeof sortKeys)[number];

/** Options of a slices report. */
export interface SlicesOptions {
  readonly label: string;
  readonly score: string;
  readonly by: readonly string[];
  readonly bins?: number;
  readonly sortBy?: SortKey;
  readonly bootstrap?: BootstrapOptions;
}

const metricOf: Record<SortKey, MetricName> = { auc: 'auc', 'log-loss': 'logLoss', brier: 'brier', ece: 'ece', bias: 'bias' };

/**
 * The metrics of one model per slice: rows, positives, AUC, log loss, Brier score, expected
 * calibration error and prediction bias, each with a percentile bootstrap interval (same seed for
 * every slice), the reliability bins, and flags; slices sorted worst first by `sortBy` (lowest
 * AUC, or highest log loss, Brier, ECE or |bias|; undefined values last). Throws a PaydownError
 * when the labels or scores are unusable, or all rows have one class.
 *
 * @example
 * const predictions = await readPredictions('validation.csv', { label: 'y', score: 'p', slices: ['country'] });
 * const report = slicesReport(predictions, { label: 'y', score: 'p', by: ['country'] });
 */
export function slicesReport(predictions: Predictions, options: SlicesOptions): SlicesReport {
  const labels = predictions.labels;
  if (labels === undefined) throw new PaydownError('PAYDOWN_USAGE', 'slice metrics need labels (--label)');
  const bins = options.bins ?? 10;
  const bootstrap = { ...DEFAULT_BOOTSTRAP, ...options.bootstrap };
  const sortedBy = options.sortBy ?? 'auc';
  const overall = measure({}, 'all rows', labels, predictions.scores, bins, bootstrap, predictions.source);
  if (overall.positives === 0 || overall.positives === overall.rows) {
    throw new PaydownError('PAYDOWN_DATA_SCHEMA_INVALID', `${predictions.source}: label column '${options.label}' has only one class (${overall.positives} positives in ${overall.rows} rows)`);
  }
  const slices = sliceRows(predictions.slices, options.by).map((slice) => {
    const metrics = measure(slice.key, slice.name, pick(labels, slice.rows), pick(predictions.scores, slice.rows), bins, bootstrap, `slice ${slice.name}`);
    return { ...metrics, flags: flagsOf(metrics, overall) };
  });
  const metric = metricOf[sortedBy];
  const badness = (m: SliceMetrics): number => {
    const value = m[metric].value;
    if (Number.isNaN(value)) return Number.NEGATIVE_INFINITY;
    return metric === 'auc' ? -value : metric === 'bias' ? Math.abs(value) : value;
  };
  slices.sort((a, b) => badness(b) - badness(a) || a.name.localeCompare(b.name));
  return { format: 'paydown.slices/v1', source: predictions.source, label: options.label, score: options.score, by: [...options.by], sortedBy, bins, bootstrap, overall, slices };
}

function measure(slice: Record<string, string>, name: string, labels: Float64Array, scores: Float64Array, bins: number, bootstrap: Required<BootstrapOptions>, what: string): SliceMetrics {
  const rows = prepareRows(labels, scores, bins, 1e-15, what);
  const values = metricValues(rows);
  const intervals = metricIntervals(labels.length, (weights) => metricValuesInSortedOrder(rows, weights), bootstrap);
  const withInterval = (metric: MetricName): MetricWithInterval => ({ value: values[metric], ...intervals[metric] });
  const positives = labels.reduce((sum, y) => sum + y, 0);
  return {
    slice,
    name,
    rows: labels.length,
    positives,
    auc: withInterval('auc'),
    logLoss: withInterval('logLoss'),
    brier: withInterval('brier'),
    ece: withInterval('ece'),
    bias: withInterval('bias'),
    meanScore: values.meanScore,
    observedRate: values.observedRate,
    reliability: weightedCalibration(labels, scores, bins).bins,
    flags: [],
  };
}

function flagsOf(metrics: SliceMetrics, overall: SliceMetrics): string[] {
  const flags: string[] = [];
  if (metrics.positives === 0 || metrics.positives === metrics.rows) flags.push('one class: no AUC');
  else if (metrics.auc.high < overall.auc.value) flags.push('AUC below overall');
  if (metrics.bias.low > 0) flags.push('over-predicts');
  if (metrics.bias.high < 0) flags.push('under-predicts');
  return flags;
}
