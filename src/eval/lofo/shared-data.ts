import type { FeatureColumn, TrainingData } from '../../learn/learner.js';
import type { FoldSplit } from './folds.js';
import { splitOf } from './folds.js';

/**
 * Training data and folds laid out in SharedArrayBuffers, so that every worker thread reads the
 * same memory: the columns are copied into shared memory once, and workers receive only the
 * buffers (structured clone shares a SharedArrayBuffer instead of copying it).
 */
export interface SharedLofoData {
  readonly columns: readonly SharedColumn[];
  readonly target: SharedArrayBuffer;
  readonly rowCount: number;
  readonly k: number;
  readonly foldOf: SharedArrayBuffer;
  readonly validation: readonly SharedArrayBuffer[];
  readonly training: readonly SharedArrayBuffer[];
}

type SharedColumn =
  | { readonly name: string; readonly kind: 'numeric'; readonly values: SharedArrayBuffer }
  | { readonly name: string; readonly kind: 'categorical'; readonly codes: SharedArrayBuffer; readonly categories: readonly string[] };

function sharedCopy<T extends Float64Array | Int32Array | Uint32Array>(source: T, make: (buffer: SharedArrayBuffer) => T): SharedArrayBuffer {
  const buffer = new SharedArrayBuffer(source.byteLength);
  make(buffer).set(source);
  return buffer;
}

/** True when a typed array already lives in shared memory (nothing to copy). */
function isShared(array: Float64Array | Int32Array | Uint32Array): boolean {
  return array.buffer instanceof SharedArrayBuffer && array.byteOffset === 0 && array.byteLength === array.buffer.byteLength;
}

function share<T extends Float64Array | Int32Array | Uint32Array>(source: T, make: (buffer: SharedArrayBuffer) => T): SharedArrayBuffer {
  return isShared(source) ? (source.buffer as SharedArrayBuffer) : sharedCopy(source, make);
}

/**
 * Moves data and folds into shared memory (a column already in shared memory is not copied).
 *
 * @example
 * const shared = toShared(data, stratifiedFolds(data.target, 'binary', 5, 42));
 */
export function toShared(data: TrainingData, split: FoldSplit): SharedLofoData {
  const f64 = (b: SharedArrayBuffer): Float64Array => new Float64Array(b);
  const i32 = (b: SharedArrayBuffer): Int32Array => new Int32Array(b);
  const u32 = (b: SharedArrayBuffer): Uint32Array => new Uint32Array(b);
  return {
    columns: data.columns.map((column): SharedColumn =>
      column.kind === 'numeric'
        ? { name: column.name, kind: 'numeric', values: share(column.values, f64) }
        : { name: column.name, kind: 'categorical', codes: share(column.codes, i32), categories: column.categories },
    ),
    target: share(data.target, f64),
    rowCount: data.rowCount,
    k: split.k,
    foldOf: share(split.foldOf, i32),
    validation: split.validation.map((rows) => share(rows, u32)),
    training: split.training.map((rows) => share(rows, u32)),
  };
}

/** Views of shared data as ordinary TrainingData and folds (no copy). */
export function fromShared(shared: SharedLofoData): { data: TrainingData; split: FoldSplit } {
  const columns = shared.columns.map((column): FeatureColumn =>
    column.kind === 'numeric'
      ? { name: column.name, kind: 'numeric', values: new Float64Array(column.values) }
      : { name: column.name, kind: 'categorical', codes: new Int32Array(column.codes), categories: column.categories },
  );
  return {
    data: { columns, target: new Float64Array(shared.target), rowCount: shared.rowCount },
    split: {
      k: shared.k,
      foldOf: new Int32Array(shared.foldOf),
      validation: shared.validation.map((b) => new Uint32Array(b)),
      training: shared.training.map((b) => new Uint32Array(b)),
    },
  };
}

/** Fold rows allocated directly in shared memory, for splitting without a later copy. */
export function sharedSplit(foldOf: Int32Array, k: number): FoldSplit {
  return splitOf(foldOf, k, (length) => new Uint32Array(new SharedArrayBuffer(length * 4)));
}
