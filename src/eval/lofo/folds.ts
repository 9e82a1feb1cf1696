import { PaydownError } from '../../errors.js';
import type { Task } from '../../learn/learner.js';
import { seededRandom, shuffleInPlace } from './random.js';

/** A deterministic K-fold split: the fold of every row, and each fold's validation and training rows. */
export interface FoldSplit {
  readonly k: number;
  /** The fold (0 … k−1) of every row. */
  readonly foldOf: Int32Array;
  /** Per fold, the validation rows, ascending. */
  readonly validation: readonly Uint32Array[];
  /** Per fold, the training rows (every other row), ascending. */
  readonly training: readonly Uint32Array[];
}

/**
 * Assigns rows to K folds, stratified, deterministically for a seed.
 *
 * - Binary targets: the rows of each class (0 first, then 1) are shuffled with the seeded
 *   generator and dealt to folds in turn, the turn carrying over from one class to the next. Every
 *   fold gets the same number of rows of each class give or take one, and fold sizes differ by at
 *   most one.
 * - Regression targets: rows are sorted by target (ties by row number) and cut into consecutive
 *   blocks of K rows; the K folds are shuffled within each block. Every fold sees the whole range
 *   of the target.
 *
 * Throws when there are fewer than 2 folds, more folds than rows, or (binary) a class has fewer
 * rows than there are folds, which would leave a fold with a single class.
 *
 * @example
 * const split = stratifiedFolds(new Float64Array([0, 1, 0, 1, 0, 1]), 'binary', 3, 42);
 * split.foldOf; // each fold holds one 0 and one 1
 */
export function stratifiedFolds(target: Float64Array, task: Task, k: number, seed: number): FoldSplit {
  const n = target.length;
  if (!Number.isInteger(k) || k < 2) throw new PaydownError('PAYDOWN_USAGE', `--folds wants a whole number of at least 2, not ${k}`);
  if (k > n) throw new PaydownError('PAYDOWN_USAGE', `${k} folds need at least ${k} rows; the data has ${n}`);
  const next = seededRandom(seed);
  const foldOf = new Int32Array(n);
  if (task === 'binary') {
    const byClass = [0, 1].map((label) => {
      let count = 0;
      for (let i = 0; i < n; i += 1) if (target[i] === label) count += 1;
      const rows = new Uint32Array(count);
      let at = 0;
      for (let i = 0; i < n; i += 1) if (target[i] === label) rows[at++] = i;
      return rows;
    });
    byClass.forEach((rows, label) => {
      if (rows.length < k) {
        throw new PaydownError('PAYDOWN_DATA_SCHEMA_INVALID', `the target has ${rows.length} row(s) of class ${label}; ${k} folds need at least ${k} so that every fold has both classes`);
      }
    });
    let turn = 0;
    for (const rows of byClass) {
      shuffleInPlace(rows, next);
      for (const row of rows) {
        foldOf[row] = turn;
        turn = (turn + 1) % k;
      }
    }
  } else {
    const order = new Uint32Array(n);
    for (let i = 0; i < n; i += 1) order[i] = i;
    order.sort((a, b) => target[a] - target[b] || a - b);
    const labels = new Uint32Array(k);
    for (let start = 0; start < n; start += k) {
      for (let f = 0; f < k; f += 1) labels[f] = f;
      shuffleInPlace(labels, next);
      const end = Math.min(start + k, n);
      for (let i = start; i < end; i += 1) foldOf[order[i]] = labels[i - start];
    }
  }
  return splitOf(foldOf, k);
}

/** The validation and training rows of every fold of a fold assignment. */
export function splitOf(foldOf: Int32Array, k: number, allocate: (length: number) => Uint32Array = (length) => new Uint32Array(length)): FoldSplit {
  const sizes = new Array<number>(k).fill(0);
  for (const fold of foldOf) sizes[fold] += 1;
  const n = foldOf.length;
  const validation = sizes.map((size) => allocate(size));
  const training = sizes.map((size) => allocate(n - size));
  const vAt = new Array<number>(k).fill(0);
  const tAt = new Array<number>(k).fill(0);
  for (let row = 0; row < n; row += 1) {
    const fold = foldOf[row];
    for (let f = 0; f < k; f += 1) {
      if (f === fold) validation[f][vAt[f]++] = row;
      else training[f][tAt[f]++] = row;
    }
  }
  return { k, foldOf, validation, training };
}
