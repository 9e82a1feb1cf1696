import { HyperLogLog } from './hyperloglog.js';

/** Everything a `NumericAccumulator` holds, as numbers and typed arrays (what a worker thread posts back). */
export interface NumericAccumulatorState {
  readonly edges: Float64Array;
  readonly counts: Float64Array;
  /** The distinct-count sketch's registers, when the accumulator has a sketch. */
  readonly sketch: Uint8Array | undefined;
  readonly rows: number;
  readonly finite: number;
  readonly nulls: number;
  readonly nan: number;
  readonly infinite: number;
  readonly min: number;
  readonly max: number;
  readonly mean: number;
  readonly squares: number;
}

/**
 * Everything the profile keeps about one numeric column, accumulated chunk by chunk in one pass:
 * non-null and null counts, NaN and ±∞ counts, min/max, mean and the sum of squared deviations
 * (per chunk: the deviations from the chunk's first value and their squares, summed in the same
 * pass as the sum and corrected to the chunk's mean, or recomputed about the mean in the rare
 * chunk where that correction would cancel more than 10 of the 53 bits; the chunk means then
 * merged with Chan et al.'s pairwise update, so the variance does not cancel), a fixed-edge
 * histogram with an underflow and an overflow bin, and a distinct-count sketch.
 *
 * The histogram has K equal-width bins over [lo, hi] with edges e_k = lo + (hi − lo)·k/K; a
 * value x goes to the bin k with e_k ≤ x < e_{k+1} (the last bin also holds hi), checked against
 * those very edges so the counts agree with the stored edges to the last bit. Values below lo
 * go to the underflow bin, above hi to the overflow bin (both empty when [lo, hi] is the data's
 * own range).
 *
 * @example
 * const column = new NumericAccumulator(0, 10, 1000);
 * column.addChunk(Float64Array.from([1, 2, Number.NaN]), null, Int32Array.from([0, 1, 2]), 3);
 * column.mean; // 1.5
 */
export class NumericAccumulator {
  readonly lo: number;
  readonly hi: number;
  readonly bins: number;
  readonly edges: Float64Array;
  /** counts[0] underflow, counts[1..K] the bins, counts[K + 1] overflow. */
  readonly counts: Float64Array;
  readonly sketch: HyperLogLog | undefined;
  rows = 0;
  finite = 0;
  nulls = 0;
  nan = 0;
  infinite = 0;
  min = Number.POSITIVE_INFINITY;
  max = Number.NEGATIVE_INFINITY;
  mean = 0;
  /** Σ (x − mean)² over the finite values. */
  squares = 0;
  readonly #scale: number;

  /**
   * `edges`, when given, replaces the K equal bins over [lo, hi]: ascending, of nearly equal
   * widths (the bin is found by scaling and then settled against the edges themselves).
   */
  constructor(lo: number, hi: number, bins: number, withSketch = true, edges?: Float64Array) {
    if (!(hi >= lo) || !Number.isFinite(lo) || !Number.isFinite(hi)) throw new RangeError(`histogram range [${lo}, ${hi}] is not finite and ascending`);
    if (edges !== undefined && edges.length >= 2) {
      this.edges = edges;
      this.lo = edges[0];
      this.hi = edges[edges.length - 1];
      this.bins = edges.length - 1;
    } else {
      const k = hi > lo ? bins : 1;
      this.lo = lo;
      this.hi = hi;
      this.bins = k;
      this.edges = new Float64Array(k + 1);
      for (let i = 0; i <= k; i += 1) this.edges[i] = i === k ? hi : lo + ((hi - lo) * i) / k;
    }
    this.counts = new Float64Array(this.bins + 2);
    this.#scale = this.hi > this.lo ? this.bins / (this.hi - this.lo) : 0;
    this.sketch = withSketch ? new HyperLogLog() : undefined;
  }

