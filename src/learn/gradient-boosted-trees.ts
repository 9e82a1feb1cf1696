import { PaydownError } from '../errors.js';
import { fittedFeatureOf, lookUpColumns, type FittedFeature } from './column-lookup.js';
import { binsOf, cachedBinsOf, MISSING_BIN, type BinnedColumn } from './feature-bins.js';
import { targetInfo } from './target-info.js';
import { addTreeScores, addTreeScoresByBin, flattenTrees, type FlatTrees } from './flat-trees.js';
import { growTree, type GrownNode, type GrowState, type TreeSettings } from './grow-tree.js';
import type { FitRequest, FittedModel, Learner, Task, TrainingData } from './learner.js';
import type { GbdtModelFile, TreeNode } from './model-file.js';
import { MODEL_FILE_FORMAT } from './model-format.js';

/** Settings of the built-in gradient-boosted trees; the defaults are scikit-learn's HistGradientBoosting defaults. */
export interface GradientBoostedTreesOptions {
  /** Number of trees (default 100). */
  readonly maxIter?: number;
  /** Shrinkage of every leaf value (default 0.1). */
  readonly learningRate?: number;
  /** Leaves per tree at most (default 31). */
  readonly maxLeafNodes?: number;
  /** Samples per leaf at least (default 20). */
  readonly minSamplesLeaf?: number;
  /** L2 penalty on leaf values (default 0). */
  readonly l2Regularization?: number;
  /** Non-missing bins per feature at most, 2 to 255 (default 255). */
  readonly maxBins?: number;
  /** Depth of a tree at most (edges from the root); no limit by default. */
  readonly maxDepth?: number;
}

/** A fitted boosted-trees model: the trees in bin space plus what is needed to score raw values. */
interface Ensemble {
  readonly features: readonly FittedFeature[];
  readonly binned: readonly BinnedColumn[];
  readonly baseScore: number;
  readonly maxBins: number;
  readonly trees: readonly GrownNode[][];
  readonly task: Task;
  readonly trainedOn: { readonly target?: string; readonly positiveLabel?: string };
}

/**
 * Histogram gradient-boosted trees for binary log loss or squared error: features binned once
 * per dataset (cached for every later fit), trees grown best leaf first with native categorical
 * splits and a learned direction for missing values. Nothing is random, so a seed always gives
 * the same model.
 *
 * @example
 * const model = gradientBoostedTrees({ maxIter: 100 }).fit({ data, rows, features: [0, 1], seed: 7 }, 'binary');
 * model.predict(data, testRows); // probabilities
 */
export function gradientBoostedTrees(options: GradientBoostedTreesOptions = {}): Learner {
  const maxIter = checkedInteger('maxIter', options.maxIter ?? 100, 1);
  const maxBins = checkedInteger('maxBins', options.maxBins ?? 255, 2, 255);
  const settings: TreeSettings = {
    learningRate: checkedPositive('learningRate', options.learningRate ?? 0.1),
    maxLeafNodes: checkedInteger('maxLeafNodes', options.maxLeafNodes ?? 31, 2),
    minSamplesLeaf: checkedInteger('minSamplesLeaf', options.minSamplesLeaf ?? 20, 1),
    l2Regularization: checkedNonNegative('l2Regularization', options.l2Regularization ?? 0),
    maxDepth: options.maxDepth === undefined ? Number.POSITIVE_INFINITY : checkedInteger('maxDepth', options.maxDepth, 1),
  };
  return {
    name: 'gbdt',
    fit(request, task) {
      checkRequest(request, task);
      const { data, rows } = request;
      const columns = request.features.map((index) => {
        const column = data.columns[index];
        if (column === undefined) throw new PaydownError('PAYDOWN_USAGE', `no feature column ${index} (the data has ${data.columns.length})`);
        return column;
      });
      const binned = columns.map((column) => binsOf(column, maxBins));
      const m = rows.length;
      const target = new Float64Array(m);
      for (let s = 0; s < m; s++) target[s] = data.target[rows[s]];
      const baseScore = baseScoreOf(target, task);
      const state: GrowState = {
        binned,
        sampleBins: gatherBins(binned, rows),
        categorical: columns.map((column) => column.kind === 'categorical'),
        gradient: new Float64Array(m),
        hessian: new Float64Array(m).fill(1),
        order: Uint32Array.from({ length: m }, (_, s) => s),
        scratch: new Uint32Array(m),
        raw: new Float64Array(m).fill(baseScore),
        histogramPool: [],
      };
      const trees: GrownNode[][] = [];
      for (let iteration = 0; iteration < maxIter; iteration++) {
        if (task === 'binary') logLossGradients(state, target);
        else for (let s = 0; s < m; s++) state.gradient[s] = state.raw[s] - target[s];
        trees.push(growTree(state, settings));
      }
      return ensembleModel({ features: columns.map(fittedFeatureOf), binned, baseScore, maxBins, trees, task, trainedOn: targetInfo(data) }, { maxIter, maxBins, ...settings, rows: m });
    },
  };
}

