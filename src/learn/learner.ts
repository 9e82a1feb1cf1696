/**
 * The contract between training data, the built-in learners and `paydown lofo`.
 *
 * Data is columnar and read once: every feature is one typed column shared by every fold and
 * every feature set. A learner sees the rows of a fold through `rows` (indices into the columns)
 * and the features through `features` (indices into `columns`), so leaving a feature out or
 * choosing a fold never copies a column.
 */

/** One feature column. Numeric columns hold NaN for missing values; categorical columns hold a code per row (-1 for missing). */
export type FeatureColumn =
  | { readonly name: string; readonly kind: 'numeric'; readonly values: Float64Array }
  | { readonly name: string; readonly kind: 'categorical'; readonly codes: Int32Array; readonly categories: readonly string[] };

/** A dataset in memory: feature columns and the target, row-aligned. */
export interface TrainingData {
  readonly columns: readonly FeatureColumn[];
  /** Binary targets are 0/1; regression targets are any finite number. */
  readonly target: Float64Array;
  readonly rowCount: number;
}

/** What a learner is asked to fit: which rows and which of the columns. */
export interface FitRequest {
  readonly data: TrainingData;
  /** Row indices of the training part, ascending. */
  readonly rows: Uint32Array;
  /** Indices into `data.columns` of the features to use. */
  readonly features: readonly number[];
  /** Seed for anything random the learner does; the same seed gives the same model. */
  readonly seed: number;
}

/** A fitted model: scores rows of the same data (probabilities for binary tasks). */
export interface FittedModel {
  predict(data: TrainingData, rows: Uint32Array): Float64Array;
  /** A JSON-serialisable model file (`paydown.model/v1`) the serve gateway can load. */
  toJSON(): unknown;
}

/** The task a learner fits. */
export type Task = 'binary' | 'regression';

/** A built-in learner. */
export interface Learner {
  readonly name: string;
  fit(request: FitRequest, task: Task): FittedModel;
}
