import { PaydownError } from '../../errors.js';
import { ks2Sample, wasserstein1 } from '../../data/stats/index.js';
import { DEFAULT_BOOTSTRAP, type BootstrapOptions } from '../metrics/bootstrap.js';
import { metricIntervals, type MetricInterval } from '../metrics/metric-intervals.js';
import { metricValues, prepareRows, type MetricName, type MetricValues } from '../metrics/metric-set.js';
import { pick, sliceRows } from '../predictions/slice-rows.js';
import type { AlignedPredictions } from './align-predictions.js';

/** The change of one metric, candidate − baseline, with a paired bootstrap interval. */
export interface MetricDelta extends MetricInterval {
  readonly baseline: number;
  readonly candidate: number;
  readonly delta: number;
  /** `worse`/`better` when the interval lies entirely on one side of 0, else `unclear`. */
  readonly verdict: 'worse' | 'better' | 'unclear' | 'undefined';
}

/** How one slice changed between the two models. */
export interface SliceComparison {
  readonly slice: Readonly<Record<string, string>>;
  readonly name: string;
  readonly rows: number;
  readonly positives?: number;
  /** Shift of the score distribution: KS statistic D (and its two-sample p-value), Wasserstein-1, difference of means. */
  readonly shift: { readonly ks: number; readonly ksPValue: number; readonly wasserstein: number; readonly meanDelta: number };
  /** Decisions at the threshold that differ: share of rows, and how many became positive or negative. */
  readonly flips: { readonly share: number; readonly toPositive: number; readonly toNegative: number };
  /** With labels: AUC, log loss, Brier, ECE and |bias| (absolute prediction bias) deltas. */
  readonly deltas?: Readonly<Record<MetricName, MetricDelta>>;
  readonly status: 'worse' | 'better' | 'unchanged' | 'no labels';
}

/** What `paydown compare` reports (`--format json`). */
export interface CompareReport {
  readonly format: 'paydown.compare/v1';
  readonly baseline: string;
  readonly candidate: string;
  readonly score: string;
  readonly label?: string;
  readonly threshold: number;
  readonly joinedBy: AlignedPredictions['joinedBy'];
  readonly unmatched: AlignedPredictions['unmatched'];
  readonly bins: number;
  readonly bootstrap: Required<BootstrapOptions>;
  readonly overall: SliceComparison;
  /** Worse slices first (most metrics worse, then largest AUC drop, then largest log-loss rise), then unchanged, then better. */
  readonly slices: readonly SliceComparison[];
  readonly worse: boolean;
}

/** Options of a comparison. */
export interface CompareOptions {
  readonly baseline: string;
  readonly candidate: string;
  readonly score: string;
  readonly label?: string;
  readonly by: readonly string[];
  readonly threshold?: number;
  readonly bins?: number;
  readonly bootstrap?: BootstrapOptions;
}

const HIGHER_IS_BETTER: Readonly<Record<MetricName, boolean>> = { auc: true, logLoss: false, brier: false, ece: false, bias: false };

/**
 * Compares two models' predictions on the same examples, overall and per slice: the shift of
 * the score distribution, the share of decisions that flip at the threshold, and with labels the
 * metric deltas (candidate − baseline) with paired bootstrap intervals (both models evaluated on
 * the same resampled rows). A slice is `worse` when any delta's interval lies entirely on the bad
 * side of 0 (AUC down; log loss, Brier, ECE or |bias| up); worse slices come first even when the
 * total improved.
 *
 * @example
 * const report = compareReport(alignPredictions(base, cand, { slices: ['country'] }), { baseline: 'v7.csv', candidate: 'v8.csv', score: 'p', label: 'y', by: ['country'] });
 */