/** The bins of the training rows, sample by sample (one byte per sample and feature). */
function gatherBins(binned: readonly BinnedColumn[], rows: Uint32Array): Uint8Array {
  const p = binned.length;
  const out = new Uint8Array(rows.length * p);
  binned.forEach((column, j) => {
    const bins = column.bins;
    for (let s = 0; s < rows.length; s++) out[s * p + j] = bins[rows[s]];
  });
  return out;
}

function logLossGradients(state: GrowState, target: Float64Array): void {
  const { raw, gradient, hessian } = state;
  for (let s = 0; s < raw.length; s++) {
    const p = 1 / (1 + Math.exp(-raw[s]));
    gradient[s] = p - target[s];
    hessian[s] = p * (1 - p);
  }
}

function baseScoreOf(target: Float64Array, task: Task): number {
  let sum = 0;
  for (const y of target) sum += y;
  const mean = sum / target.length;
  return task === 'binary' ? Math.log(mean / (1 - mean)) : mean;
}

function checkRequest(request: FitRequest, task: Task): void {
  if (request.rows.length === 0) throw new PaydownError('PAYDOWN_USAGE', 'cannot fit a model on no rows');
  let positives = 0;
  for (const row of request.rows) {
    const y = request.data.target[row];
    if (!Number.isFinite(y)) throw new PaydownError('PAYDOWN_DATA_SCHEMA_INVALID', `the target is not a finite number in row ${row + 1}`);
    if (task === 'binary' && y !== 0 && y !== 1) throw new PaydownError('PAYDOWN_DATA_SCHEMA_INVALID', `a binary target must be 0 or 1, got ${y} in row ${row + 1}`);
    positives += y;
  }
  if (task === 'binary' && (positives === 0 || positives === request.rows.length)) {
    throw new PaydownError('PAYDOWN_DATA_SCHEMA_INVALID', `the training rows hold a single class (${positives === 0 ? 'no positives' : 'only positives'}); a binary model needs both`);
  }
}

function ensembleModel(ensemble: Ensemble, summary: Record<string, number>): FittedModel {
  let flat: FlatTrees | undefined;
  return {
    predict(data, rows) {
      const scored = lookUpColumns(data, ensemble.features);
      flat ??= flattenTrees(
        ensemble.trees,
        (node) => rawThreshold(node, ensemble.binned[node.feature]),
        (node) => leftCodesOf(node, ensemble.binned[node.feature]),
      );
      const out = new Float64Array(rows.length).fill(ensemble.baseScore);
      const bins = binsFittedOn(data, ensemble);
      if (bins !== undefined) addTreeScoresByBin(flat, bins, rows, out);
      else addTreeScores(flat, scored, rows, out);
      if (ensemble.task === 'binary') for (let i = 0; i < out.length; i++) out[i] = 1 / (1 + Math.exp(-out[i]));
      return out;
    },
    toJSON(): GbdtModelFile {
      const categorical = ensemble.features.filter((feature) => feature.kind === 'categorical').map((feature) => feature.name);
      return {
        format: MODEL_FILE_FORMAT,
        kind: 'gbdt',
        task: ensemble.task,
        link: ensemble.task === 'binary' ? 'logistic' : 'identity',
        features: ensemble.features.map((feature) => feature.name),
        ...(categorical.length > 0 ? { categorical } : {}),
        baseScore: ensemble.baseScore,
        trees: ensemble.trees.map((nodes) => nodes.map((node) => treeNodeOf(node, ensemble))),
        trainedOn: { learner: 'gbdt', rows: summary.rows, ...ensemble.trainedOn, settings: settingsOf(summary) },
      };
    },
  };
}

