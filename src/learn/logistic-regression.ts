import { PaydownError } from '../errors.js';
import { fittedFeatureOf, lookUpColumns, type FittedFeature } from './column-lookup.js';
import { minimiseLbfgs } from './lbfgs.js';
import { targetInfo } from './target-info.js';
import type { FitRequest, FittedModel, Learner, Task, TrainingData } from './learner.js';
import type { LinearModelFile } from './model-file.js';
import { MODEL_FILE_FORMAT } from './model-format.js';

/** Settings of the built-in logistic regression. */
export interface LogisticRegressionOptions {
  /** Inverse regularisation strength as in scikit-learn: the penalty is ||w||² / (2C); the intercept is not penalised (default 1). */
  readonly C?: number;
  /** L-BFGS iterations at most (default 1000). */
  readonly maxIter?: number;
  /** Stop when the largest gradient component of the mean loss is at most this (default 1e-6). */
  readonly tolerance?: number;
  /** Add a missing-value indicator for numeric features with missing values in the training rows (default true). */
  readonly missingIndicators?: boolean;
}

/** A fitted linear model; `coefficients` are in the fitted space: intercept, standardised numeric weights, missing indicators, one-hot weights. */
export interface FittedLinearModel extends FittedModel {
  readonly coefficients: Float64Array;
}

/** The logistic learner: its fits are linear models. */
export interface LinearLearner extends Learner {
  fit(request: FitRequest, task: Task): FittedLinearModel;
}

/** The layout of the parameter vector: intercept, numeric weights, indicator weights, one-hot weights. */
interface Layout {
  readonly features: readonly FittedFeature[];
  /** Per feature: offset of its first weight in the parameter vector. */
  readonly offset: Int32Array;
  /** Per numeric feature: offset of its missing indicator weight, or -1. */
  readonly indicator: Int32Array;
  readonly mean: Float64Array;
  readonly inverseStd: Float64Array;
  readonly size: number;
}

/**
 * L2-regularised logistic regression (binary tasks) or ridge regression (regression tasks):
 * numeric features standardised on the training rows (missing values take the mean, plus an
 * indicator), categorical features one-hot, solved with L-BFGS. The same data and rows always
 * give the same model (nothing random).
 *
 * @example
 * const model = logisticRegression({ C: 1 }).fit({ data, rows, features: [0, 1, 2], seed: 1 }, 'binary');
 * const scores = model.predict(data, testRows);
 */
export function logisticRegression(options: LogisticRegressionOptions = {}): LinearLearner {
  const C = options.C ?? 1;
  if (!(C > 0) || !Number.isFinite(C)) throw new PaydownError('PAYDOWN_USAGE', `logistic regression: C must be a positive number, got ${C}`);
  const maxIter = options.maxIter ?? 1000;
  const tolerance = options.tolerance ?? 1e-6;
  const missingIndicators = options.missingIndicators ?? true;
  return {
    name: 'logistic',
    fit(request, task) {
      checkRequest(request, task);
      const layout = layoutOf(request, missingIndicators);
      const { data, rows } = request;
      const columns = splitColumns(request.features.map((index) => data.columns[index]));
      const m = rows.length;
      const target = new Float64Array(m);
      for (let i = 0; i < m; i++) target[i] = data.target[rows[i]];
      const z = new Float64Array(m);
      const residual = new Float64Array(m);
      const penalty = 1 / (2 * C);
      const objective = (w: Float64Array, gradient: Float64Array): number => {
        linearScores(columns, rows, layout, w, z);
        const loss = task === 'binary' ? logLoss(z, target, residual) : squaredLoss(z, target, residual);
        gradient.fill(0);
        accumulateGradient(columns, rows, layout, residual, gradient);
        let squares = 0;
        for (let k = 1; k < w.length; k++) {
          squares += w[k] * w[k];
          gradient[k] += 2 * penalty * w[k];
        }
        for (let k = 0; k < w.length; k++) gradient[k] /= m;
        return (loss + penalty * squares) / m;
      };
      const start = new Float64Array(layout.size);
      start[0] = initialIntercept(target, task);
      const solution = minimiseLbfgs(objective, start, { maxIterations: maxIter, gradientTolerance: tolerance });
      return linearModel(layout, solution.x, task, { C, rows: m, iterations: solution.iterations, converged: solution.converged, ...targetInfo(data) });
    },
  };
}

