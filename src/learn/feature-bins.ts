import type { FeatureColumn } from './learner.js';

/** The bin that holds missing values in every binned column. */
export const MISSING_BIN = 255;

/** A column cut into at most 255 bins (plus the missing bin), once per dataset. */
export interface BinnedColumn {
  /** The bin of every row of the dataset (MISSING_BIN for missing values). */
  readonly bins: Uint8Array;
  /** Number of non-missing bins (bins 0 … count-1). */
  readonly count: number;
  /** Numeric columns: bin b holds values ≤ upperEdges[b] (and above the previous edge); length count - 1. */
  readonly upperEdges: Float64Array;
  /** Categorical columns: the bin of each category code (MISSING_BIN when a rare category was folded into missing). */
  readonly binOfCode?: Uint8Array;
  /** Numeric columns: true when some value is +Infinity (raw thresholds send it right of the last bin, the bins put it in the last bin). */
  readonly hasPositiveInfinity?: boolean;
}

const cache = new WeakMap<FeatureColumn, Map<number, BinnedColumn>>();

/**
 * The bins of a column, computed on all rows of the dataset the first time they are asked for
 * and then reused by every fit (every fold and every feature set of a LOFO run). Numeric columns
 * with at most `maxBins` distinct values get one bin per value (edges halfway between
 * neighbours); others are cut at the quantiles k/maxBins (midpoint rule), duplicates merged,
 * of at most 200,000 evenly spaced values.
 * Categorical columns get one bin per category; beyond `maxBins` categories the rarest ones are
 * folded into the missing bin.
 *
 * @example
 * const binned = binsOf(data.columns[0], 255);
 * binned.bins[0]; // the bin of row 0
 */
export function binsOf(column: FeatureColumn, maxBins: number): BinnedColumn {
  const known = cachedBinsOf(column, maxBins);
  if (known !== undefined) return known;
  let byMaxBins = cache.get(column);
  if (byMaxBins === undefined) {
    byMaxBins = new Map();
    cache.set(column, byMaxBins);
  }
  const binned = column.kind === 'numeric' ? binNumeric(column.values, maxBins) : binCategorical(column.codes, column.categories.length, maxBins);
  byMaxBins.set(maxBins, binned);
  return binned;
}

/**
 * The bins `binsOf` already computed for this column object, or undefined (nothing is computed).
 *
 * @example
 * if (cachedBinsOf(data.columns[0], 255) === model.binned[0]) { … } // the model was fitted on this very column
 */
export function cachedBinsOf(column: FeatureColumn, maxBins: number): BinnedColumn | undefined {
  return cache.get(column)?.get(maxBins);
}

/** Edges are computed from at most this many values (an evenly spaced subsample beyond it). */
const EDGE_SAMPLE = 200_000;

function binNumeric(values: Float64Array, maxBins: number): BinnedColumn {
  let present = 0;
  for (let i = 0; i < values.length; i++) if (values[i] === values[i]) present++;
  const step = Math.max(1, present / EDGE_SAMPLE);
  const sorted = new Float64Array(Math.min(present, EDGE_SAMPLE));
  let seen = 0;
  let taken = 0;
  for (let i = 0; i < values.length && taken < sorted.length; i++) {
    if (values[i] !== values[i]) continue;
    if (seen >= taken * step) sorted[taken++] = values[i];
    seen++;
  }
  sorted.sort();
  const distinct: number[] = [];
  for (let i = 0; i < sorted.length && distinct.length <= maxBins; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct.push(sorted[i]);
  const edges: number[] = [];
  if (distinct.length <= maxBins) {
    for (let i = 1; i < distinct.length; i++) edges.push(distinct[i - 1] + (distinct[i] - distinct[i - 1]) / 2);
  } else {
    for (let q = 1; q < maxBins; q++) {
      const position = (q / maxBins) * (sorted.length - 1);
      const edge = (sorted[Math.floor(position)] + sorted[Math.ceil(position)]) / 2;
      if (edges.length === 0 || edge > edges[edges.length - 1]) edges.push(edge);
    }
  }
  const upperEdges = Float64Array.from(edges);
  const bins = new Uint8Array(values.length);
  let topStep = 1;
  while (topStep * 2 <= upperEdges.length) topStep *= 2;
  let hasPositiveInfinity = false;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    bins[i] = value === value ? binOfValue(upperEdges, value, topStep) : MISSING_BIN;
    if (value === Number.POSITIVE_INFINITY) hasPositiveInfinity = true;
  }
  return { bins, count: upperEdges.length + 1, upperEdges, hasPositiveInfinity };
}

/** The number of edges below `value`, i.e. its bin: a binary search with a fixed number of steps. */
function binOfValue(upperEdges: Float64Array, value: number, topStep: number): number {
  let position = 0;
  for (let step = topStep; step > 0; step >>>= 1) {
    const next = position + step;
    position = next <= upperEdges.length && upperEdges[next - 1] < value ? next : position;
  }
  return position;
}

function binCategorical(codes: Int32Array, categoryCount: number, maxBins: number): BinnedColumn {
  const binOfCode = new Uint8Array(categoryCount).fill(MISSING_BIN);
  if (categoryCount <= maxBins) {
    for (let code = 0; code < categoryCount; code++) binOfCode[code] = code;
  } else {
    const frequency = new Float64Array(categoryCount);
    for (const code of codes) if (code >= 0) frequency[code]++;
    const byFrequency = Array.from({ length: categoryCount }, (_, code) => code).sort((a, b) => frequency[b] - frequency[a] || a - b);
    const kept = byFrequency.slice(0, maxBins).sort((a, b) => a - b);
    kept.forEach((code, bin) => {
      binOfCode[code] = bin;
    });
  }
  const bins = new Uint8Array(codes.length);
  for (let i = 0; i < codes.length; i++) bins[i] = codes[i] < 0 ? MISSING_BIN : binOfCode[codes[i]];
  return { bins, count: Math.min(categoryCount, maxBins), upperEdges: new Float64Array(0), binOfCode };
}