/**
 * The binned columns of the features when `data` holds the very columns the model was fitted on
 * (a LOFO fold scored after its fit), so scoring can compare bins; undefined otherwise, or when a
 * column holds +Infinity (raw thresholds and bins place it differently).
 */
function binsFittedOn(data: TrainingData, ensemble: Ensemble): Uint8Array[] | undefined {
  const byName = new Map(data.columns.map((column) => [column.name, column]));
  const bins: Uint8Array[] = [];
  for (const [f, feature] of ensemble.features.entries()) {
    const column = byName.get(feature.name);
    const binned = ensemble.binned[f];
    if (column === undefined || cachedBinsOf(column, ensemble.maxBins) !== binned || binned.hasPositiveInfinity === true) return undefined;
    bins.push(binned.bins);
  }
  return bins;
}

function settingsOf(summary: Record<string, number>): Record<string, number> {
  const settings: Record<string, number> = {};
  for (const [key, value] of Object.entries(summary)) if (key !== 'rows' && Number.isFinite(value)) settings[key] = value;
  return settings;
}

/** Per category code: 1 goes left, 0 goes right, -1 is folded into missing (rare categories beyond maxBins). */
function leftCodesOf(node: GrownNode, binned: BinnedColumn): Int8Array {
  const binOfCode = binned.binOfCode as Uint8Array;
  const leftBins = node.leftBins as Uint8Array;
  return Int8Array.from(binOfCode, (bin) => (bin === MISSING_BIN ? -1 : leftBins[bin]));
}

/** Values ≤ this go left; the largest double when every non-missing value goes left. */
function rawThreshold(node: GrownNode, binned: BinnedColumn): number {
  return node.binThreshold < binned.upperEdges.length ? binned.upperEdges[node.binThreshold] : Number.MAX_VALUE;
}

function treeNodeOf(node: GrownNode, ensemble: Ensemble): TreeNode {
  if (node.feature < 0) return { leaf: node.value };
  const feature = ensemble.features[node.feature];
  const binned = ensemble.binned[node.feature];
  const missing = node.missingLeft ? 'left' : 'right';
  if (node.leftBins === undefined) return { feature: feature.name, threshold: rawThreshold(node, binned), missing, left: node.left, right: node.right };
  const codes = leftCodesOf(node, binned);
  const categories = (feature.categories ?? []).filter((_, code) => codes[code] === 1);
  return { feature: feature.name, categories, missing, left: node.left, right: node.right };
}

function checkedInteger(name: string, value: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (!Number.isInteger(value) || value < min || value > max) throw new PaydownError('PAYDOWN_USAGE', `gradient-boosted trees: ${name} must be an integer from ${min}${max === Number.MAX_SAFE_INTEGER ? ' up' : ` to ${max}`}, got ${value}`);
  return value;
}

function checkedPositive(name: string, value: number): number {
  if (!(value > 0) || !Number.isFinite(value)) throw new PaydownError('PAYDOWN_USAGE', `gradient-boosted trees: ${name} must be a positive number, got ${value}`);
  return value;
}

function checkedNonNegative(name: string, value: number): number {
  if (!(value >= 0) || !Number.isFinite(value)) throw new PaydownError('PAYDOWN_USAGE', `gradient-boosted trees: ${name} must be a number ≥ 0, got ${value}`);
  return value;
}
