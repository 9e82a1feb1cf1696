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
    settle(left, open, done, pool);
    settle(right, open, done, pool);
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

/** A new leaf joins the open leaves when it has a split, else the done ones (its histogram back to the pool). */
function settle(child: Leaf, open: Leaf[], done: Leaf[], pool: Float64Array[]): void {
  if (child.split !== undefined) {
    open.push(child);
    return;
  }
  if (child.histogram !== undefined) pool.push(child.histogram);
  child.histogram = undefined;
  done.push(child);
}

function leafNode(): GrownNode {
  return { feature: -1, binThreshold: 0, leftBins: undefined, missingLeft: false, left: -1, right: -1, value: 0 };
}

/**
 * The histogram of the samples order[start…end), sample by sample (the updates of one sample
 * touch different features, so they do not wait on each other), two samples per step for more
 * independent updates. Each bin still adds its samples in order, so the sums do not depend on
 * the pairing.
 */
function buildHistogram(state: GrowState, histogram: Float64Array, start: number, end: number): void {
  clear(histogram, state.binned);
  const { order, gradient, hessian, sampleBins } = state;
  const p = state.binned.length;
  let k = start;
  for (; k + 1 < end; k += 2) {
    const s = order[k];
    const t = order[k + 1];
    const gs = gradient[s];
    const hs = hessian[s];
    const gt = gradient[t];
    const ht = hessian[t];
    const baseS = s * p;
    const baseT = t * p;
    for (let j = 0; j < p; j++) {
      const atS = j * STRIDE + sampleBins[baseS + j] * 3;
      histogram[atS] += gs;
      histogram[atS + 1] += hs;
      histogram[atS + 2] += 1;
      const atT = j * STRIDE + sampleBins[baseT + j] * 3;
      histogram[atT] += gt;
      histogram[atT + 1] += ht;
      histogram[atT + 2] += 1;
    }
  }
  if (k < end) {
    const s = order[k];
    const base = s * p;
    for (let j = 0; j < p; j++) {
      const at = j * STRIDE + sampleBins[base + j] * 3;
      histogram[at] += gradient[s];
      histogram[at + 1] += hessian[s];
      histogram[at + 2] += 1;
    }
  }
}

/** Zeroes the bins each feature uses (most features use far fewer than 256 bins). */
function clear(histogram: Float64Array, binned: readonly BinnedColumn[]): void {
  for (let j = 0; j < binned.length; j++) {
    const base = j * STRIDE;
    histogram.fill(0, base, base + binned[j].count * 3);
    histogram.fill(0, base + MISSING_BIN * 3, base + STRIDE);
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
    const candidate = state.categorical[j] ? categoricalSplit(histogram, j, state.binned[j], leaf, settings, best?.gain ?? 0) : numericSplit(histogram, j, state.binned[j], leaf, settings, best?.gain ?? 0);
    if (candidate !== undefined && (best === undefined || candidate.gain > best.gain)) best = candidate;
  }
  return best !== undefined && best.gain > 0 ? best : undefined;
}

function score(gradient: number, hessian: number, l2: number): number {
  return (gradient * gradient) / (hessian + l2);
}

/**
 * The best threshold of numeric feature j. A bin with no samples (and no rounding residue from
 * subtraction) gives the same candidate as the bin before it, so it is skipped; once fewer than minSamplesLeaf samples are right of a
 * threshold, no later threshold can be valid. Undefined unless the gain beats `mustBeat`.
 */
