import type { Task } from '../../learn/learner.js';
import type { DropSummary } from './drop-summary.js';
import type { LofoMetric } from './metric.js';
import type { Verdict } from './verdict.js';

/** One fold's metrics for one feature set. */
export interface FoldMeasure {
  readonly fold: number;
  /** The metric of the model with every feature. */
  readonly full: number;
  /** The metric of the model without this feature set. */
  readonly without: number;
  /** `full − without` for metrics where higher is better, `without − full` otherwise. */
  readonly drop: number;
}

/** The LOFO result of one feature or group. */
export interface FeatureImportance {
  readonly name: string;
  readonly kind: 'feature' | 'group';
  readonly members: readonly string[];
  readonly drop: DropSummary;
  readonly verdict: Verdict;
  readonly folds: readonly FoldMeasure[];
}

/** Where epsilon came from. */
export type EpsilonSource = 'model' | 'flag' | 'default';

/** The whole result of `paydown lofo`; every fold of every feature set was measured (a failure stops the run). */
export interface LofoResult {
  readonly format: 'paydown.lofo/v1';
  readonly source?: string;
  readonly model?: string;
  readonly modelVersion?: string;
  readonly target: string;
  readonly task: Task;
  readonly rows: number;
  readonly metric: LofoMetric;
  readonly higherIsBetter: boolean;
  readonly learner: string;
  readonly folds: number;
  readonly seed: number;
  readonly epsilon: number;
  readonly epsilonSource: EpsilonSource;
  readonly confidence: number;
  /** Always true: LOFO results are never reported for part of the folds or feature sets. */
  readonly complete: true;
  readonly createdAt: string;
  /** The metric of the model with every feature, per fold and on average. */
  readonly full: { readonly mean: number; readonly std: number; readonly folds: readonly number[] };
  /** Sorted by mean drop, largest first. */
  readonly results: readonly FeatureImportance[];
  /** Declared model inputs that the data does not have (with `--model`), left out of the evaluation. */
  readonly notInData: readonly string[];
  readonly elapsedMs: number;
}