/** Sum of the log losses at raw scores `z`; writes p - y into `residual`. */
function logLoss(z: Float64Array, target: Float64Array, residual: Float64Array): number {
  let loss = 0;
  for (let i = 0; i < z.length; i++) {
    const zi = z[i];
    const e = Math.exp(-Math.abs(zi));
    loss += (zi > 0 ? zi : 0) + Math.log1p(e) - target[i] * zi;
    residual[i] = (zi >= 0 ? 1 / (1 + e) : e / (1 + e)) - target[i];
  }
  return loss;
}

/** Half the sum of squared errors at `z`; writes z - y into `residual`. */
function squaredLoss(z: Float64Array, target: Float64Array, residual: Float64Array): number {
  let loss = 0;
  for (let i = 0; i < z.length; i++) {
    residual[i] = z[i] - target[i];
    loss += 0.5 * residual[i] * residual[i];
  }
  return loss;
}

function checkRequest(request: FitRequest, task: Task): void {
  if (request.rows.length === 0) throw new PaydownError('PAYDOWN_USAGE', 'cannot fit a model on no rows');
  if (task === 'binary') {
    let positives = 0;
    for (const row of request.rows) {
      const y = request.data.target[row];
      if (y !== 0 && y !== 1) throw new PaydownError('PAYDOWN_DATA_SCHEMA_INVALID', `a binary target must be 0 or 1, got ${y} in row ${row + 1}`);
      positives += y;
    }
    if (positives === 0 || positives === request.rows.length) {
      throw new PaydownError('PAYDOWN_DATA_SCHEMA_INVALID', `the training rows hold a single class (${positives === 0 ? 'no positives' : 'only positives'}); a binary model needs both`);
    }
  }
}

function initialIntercept(target: Float64Array, task: Task): number {
  let sum = 0;
  for (const y of target) sum += y;
  const mean = sum / target.length;
  return task === 'binary' ? Math.log(mean / (1 - mean)) : mean;
}

function layoutOf(request: FitRequest, missingIndicators: boolean): Layout {
  const { data, rows } = request;
  const count = request.features.length;
  const offset = new Int32Array(count);
  const indicator = new Int32Array(count).fill(-1);
  const mean = new Float64Array(count);
  const inverseStd = new Float64Array(count);
  const features: FittedFeature[] = [];
  let size = 1;
  request.features.forEach((index, j) => {
    const column = data.columns[index];
    if (column === undefined) throw new PaydownError('PAYDOWN_USAGE', `no feature column ${index} (the data has ${data.columns.length})`);
    features.push(fittedFeatureOf(column));
    offset[j] = size;
    if (column.kind === 'categorical') {
      size += column.categories.length;
      return;
    }
    size += 1;
    let sum = 0;
    let present = 0;
    for (const row of rows) {
      const value = column.values[row];
      if (value === value) {
        sum += value;
        present++;
      }
    }
    const mu = present > 0 ? sum / present : 0;
    let squares = 0;
    for (const row of rows) {
      const value = column.values[row];
      if (value === value) squares += (value - mu) * (value - mu);
    }
    const std = present > 0 ? Math.sqrt(squares / present) : 0;
    mean[j] = mu;
    inverseStd[j] = std > 1e-12 * Math.max(1, Math.abs(mu)) ? 1 / std : 0;
    if (missingIndicators && present < rows.length) indicator[j] = -2;
  });
  for (let j = 0; j < count; j++) if (indicator[j] === -2) indicator[j] = size++;
  return { features, offset, indicator, mean, inverseStd, size };
}

/** The training columns split by kind, so that the inner loops see one array type each. */
interface SplitColumns {
  readonly numeric: readonly { readonly values: Float64Array; readonly j: number }[];
  readonly categorical: readonly { readonly codes: Int32Array; readonly j: number }[];
}

function splitColumns(columns: ReadonlyArray<TrainingData['columns'][number]>): SplitColumns {
  const numeric: { values: Float64Array; j: number }[] = [];
  const categorical: { codes: Int32Array; j: number }[] = [];
  columns.forEach((column, j) => {
    if (column.kind === 'numeric') numeric.push({ values: column.values, j });
    else categorical.push({ codes: column.codes, j });
  });
  return { numeric, categorical };
}

