import { MISSING_BIN, type BinnedColumn } from './feature-bins.js';

/** How a tree is grown. */
export interface TreeSettings {
  readonly maxLeafNodes: number;
  readonly minSamplesLeaf: number;
  readonly l2Regularization: number;
  readonly learningRate: number;
  /** Deepest level a node may be at (the root is at 0); Infinity for no limit. */
  readonly maxDepth: number;
}

/** One node of a grown tree, in bin space. Leaves have `feature` -1. */
export interface GrownNode {
  feature: number;
  /** Numeric splits: bins ≤ binThreshold go left. */
  binThreshold: number;
  /** Categorical splits: 1 for the bins that go left (MISSING_BIN included when missing goes left). */
  leftBins: Uint8Array | undefined;
  missingLeft: boolean;
  left: number;
  right: number;
  /** Leaves: the learning-rate-scaled value added to the raw score. */
  value: number;
}

/** The per-fit state shared by every tree of one boosting run. */
export interface GrowState {
  readonly binned: readonly BinnedColumn[];
  /** The bins of the training samples, gathered once per fit, sample by sample: bin of sample s, feature j at s·featureCount + j. */
  readonly sampleBins: Uint8Array;
  readonly categorical: readonly boolean[];
  readonly gradient: Float64Array;
  readonly hessian: Float64Array;
  /** Scratch: the samples, grouped by node as nodes split (partitions are stable, so each node's samples stay in ascending order). */
  readonly order: Uint32Array;
  readonly scratch: Uint32Array;
  /** Raw scores of the samples; each tree adds its leaf values. */
  readonly raw: Float64Array;
  /** Histogram buffers reused from tree to tree. */
  readonly histogramPool: Float64Array[];
}

/** Categories with fewer samples in a node than this are not ordered for a split; they go right. */
const MIN_CATEGORY_SUPPORT = 10;
/** Smoothing of the gradient/hessian ratio that orders categories. */
const CATEGORY_SMOOTHING = 10;
const MIN_HESSIAN_LEAF = 1e-3;
const STRIDE = 256 * 3;

interface Split {
  gain: number;
  feature: number;
  binThreshold: number;
  leftBins: Uint8Array | undefined;
  missingLeft: boolean;
  leftGradient: number;
  leftHessian: number;
  leftCount: number;
}

interface Leaf {
  readonly node: number;
  readonly start: number;
  readonly end: number;
  readonly depth: number;
  readonly gradient: number;
  readonly hessian: number;
  histogram: Float64Array | undefined;
  split: Split | undefined;
}

/**
 * Grows one regression tree on the gradients and hessians, best leaf first (the leaf whose best
 * split lowers the loss most), using per-leaf histograms over the bins; the larger child's
 * histogram is the parent's minus the smaller child's. Adds the leaf values to `state.raw`.
 *
 * @example
 * const nodes = growTree(state, { maxLeafNodes: 31, minSamplesLeaf: 20, l2Regularization: 0, learningRate: 0.1, maxDepth: Infinity });
 */
export function growTree(state: GrowState, settings: TreeSettings): GrownNode[] {
  const featureCount = state.binned.length;
  const pool = state.histogramPool;
  const take = (): Float64Array => pool.pop() ?? new Float64Array(featureCount * STRIDE);
  const m = state.order.length;
  for (let s = 0; s < m; s++) state.order[s] = s;
  let gradientSum = 0;
  let hessianSum = 0;
  for (let s = 0; s < m; s++) {
    gradientSum += state.gradient[s];
    hessianSum += state.hessian[s];
  }
  const nodes: GrownNode[] = [leafNode()];
  const root: Leaf = { node: 0, start: 0, end: m, depth: 0, gradient: gradientSum, hessian: hessianSum, histogram: take(), split: undefined };
  buildHistogram(state, root.histogram as Float64Array, 0, m);
  root.split = findSplit(state, root, settings);
  const open: Leaf[] = [root];
  const done: Leaf[] = [];
  let leafCount = 1;
  while (leafCount < settings.maxLeafNodes) {
    let best = -1;
    for (let i = 0; i < open.length; i++) {
      const split = open[i].split;
      if (split !== undefined && (best < 0 || split.gain > (open[best].split as Split).gain)) best = i;
    }
    if (best < 0) break;
    const parent = open[best];
    open.splice(best, 1);
    const split = parent.split as Split;
    const middle = partition(state, parent, split);
    const leftNode = nodes.length;
    nodes.push(leafNode(), leafNode());
    const node = nodes[parent.node];
    node.feature = split.feature;
    node.binThreshold = split.binThreshold;
    node.leftBins = split.leftBins;
    node.missingLeft = split.missingLeft;
    node.left = leftNode;
    node.right = leftNode + 1;
    const left: Leaf = { node: leftNode, start: parent.start, end: middle, depth: parent.depth + 1, gradient: split.leftGradient, hessian: split.leftHessian, histogram: undefined, split: undefined };
    const right: Leaf = {
      node: leftNode + 1,
      start: middle,
      end: parent.end,
      depth: parent.depth + 1,
      gradient: parent.gradient - split.leftGradient,
      hessian: parent.hessian - split.leftHessian,
      histogram: undefined,
      split: undefined,
    };
    leafCount++;
    const canSplitFurther = leafCount < settings.maxLeafNodes && parent.depth + 1 < settings.maxDepth;
    const parentHistogram = parent.histogram as Float64Array;
    if (canSplitFurther) {
      const [small, large] = middle - parent.start <= parent.end - middle ? [left, right] : [right, left];
      small.histogram = take();
      buildHistogram(state, small.histogram, small.start, small.end);
      subtract(parentHistogram, small.histogram, state.binned);
      large.histogram = parentHistogram;
      left.split = findSplit(state, left, settings);
      right.split = findSplit(state, right, settings);
    } else {
      pool.push(parentHistogram);
    }
    for (const child of [left, right]) {
      if (child.split === undefined) {
        if (child.histogram !== undefined) pool.push(child.histogram);
        child.histogram = undefined;
        done.push(child);
      } else {
        open.push(child);
      }
    }
  }
  for (const leaf of [...open, ...done]) {
    if (leaf.histogram !== undefined) pool.push(leaf.histogram);
    leaf.histogram = undefined;
    const value = -settings.learningRate * (leaf.gradient / (leaf.hessian + settings.l2Regularization));
    nodes[leaf.node].value = value;
    for (let k = leaf.start; k < leaf.end; k++) state.raw[state.order[k]] += value;
  }
  return nodes;
}