export function compareReport(aligned: AlignedPredictions, options: CompareOptions): CompareReport {
  const threshold = options.threshold ?? 0.5;
  const bins = options.bins ?? 10;
  const bootstrap = { ...DEFAULT_BOOTSTRAP, ...options.bootstrap };
  const all = Uint32Array.from({ length: aligned.rows }, (_, i) => i);
  const overall = compareRows({}, 'all rows', all, aligned, threshold, bins, bootstrap);
  if (overall.positives !== undefined && (overall.positives === 0 || overall.positives === overall.rows)) {
    throw new PaydownError('PAYDOWN_DATA_SCHEMA_INVALID', `label column '${options.label ?? ''}' has only one class (${overall.positives} positives in ${overall.rows} rows)`);
  }
  const slices = sliceRows(aligned.slices, options.by).map((slice) => compareRows(slice.key, slice.name, slice.rows, aligned, threshold, bins, bootstrap));
  const rank = { worse: 0, 'no labels': 1, unchanged: 1, better: 2 } as const;
  const worseCount = (s: SliceComparison): number => Object.values(s.deltas ?? {}).filter((d) => d.verdict === 'worse').length;
  const aucDrop = (s: SliceComparison): number => s.deltas?.auc.delta ?? 0;
  const lossRise = (s: SliceComparison): number => s.deltas?.logLoss.delta ?? 0;
  slices.sort((a, b) => rank[a.status] - rank[b.status] || worseCount(b) - worseCount(a) || (aucDrop(a) || 0) - (aucDrop(b) || 0) || lossRise(b) - lossRise(a) || b.flips.share - a.flips.share || a.name.localeCompare(b.name));
  return {
    format: 'paydown.compare/v1',
    baseline: options.baseline,
    candidate: options.candidate,
    score: options.score,
    ...(options.label === undefined ? {} : { label: options.label }),
    threshold,
    joinedBy: aligned.joinedBy,
    unmatched: aligned.unmatched,
    bins,
    bootstrap,
    overall,
    slices,
    worse: overall.status === 'worse' || slices.some((s) => s.status === 'worse'),
  };
}

function compareRows(
  slice: Readonly<Record<string, string>>,
  name: string,
  rows: Uint32Array,
  aligned: AlignedPredictions,
  threshold: number,
  bins: number,
  bootstrap: Required<BootstrapOptions>,
): SliceComparison {
  const base = pick(aligned.baseline, rows);
  const cand = pick(aligned.candidate, rows);
  const ks = ks2Sample(Array.from(base), Array.from(cand));
  let toPositive = 0;
  let toNegative = 0;
  let meanDelta = 0;
  for (let i = 0; i < base.length; i++) {
    const before = base[i] >= threshold;
    const after = cand[i] >= threshold;
    if (!before && after) toPositive++;
    if (before && !after) toNegative++;
    meanDelta += cand[i] - base[i];
  }
  const shift = { ks: ks.statistic, ksPValue: ks.pValue, wasserstein: wasserstein1(Array.from(base), Array.from(cand)), meanDelta: meanDelta / base.length };
  const flips = { share: (toPositive + toNegative) / base.length, toPositive, toNegative };
  if (aligned.labels === undefined) return { slice, name, rows: rows.length, shift, flips, status: 'no labels' };
  const labels = pick(aligned.labels, rows);
  const positives = labels.reduce((sum, y) => sum + y, 0);
  const baseRows = prepareRows(labels, base, bins, 1e-15, `baseline, ${name}`);
  const candRows = prepareRows(labels, cand, bins, 1e-15, `candidate, ${name}`);
  const before = metricValues(baseRows);
  const after = metricValues(candRows);
  const intervals = metricIntervals(rows.length, (weights) => deltasOf(metricValues(baseRows, weights), metricValues(candRows, weights)), bootstrap);
  const point = deltasOf(before, after);
  const deltas = {} as Record<MetricName, MetricDelta>;
  for (const metric of Object.keys(point) as MetricName[]) {
    const interval = intervals[metric];
    const better = HIGHER_IS_BETTER[metric] ? interval.low > 0 : interval.high < 0;
    const worse = HIGHER_IS_BETTER[metric] ? interval.high < 0 : interval.low > 0;
    deltas[metric] = {
      baseline: metric === 'bias' ? Math.abs(before.bias) : before[metric],
      candidate: metric === 'bias' ? Math.abs(after.bias) : after[metric],
      delta: point[metric],
      ...interval,
      verdict: Number.isNaN(point[metric]) ? 'undefined' : worse ? 'worse' : better ? 'better' : 'unclear',
    };
  }
  const verdicts = Object.values(deltas).map((d) => d.verdict);
  const status = verdicts.includes('worse') ? 'worse' : verdicts.includes('better') ? 'better' : 'unchanged';
  return { slice, name, rows: rows.length, positives, shift, flips, deltas, status };
}

function deltasOf(before: MetricValues, after: MetricValues): Record<MetricName, number> {
  return {
    auc: after.auc - before.auc,
    logLoss: after.logLoss - before.logLoss,
    brier: after.brier - before.brier,
    ece: after.ece - before.ece,
    bias: Math.abs(after.bias) - Math.abs(before.bias),
  };
}