function linearScores(columns: SplitColumns, rows: Uint32Array, layout: Layout, w: Float64Array, z: Float64Array): void {
  z.fill(w[0]);
  const m = rows.length;
  for (const { values, j } of columns.numeric) {
    const weight = w[layout.offset[j]] * layout.inverseStd[j];
    const mean = layout.mean[j];
    const missingWeight = layout.indicator[j] >= 0 ? w[layout.indicator[j]] : 0;
    for (let i = 0; i < m; i++) {
      const value = values[rows[i]];
      z[i] += value === value ? weight * (value - mean) : missingWeight;
    }
  }
  for (const { codes, j } of columns.categorical) {
    const offset = layout.offset[j];
    for (let i = 0; i < m; i++) {
      const code = codes[rows[i]];
      if (code >= 0) z[i] += w[offset + code];
    }
  }
}

function accumulateGradient(columns: SplitColumns, rows: Uint32Array, layout: Layout, residual: Float64Array, gradient: Float64Array): void {
  const m = rows.length;
  let total = 0;
  for (let i = 0; i < m; i++) total += residual[i];
  gradient[0] = total;
  for (const { values, j } of columns.numeric) {
    const mean = layout.mean[j];
    let sum = 0;
    let missing = 0;
    for (let i = 0; i < m; i++) {
      const value = values[rows[i]];
      if (value === value) sum += residual[i] * (value - mean);
      else missing += residual[i];
    }
    gradient[layout.offset[j]] = sum * layout.inverseStd[j];
    if (layout.indicator[j] >= 0) gradient[layout.indicator[j]] = missing;
  }
  for (const { codes, j } of columns.categorical) {
    const offset = layout.offset[j];
    for (let i = 0; i < m; i++) {
      const code = codes[rows[i]];
      if (code >= 0) gradient[offset + code] += residual[i];
    }
  }
}

interface FitSummary {
  readonly target?: string;
  readonly positiveLabel?: string;
  readonly C: number;
  readonly rows: number;
  readonly iterations: number;
  readonly converged: boolean;
}

function linearModel(layout: Layout, w: Float64Array, task: Task, summary: FitSummary): FittedLinearModel {
  return {
    coefficients: w,
    predict(data, rows) {
      const scored = lookUpColumns(data, layout.features);
      const out = new Float64Array(rows.length);
      out.fill(w[0]);
      scored.forEach((column, j) => {
        const offset = layout.offset[j];
        if (column.kind === 'categorical') {
          for (let i = 0; i < rows.length; i++) {
            const raw = column.codes[rows[i]];
            const code = raw < 0 || column.remap === undefined ? raw : column.remap[raw];
            if (code >= 0) out[i] += w[offset + code];
          }
          return;
        }
        const weight = w[offset] * layout.inverseStd[j];
        const mean = layout.mean[j];
        const missingWeight = layout.indicator[j] >= 0 ? w[layout.indicator[j]] : 0;
        for (let i = 0; i < rows.length; i++) {
          const value = column.values[rows[i]];
          out[i] += value === value ? weight * (value - mean) : missingWeight;
        }
      });
      if (task === 'binary') for (let i = 0; i < out.length; i++) out[i] = 1 / (1 + Math.exp(-out[i]));
      return out;
    },
    toJSON(): LinearModelFile {
      let intercept = w[0];
      const weights: Record<string, number> = {};
      const impute: Record<string, number> = {};
      const missingWeights: Record<string, number> = {};
      const categorical: Record<string, Record<string, number>> = {};
      layout.features.forEach((feature, j) => {
        const offset = layout.offset[j];
        if (feature.kind === 'categorical') {
          const byCategory: Record<string, number> = {};
          (feature.categories ?? []).forEach((category, code) => {
            byCategory[category] = w[offset + code];
          });
          categorical[feature.name] = byCategory;
          return;
        }
        const weight = w[offset] * layout.inverseStd[j];
        weights[feature.name] = weight;
        intercept -= weight * layout.mean[j];
        impute[feature.name] = layout.mean[j];
        if (layout.indicator[j] >= 0) missingWeights[feature.name] = w[layout.indicator[j]];
      });
      return {
        format: MODEL_FILE_FORMAT,
        kind: 'linear',
        task,
        link: task === 'binary' ? 'logistic' : 'identity',
        features: layout.features.map((feature) => feature.name),
        intercept,
        weights,
        impute,
        ...(Object.keys(missingWeights).length > 0 ? { missingWeights } : {}),
        ...(Object.keys(categorical).length > 0 ? { categorical } : {}),
        trainedOn: { learner: 'logistic', rows: summary.rows, ...(summary.target === undefined ? {} : { target: summary.target }), ...(summary.positiveLabel === undefined ? {} : { positiveLabel: summary.positiveLabel }), settings: { C: summary.C, iterations: summary.iterations, converged: summary.converged } },
      };
    },
  };
}