function leafNode(): GrownNode {
  return { feature: -1, binThreshold: 0, leftBins: undefined, missingLeft: false, left: -1, right: -1, value: 0 };
}

/** The histogram of the samples order[start…end), sample by sample (the updates of one sample touch different features, so they do not wait on each other). */
function buildHistogram(state: GrowState, histogram: Float64Array, start: number, end: number): void {
  histogram.fill(0);
  const { order, gradient, hessian, sampleBins } = state;
  const p = state.binned.length;
  for (let k = start; k < end; k++) {
    const s = order[k];
    const g = gradient[s];
    const h = hessian[s];
    const base = s * p;
    for (let j = 0; j < p; j++) {
      const at = j * STRIDE + sampleBins[base + j] * 3;
      histogram[at] += g;
      histogram[at + 1] += h;
      histogram[at + 2] += 1;
    }
  }
}

/** from −= part over the bins each feature uses (most features use far fewer than 256 bins). */
function subtract(from: Float64Array, part: Float64Array, binned: readonly BinnedColumn[]): void {
  for (let j = 0; j < binned.length; j++) {
    const base = j * STRIDE;
    const end = base + binned[j].count * 3;
    for (let i = base; i < end; i++) from[i] -= part[i];
    const missing = base + MISSING_BIN * 3;
    if (missing >= end) {
      from[missing] -= part[missing];
      from[missing + 1] -= part[missing + 1];
      from[missing + 2] -= part[missing + 2];
    }
  }
}

function findSplit(state: GrowState, leaf: Leaf, settings: TreeSettings): Split | undefined {
  const count = leaf.end - leaf.start;
  if (count < 2 * settings.minSamplesLeaf || leaf.hessian < 2 * MIN_HESSIAN_LEAF || leaf.depth >= settings.maxDepth) return undefined;
  const histogram = leaf.histogram as Float64Array;
  let best: Split | undefined;
  for (let j = 0; j < state.binned.length; j++) {
    const candidate = state.categorical[j] ? categoricalSplit(histogram, j, state.binned[j], leaf, settings) : numericSplit(histogram, j, state.binned[j], leaf, settings);
    if (candidate !== undefined && (best === undefined || candidate.gain > best.gain)) best = candidate;
  }
  return best !== undefined && best.gain > 0 ? best : undefined;
}

function score(gradient: number, hessian: number, l2: number): number {
  return (gradient * gradient) / (hessian + l2);
}