  /**
   * Adds the rows `selection[0 … rows − 1]` of one chunk of values. `validity` has bit i set when
   * row i is not null (null when no row is null). Whole chunks without nulls, NaN or ±∞ take a
   * fast path of tight loops (the common case); anything else goes value by value.
   */
  addChunk(items: Float64Array, validity: Uint32Array | null, selection: Int32Array, rows: number): void {
    if (validity === null && selection[rows - 1] === rows - 1 && this.#addDense(items, rows)) return;
    this.#addChecked(items, validity, selection, rows);
  }

  /** Every row of the chunk, when all are finite (checked by the sum being finite); false otherwise. */
  #addDense(items: Float64Array, rows: number): boolean {
    const shift = items[0];
    let sum = 0;
    let offsets = 0;
    let shifted = 0;
    let min = this.min;
    let max = this.max;
    for (let i = 0; i < rows; i += 1) {
      const x = items[i];
      sum += x;
      const d = x - shift;
      offsets += d;
      shifted += d * d;
      if (x < min) min = x;
      if (x > max) max = x;
    }
    if (sum - sum !== 0 || shifted - shifted !== 0) return false;
    const { lo, hi, bins, edges, counts } = this;
    const scale = this.#scale;
    if (min >= lo && max <= hi) {
      // two values per turn: the two binnings are independent, which the processor overlaps
      let i = 0;
      for (; i + 1 < rows; i += 2) {
        const x = items[i];
        const y = items[i + 1];
        const t = (x - lo) * scale;
        const u = (y - lo) * scale;
        let k = t | 0;
        let m = u | 0;
        const fraction = t - k;
        const other = u - m;
        if (fraction < 1e-6 || fraction > 0.999999 || k >= bins) k = this.#binNearEdge(x, k);
        if (other < 1e-6 || other > 0.999999 || m >= bins) m = this.#binNearEdge(y, m);
        counts[k + 1] += 1;
        counts[m + 1] += 1;
      }
      if (i < rows) {
        const x = items[i];
        const t = (x - lo) * scale;
        let k = t | 0;
        const fraction = t - k;
        if (fraction < 1e-6 || fraction > 0.999999 || k >= bins) k = this.#binNearEdge(x, k);
        counts[k + 1] += 1;
      }
    } else {
      for (let i = 0; i < rows; i += 1) counts[this.#binOf(items[i], lo, hi, bins, edges, scale) + 1] += 1;
    }
    const sketch = this.sketch;
    if (sketch !== undefined) sketch.addAll(items, rows);
    // Σ (x − mean)² = Σ (x − shift)² − (Σ (x − shift))² / n, unless that cancels more than 10 bits
    let squares = shifted - (offsets * offsets) / rows;
    if (!(squares >= shifted / 1024)) squares = squaresAround(sum / rows, items, null, null, rows);
    this.#merge(rows, sum, squares, min, max);
    this.rows += rows;
    return true;
  }

  #addChecked(items: Float64Array, validity: Uint32Array | null, selection: Int32Array, rows: number): void {
    const { counts, lo, hi, bins, edges, sketch } = this;
    const scale = this.#scale;
    let count = 0;
    let sum = 0;
    let min = this.min;
    let max = this.max;
    let valid = 0;
    for (let s = 0; s < rows; s += 1) {
      const i = selection[s];
      if (validity !== null && (validity[i >>> 5] & (1 << (i & 31))) === 0) continue;
      valid += 1;
      const x = items[i];
      if (x - x !== 0) {
        if (x === x) this.infinite += 1;
        else this.nan += 1;
        continue;
      }
      count += 1;
      sum += x;
      if (x < min) min = x;
      if (x > max) max = x;
      if (sketch !== undefined) sketch.add(x);
      counts[this.#binOf(x, lo, hi, bins, edges, scale) + 1] += 1;
    }
    this.rows += rows;
    this.nulls += rows - valid;
    if (count > 0) this.#merge(count, sum, squaresAround(sum / count, items, validity, selection, rows), min, max);
  }

  /** The bin of x: −1 below lo, `bins` above hi, else k with e_k ≤ x < e_{k+1} (hi in the last bin). */
  #binOf(x: number, lo: number, hi: number, bins: number, edges: Float64Array, scale: number): number {
    if (x < lo) return -1;
    if (x > hi) return bins;
    let k = Math.floor((x - lo) * scale);
    if (k >= bins) k = bins - 1;
    if (x < edges[k]) k -= 1;
    else if (k + 1 < bins && x >= edges[k + 1]) k += 1;
    return k;
  }

  /** Settles a bin computed near an edge (or at hi) against the edges themselves. */
  #binNearEdge(x: number, k: number): number {
    const { bins, edges } = this;
    let bin = k >= bins ? bins - 1 : k;
    if (x < edges[bin]) bin -= 1;
    else if (bin + 1 < bins && x >= edges[bin + 1]) bin += 1;
    return bin;
  }

  /** Merges one chunk's finite values (their count, sum and Σ (x − chunk mean)²) into the running mean and sum of squared deviations. */
  #merge(count: number, sum: number, squares: number, min: number, max: number): void {
    const chunkMean = sum / count;
    const total = this.finite + count;
    const delta = chunkMean - this.mean;
    this.mean += (delta * count) / total;
    this.squares += squares + (delta * delta * this.finite * count) / total;
    this.finite = total;
    this.min = min;
    this.max = max;
  }

  /**
   * The accumulator as plain data (a structured clone of it crosses threads); `fromState` turns it
   * back into an accumulator equal to this one.
   *
   * @example
   * const copy = NumericAccumulator.fromState(column.state());
   */
  state(): NumericAccumulatorState {
    const { edges, counts, rows, finite, nulls, nan, infinite, min, max, mean, squares } = this;
    return { edges, counts, sketch: this.sketch?.registers(), rows, finite, nulls, nan, infinite, min, max, mean, squares };
  }

  /** The accumulator whose `state()` this is. */
  static fromState(state: NumericAccumulatorState): NumericAccumulator {
    const { edges } = state;
    const column = new NumericAccumulator(edges[0], edges[edges.length - 1], edges.length - 1, state.sketch !== undefined, edges);
    column.counts.set(state.counts);
    if (state.sketch !== undefined) column.sketch?.merge(HyperLogLog.fromRegisters(state.sketch));
    column.rows = state.rows;
    column.finite = state.finite;
    column.nulls = state.nulls;
    column.nan = state.nan;
    column.infinite = state.infinite;
    column.min = state.min;
    column.max = state.max;
    column.mean = state.mean;
    column.squares = state.squares;
    return column;
  }

  /** The sample standard deviation (n − 1), NaN below two values. */
  get stddev(): number {
    return this.finite > 1 ? Math.sqrt(this.squares / (this.finite - 1)) : Number.NaN;
  }
}

/** Σ (x − mean)² over the selected (every row when `selection` is null), valid, finite rows of a chunk. */
function squaresAround(mean: number, items: Float64Array, validity: Uint32Array | null, selection: Int32Array | null, rows: number): number {
  let squares = 0;
  for (let s = 0; s < rows; s += 1) {
    const i = selection === null ? s : selection[s];
    if (validity !== null && (validity[i >>> 5] & (1 << (i & 31))) === 0) continue;
    const d = items[i] - mean;
    if (d - d === 0) squares += d * d;
  }
  return squares;
}
