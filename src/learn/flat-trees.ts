import type { ScoredColumn } from './column-lookup.js';
import { MISSING_BIN } from './feature-bins.js';
import type { GrownNode } from './grow-tree.js';

/**
 * The trees of a boosted ensemble as flat arrays, one entry per node of every tree (node ids are
 * global: a tree's child ids are shifted by where the tree starts), for scoring rows quickly.
 */
export interface FlatTrees {
  /** Where each tree's root is. */
  readonly roots: Int32Array;
  /** Feature of each split node (an index into the model's features); -1 for a leaf. */
  readonly feature: Int32Array;
  /** Numeric splits: raw values ≤ this go left. */
  readonly threshold: Float64Array;
  /** Categorical splits: per category code, 1 goes left, 0 goes right, -1 is treated as missing. */
  readonly leftCodes: readonly (Int8Array | undefined)[];
  readonly missingLeft: Uint8Array;
  /** Numeric splits in bin space: bins ≤ this go left. */
  readonly binThreshold: Int32Array;
  /** Categorical splits in bin space: 1 for the bins that go left (MISSING_BIN included when missing goes left). */
  readonly leftBins: readonly (Uint8Array | undefined)[];
  readonly left: Int32Array;
  readonly right: Int32Array;
  /** Leaves: the value added to the raw score. */
  readonly value: Float64Array;
}

/**
 * Flattens grown trees; `threshold` and `leftCodes` give each split node its raw-value
 * threshold or category directions.
 *
 * @example
 * const flat = flattenTrees(trees, (node) => rawThreshold(node), (node) => leftCodesOf(node));
 */
export function flattenTrees(trees: readonly (readonly GrownNode[])[], threshold: (node: GrownNode) => number, leftCodes: (node: GrownNode) => Int8Array): FlatTrees {
  const total = trees.reduce((sum, nodes) => sum + nodes.length, 0);
  const flat = {
    roots: new Int32Array(trees.length),
    feature: new Int32Array(total),
    threshold: new Float64Array(total),
    leftCodes: new Array<Int8Array | undefined>(total).fill(undefined),
    missingLeft: new Uint8Array(total),
    binThreshold: new Int32Array(total),
    leftBins: new Array<Uint8Array | undefined>(total).fill(undefined),
    left: new Int32Array(total),
    right: new Int32Array(total),
    value: new Float64Array(total),
  };
  let start = 0;
  trees.forEach((nodes, t) => {
    flat.roots[t] = start;
    nodes.forEach((node, i) => {
      const at = start + i;
      flat.feature[at] = node.feature;
      flat.value[at] = node.value;
      if (node.feature < 0) return;
      flat.missingLeft[at] = node.missingLeft ? 1 : 0;
      flat.left[at] = start + node.left;
      flat.right[at] = start + node.right;
      flat.binThreshold[at] = node.binThreshold;
      flat.leftBins[at] = node.leftBins;
      if (node.leftBins === undefined) flat.threshold[at] = threshold(node);
      else flat.leftCodes[at] = leftCodes(node);
    });
    start += nodes.length;
  });
  return flat;
}

/**
 * Adds every tree's leaf value for each row to `out` (out[i] for rows[i]). Missing numeric
 * values (NaN) and missing or unknown categories follow the node's missing direction.
 *
 * @example
 * const out = new Float64Array(rows.length).fill(baseScore);
 * addTreeScores(flat, lookUpColumns(data, features), rows, out);
 */
export function addTreeScores(flat: FlatTrees, columns: readonly ScoredColumn[], rows: Uint32Array, out: Float64Array): void {
  const numeric = columns.map((column) => (column.kind === 'numeric' ? column.values : undefined));
  const codes = columns.map((column) => (column.kind === 'categorical' ? column.codes : undefined));
  const remaps = columns.map((column) => (column.kind === 'categorical' ? column.remap : undefined));
  const { roots, feature, threshold, leftCodes, missingLeft, left, right, value } = flat;
  for (let t = 0; t < roots.length; t++) {
    const root = roots[t];
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      let at = root;
      for (let f = feature[at]; f >= 0; f = feature[at]) {
        const values = numeric[f];
        let goesLeft: boolean;
        if (values !== undefined) {
          const x = values[row];
          goesLeft = x === x ? x <= threshold[at] : missingLeft[at] === 1;
        } else {
          const raw = (codes[f] as Int32Array)[row];
          const remap = remaps[f];
          const code = raw < 0 || remap === undefined ? raw : remap[raw];
          const direction = code < 0 ? -1 : (leftCodes[at] as Int8Array)[code];
          goesLeft = direction < 0 ? missingLeft[at] === 1 : direction === 1;
        }
        at = goesLeft ? left[at] : right[at];
      }
      out[i] += value[at];
    }
  }
}

/**
 * `addTreeScores` on the rows' bins instead of their raw values, for data the trees were grown
 * on (`bins[f]` is the binned column of feature f, from the same column and maxBins as at fit
 * time): the same scores, without comparing raw values.
 *
 * @example
 * addTreeScoresByBin(flat, binned.map((column) => column.bins), validationRows, out);
 */
export function addTreeScoresByBin(flat: FlatTrees, bins: readonly Uint8Array[], rows: Uint32Array, out: Float64Array): void {
  const { roots, feature, binThreshold, leftBins, missingLeft, left, right, value } = flat;
  for (let t = 0; t < roots.length; t++) {
    const root = roots[t];
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      let at = root;
      for (let f = feature[at]; f >= 0; f = feature[at]) {
        const bin = bins[f][row];
        const categories = leftBins[at];
        let goesLeft: boolean;
        if (categories !== undefined) goesLeft = categories[bin] === 1;
        else goesLeft = bin === MISSING_BIN ? missingLeft[at] === 1 : bin <= binThreshold[at];
        at = goesLeft ? left[at] : right[at];
      }
      out[i] += value[at];
    }
  }
}