function numericSplit(histogram: Float64Array, j: number, binned: BinnedColumn, leaf: Leaf, settings: TreeSettings): Split | undefined {
  const base = j * STRIDE;
  const missingAt = base + MISSING_BIN * 3;
  const missingGradient = histogram[missingAt];
  const missingHessian = histogram[missingAt + 1];
  const missingCount = histogram[missingAt + 2];
  const total = leaf.end - leaf.start;
  const l2 = settings.l2Regularization;
  const minLeaf = settings.minSamplesLeaf;
  const parentScore = score(leaf.gradient, leaf.hessian, l2);
  let bestGain = 0;
  let bestThreshold = -1;
  let bestMissingLeft = false;
  let bestGradient = 0;
  let bestHessian = 0;
  let bestCount = 0;
  const consider = (gradient: number, hessian: number, count: number, threshold: number, missingLeft: boolean): void => {
    const rightCount = total - count;
    const rightHessian = leaf.hessian - hessian;
    if (count < minLeaf || rightCount < minLeaf || hessian < MIN_HESSIAN_LEAF || rightHessian < MIN_HESSIAN_LEAF) return;
    const gain = score(gradient, hessian, l2) + score(leaf.gradient - gradient, rightHessian, l2) - parentScore;
    if (gain > bestGain) {
      bestGain = gain;
      bestThreshold = threshold;
      bestMissingLeft = missingLeft;
      bestGradient = gradient;
      bestHessian = hessian;
      bestCount = count;
    }
  };
  let gradient = 0;
  let hessian = 0;
  let count = 0;
  for (let b = 0; b < binned.count; b++) {
    const at = base + b * 3;
    gradient += histogram[at];
    hessian += histogram[at + 1];
    count += histogram[at + 2];
    if (b < binned.count - 1) {
      consider(gradient, hessian, count, b, false);
      if (missingCount > 0) consider(gradient + missingGradient, hessian + missingHessian, count + missingCount, b, true);
    } else if (missingCount > 0) {
      consider(gradient, hessian, count, b, false);
    }
  }
  if (bestThreshold < 0) return undefined;
  const missingLeft = missingCount > 0 ? bestMissingLeft : bestCount >= total - bestCount;
  return { gain: bestGain, feature: j, binThreshold: bestThreshold, leftBins: undefined, missingLeft, leftGradient: bestGradient, leftHessian: bestHessian, leftCount: bestCount };
}

function categoricalSplit(histogram: Float64Array, j: number, binned: BinnedColumn, leaf: Leaf, settings: TreeSettings): Split | undefined {
  const base = j * STRIDE;
  const candidates: number[] = [];
  for (let b = 0; b < binned.count; b++) if (histogram[base + b * 3 + 2] >= MIN_CATEGORY_SUPPORT) candidates.push(b);
  if (histogram[base + MISSING_BIN * 3 + 2] >= MIN_CATEGORY_SUPPORT) candidates.push(MISSING_BIN);
  if (candidates.length < 2) return undefined;
  const ratio = (b: number): number => histogram[base + b * 3] / (histogram[base + b * 3 + 1] + CATEGORY_SMOOTHING);
  candidates.sort((a, b) => ratio(a) - ratio(b) || a - b);
  const total = leaf.end - leaf.start;
  const l2 = settings.l2Regularization;
  const minLeaf = settings.minSamplesLeaf;
  const parentScore = score(leaf.gradient, leaf.hessian, l2);
  const longest = Math.floor((candidates.length + 1) / 2);
  let bestGain = 0;
  let bestDirection = 0;
  let bestLength = 0;
  let bestGradient = 0;
  let bestHessian = 0;
  let bestCount = 0;
  for (const direction of [1, -1]) {
    let gradient = 0;
    let hessian = 0;
    let count = 0;
    for (let k = 0; k < longest; k++) {
      const b = candidates[direction === 1 ? k : candidates.length - 1 - k];
      gradient += histogram[base + b * 3];
      hessian += histogram[base + b * 3 + 1];
      count += histogram[base + b * 3 + 2];
      const rightCount = total - count;
      const rightHessian = leaf.hessian - hessian;
      if (count < minLeaf || rightCount < minLeaf || hessian < MIN_HESSIAN_LEAF || rightHessian < MIN_HESSIAN_LEAF) continue;
      const gain = score(gradient, hessian, l2) + score(leaf.gradient - gradient, rightHessian, l2) - parentScore;
      if (gain > bestGain) {
        bestGain = gain;
        bestDirection = direction;
        bestLength = k + 1;
        bestGradient = gradient;
        bestHessian = hessian;
        bestCount = count;
      }
    }
  }
  if (bestDirection === 0) return undefined;
  const leftBins = new Uint8Array(256);
  for (let i = 0; i < bestLength; i++) leftBins[candidates[bestDirection === 1 ? i : candidates.length - 1 - i]] = 1;
  return { gain: bestGain, feature: j, binThreshold: -1, leftBins, missingLeft: leftBins[MISSING_BIN] === 1, leftGradient: bestGradient, leftHessian: bestHessian, leftCount: bestCount };
}

/** Reorders the leaf's samples so that those going left come first; returns where the right ones start. */
function partition(state: GrowState, leaf: Leaf, split: Split): number {
  const { order, scratch, sampleBins } = state;
  const p = state.binned.length;
  const feature = split.feature;
  let left = leaf.start;
  let right = 0;
  const leftBins = split.leftBins;
  const threshold = split.binThreshold;
  const missingLeft = split.missingLeft;
  for (let k = leaf.start; k < leaf.end; k++) {
    const s = order[k];
    const bin = sampleBins[s * p + feature];
    const goesLeft = leftBins !== undefined ? leftBins[bin] === 1 : bin === MISSING_BIN ? missingLeft : bin <= threshold;
    if (goesLeft) order[left++] = s;
    else scratch[right++] = s;
  }
  order.set(scratch.subarray(0, right), left);
  return left;
}