function numericSplit(histogram: Float64Array, j: number, binned: BinnedColumn, leaf: Leaf, settings: TreeSettings, mustBeat: number): Split | undefined {
  const base = j * STRIDE;
  const missingAt = base + MISSING_BIN * 3;
  const missingGradient = histogram[missingAt];
  const missingHessian = histogram[missingAt + 1];
  const missingCount = histogram[missingAt + 2];
  const total = leaf.end - leaf.start;
  const l2 = settings.l2Regularization;
  const minLeaf = settings.minSamplesLeaf;
  const parentScore = score(leaf.gradient, leaf.hessian, l2);
  const last = missingCount > 0 ? binned.count : binned.count - 1;
  let bestGain = 0;
  let bestThreshold = -1;
  let bestMissingLeft = false;
  let bestGradient = 0;
  let bestHessian = 0;
  let bestCount = 0;
  let gradient = 0;
  let hessian = 0;
  let count = 0;
  for (let b = 0; b < last; b++) {
    const at = base + b * 3;
    const binCount = histogram[at + 2];
    gradient += histogram[at];
    hessian += histogram[at + 1];
    count += binCount;
    if (binCount === 0 && histogram[at] === 0 && histogram[at + 1] === 0) continue;
    if (total - count < minLeaf) break;
    if (count >= minLeaf && hessian >= MIN_HESSIAN_LEAF && leaf.hessian - hessian >= MIN_HESSIAN_LEAF) {
      const gain = score(gradient, hessian, l2) + score(leaf.gradient - gradient, leaf.hessian - hessian, l2) - parentScore;
      if (gain > bestGain) {
        bestGain = gain;
        bestThreshold = b;
        bestMissingLeft = false;
        bestGradient = gradient;
        bestHessian = hessian;
        bestCount = count;
      }
    }
    if (missingCount === 0 || b === binned.count - 1) continue;
    const withMissing = hessian + missingHessian;
    if (total - count - missingCount >= minLeaf && withMissing >= MIN_HESSIAN_LEAF && leaf.hessian - withMissing >= MIN_HESSIAN_LEAF) {
      const gain = score(gradient + missingGradient, withMissing, l2) + score(leaf.gradient - gradient - missingGradient, leaf.hessian - withMissing, l2) - parentScore;
      if (gain > bestGain) {
        bestGain = gain;
        bestThreshold = b;
        bestMissingLeft = true;
        bestGradient = gradient + missingGradient;
        bestHessian = withMissing;
        bestCount = count + missingCount;
      }
    }
  }
  if (bestThreshold < 0 || bestGain <= mustBeat) return undefined;
  const missingLeft = missingCount > 0 ? bestMissingLeft : bestCount >= total - bestCount;
  return { gain: bestGain, feature: j, binThreshold: bestThreshold, leftBins: undefined, missingLeft, leftGradient: bestGradient, leftHessian: bestHessian, leftCount: bestCount };
}

/** Scratch for the gradient/hessian ratio of each bin while a categorical split is searched (one search at a time per thread). */
const categoryRatio = new Float64Array(256);

/** The best category subset of categorical feature j, when its gain beats `mustBeat`. */
function categoricalSplit(histogram: Float64Array, j: number, binned: BinnedColumn, leaf: Leaf, settings: TreeSettings, mustBeat: number): Split | undefined {
  const base = j * STRIDE;
  const candidates: number[] = [];
  for (let b = 0; b < binned.count; b++) if (histogram[base + b * 3 + 2] >= MIN_CATEGORY_SUPPORT) candidates.push(b);
  if (histogram[base + MISSING_BIN * 3 + 2] >= MIN_CATEGORY_SUPPORT) candidates.push(MISSING_BIN);
  if (candidates.length < 2) return undefined;
  const ratio = categoryRatio;
  for (const b of candidates) ratio[b] = histogram[base + b * 3] / (histogram[base + b * 3 + 1] + CATEGORY_SMOOTHING);
  candidates.sort((a, b) => ratio[a] - ratio[b] || a - b);
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
  for (let pass = 0; pass < 2; pass++) {
    const direction = pass === 0 ? 1 : -1;
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
  if (bestDirection === 0 || bestGain <= mustBeat) return undefined;
  const leftBins = new Uint8Array(256);
  for (let i = 0; i < bestLength; i++) leftBins[candidates[bestDirection === 1 ? i : candidates.length - 1 - i]] = 1;
  return { gain: bestGain, feature: j, binThreshold: -1, leftBins, missingLeft: leftBins[MISSING_BIN] === 1, leftGradient: bestGradient, leftHessian: bestHessian, leftCount: bestCount };
}

/**
 * Reorders the leaf's samples so that those going left come first (each side keeps its order);
 * returns where the right ones start. Every sample is written to both sides and only the side
 * it belongs to advances, so the loop has no branch on the direction.
 */
function partition(state: GrowState, leaf: Leaf, split: Split): number {
  const { order, scratch, sampleBins } = state;
  const p = state.binned.length;
  const feature = split.feature;
  const leftBins = split.leftBins ?? numericLeftBins(split);
  let left = leaf.start;
  let right = 0;
  for (let k = leaf.start; k < leaf.end; k++) {
    const s = order[k];
    const goesLeft = leftBins[sampleBins[s * p + feature]];
    order[left] = s;
    scratch[right] = s;
    left += goesLeft;
    right += 1 - goesLeft;
  }
  order.set(scratch.subarray(0, right), left);
  return left;
}

/** A numeric split as a table over the bins: 1 for the bins at or below the threshold, and for missing when it goes left. */
function numericLeftBins(split: Split): Uint8Array {
  const leftBins = new Uint8Array(256);
  leftBins.fill(1, 0, split.binThreshold + 1);
  leftBins[MISSING_BIN] = split.missingLeft ? 1 : 0;
  return leftBins;
}
