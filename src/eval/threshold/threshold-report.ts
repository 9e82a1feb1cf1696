import { PaydownError } from '../../errors.js';
import type { ThresholdDoc } from '../../evidence/threshold.js';
import type { BootstrapOptions } from '../metrics/bootstrap.js';
import { precisionRecallCurve } from '../metrics/precision-recall-curve.js';
import type { Predictions } from '../predictions/read-predictions.js';
import { pick, sliceRows } from '../predictions/slice-rows.js';
import { thin } from '../report/charts.js';
import { learnThreshold, type LearnedThreshold } from './learn-threshold.js';
import { describeObjective, type ThresholdObjective } from './objective.js';

/** Points of the precision/recall curve kept in a report (evenly thinned when there are more). */
export const CURVE_POINTS = 500;

/** A learned threshold with its precision/recall curve (at most CURVE_POINTS points). */
export interface ThresholdResult extends LearnedThreshold {
  readonly curve: { readonly precision: number[]; readonly recall: number[]; readonly thresholds: number[] };
}

/** The threshold learned on one slice, or why none was. */
export interface SliceThreshold {
  readonly slice: Readonly<Record<string, string>>;
  readonly name: string;
  readonly rows: number;
  readonly positives: number;
  readonly result?: ThresholdResult;
  readonly skipped?: string;
}

/** What `paydown threshold` reports (`--format json`). */
export interface ThresholdReport {
  readonly format: 'paydown.threshold-report/v1';
  readonly source: string;
  readonly label: string;
  readonly score: string;
  readonly objective: string;
  readonly overall: ThresholdResult;
  readonly slices?: readonly SliceThreshold[];
  /** The evidence document, when a model was named. */
  readonly evidence?: ThresholdDoc;
}

/** Options of a threshold report. */
export interface ThresholdReportOptions {
  readonly label: string;
  readonly score: string;
  readonly objective: ThresholdObjective;
  readonly sliceBy?: readonly string[];
  readonly bootstrap?: BootstrapOptions;
  /** Names the model and version to write evidence for. */
  readonly model?: { readonly name: string; readonly version: string };
  readonly createdAt?: string;
}

/**
 * Learns the threshold for the objective on all rows and, with `sliceBy`, on each slice (a slice
 * with one class, or where nothing meets the objective, is skipped with the reason). With
 * `model`, also returns the `paydown.threshold/v1` evidence document.
 *
 * @example
 * const predictions = await readPredictions('validation.csv', { label: 'clicked', score: 'p' });
 * const report = thresholdReport(predictions, { label: 'clicked', score: 'p', objective: { kind: 'f-beta', beta: 1 } });
 */
export function thresholdReport(predictions: Predictions, options: ThresholdReportOptions): ThresholdReport {
  const labels = predictions.labels;
  if (labels === undefined) throw new PaydownError('PAYDOWN_USAGE', 'learning a threshold needs labels (--label)');
  const overall = withCurve(labels, predictions.scores, learnThreshold(labels, predictions.scores, options.objective, options.bootstrap, predictions.source));
  let slices: SliceThreshold[] | undefined;
  if (options.sliceBy !== undefined && options.sliceBy.length > 0) {
    slices = sliceRows(predictions.slices, options.sliceBy).map((slice): SliceThreshold => {
      const y = pick(labels, slice.rows);
      const p = pick(predictions.scores, slice.rows);
      const positives = y.reduce((sum, v) => sum + v, 0);
      const base = { slice: slice.key, name: slice.name, rows: slice.rows.length, positives };
      try {
        return { ...base, result: withCurve(y, p, learnThreshold(y, p, options.objective, options.bootstrap, `slice ${slice.name}`)) };
      } catch (error) {
        if (error instanceof PaydownError) return { ...base, skipped: error.message };
        throw error;
      }
    });
    slices.sort((a, b) => a.name.localeCompare(b.name));
  }
  const objective = describeObjective(options.objective);
  const evidence = options.model === undefined ? undefined : evidenceOf(predictions.source, objective, overall, slices, options.model, options.createdAt ?? new Date().toISOString());
  return {
    format: 'paydown.threshold-report/v1',
    source: predictions.source,
    label: options.label,
    score: options.score,
    objective,
    overall,
    ...(slices === undefined ? {} : { slices }),
    ...(evidence === undefined ? {} : { evidence }),
  };
}

function withCurve(labels: Float64Array, scores: Float64Array, learned: LearnedThreshold): ThresholdResult {
  const curve = precisionRecallCurve(labels, scores);
  const indices = thin(Array.from({ length: curve.precision.length }, (_, i) => i), CURVE_POINTS);
  return {
    ...learned,
    curve: {
      precision: indices.map((i) => curve.precision[i]),
      recall: indices.map((i) => curve.recall[i]),
      thresholds: indices.filter((i) => i < curve.thresholds.length).map((i) => curve.thresholds[i]),
    },
  };
}

function evidenceOf(source: string, objective: string, overall: ThresholdResult, slices: readonly SliceThreshold[] | undefined, model: { name: string; version: string }, createdAt: string): ThresholdDoc {
  const interval = (learned: LearnedThreshold): ThresholdDoc['interval'] =>
    Number.isNaN(learned.interval.low)
      ? undefined
      : { low: learned.interval.low, high: learned.interval.high, level: learned.interval.level, method: learned.interval.method, resamples: learned.interval.resamples, seed: learned.interval.seed };
  const overallInterval = interval(overall);
  const learnedSlices = (slices ?? []).flatMap((slice) => {
    if (slice.result === undefined) return [];
    const sliceInterval = interval(slice.result);
    return [{ slice: { ...slice.slice }, threshold: slice.result.threshold, rows: slice.rows, ...(sliceInterval === undefined ? {} : { interval: sliceInterval }) }];
  });
  return {
    format: 'paydown.threshold/v1',
    model: model.name,
    modelVersion: model.version,
    objective,
    threshold: overall.threshold,
    ...(overallInterval === undefined ? {} : { interval: overallInterval }),
    learnedOn: source,
    rows: overall.rows,
    metrics: { precision: overall.metrics.precision, recall: overall.metrics.recall, falsePositiveRate: overall.metrics.falsePositiveRate, fBeta: overall.metrics.fBeta, beta: overall.metrics.beta },
    createdAt,
    ...(learnedSlices.length === 0 ? {} : { slices: learnedSlices }),
  };
}
