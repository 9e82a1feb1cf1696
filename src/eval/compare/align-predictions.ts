import { PaydownError } from '../../errors.js';
import type { Predictions } from '../predictions/read-predictions.js';

/** Two models' predictions on the same examples, row for row. */
export interface AlignedPredictions {
  readonly baseline: Float64Array;
  readonly candidate: Float64Array;
  readonly labels?: Float64Array;
  /** Slice column → value per aligned row (taken from the baseline file). */
  readonly slices: Readonly<Record<string, readonly string[]>>;
  readonly rows: number;
  /** How the rows were paired. */
  readonly joinedBy: { readonly key: string } | 'row order';
  /** Rows of each file without a partner (by key); they are left out of every figure. */
  readonly unmatched: { readonly baseline: number; readonly candidate: number };
}

/**
 * Pairs the rows of two prediction files: by the value of `key` (text; each key at most once
 * per file), or else by position (both files must have as many rows). The baseline carries the
 * label and slice columns; the key, when given, is read as a slice column of both.
 *
 * @example
 * const aligned = alignPredictions(baseline, candidate, { key: 'impression_id', slices: ['country'] });
 */
export function alignPredictions(baseline: Predictions, candidate: Predictions, options: { key?: string; slices: readonly string[] }): AlignedPredictions {
  const { key } = options;
  let pairs: { b: Uint32Array; c: Uint32Array };
  let unmatched = { baseline: 0, candidate: 0 };
  if (key === undefined) {
    if (baseline.rows !== candidate.rows) {
      throw new PaydownError(
        'PAYDOWN_USAGE',
        `${baseline.source} has ${baseline.rows} rows but ${candidate.source} has ${candidate.rows}; without --key the files are paired row by row and must have as many rows`,
      );
    }
    const index = Uint32Array.from({ length: baseline.rows }, (_, i) => i);
    pairs = { b: index, c: index };
  } else {
    const candidateRow = uniqueIndex(candidate.slices[key], candidate.source, key);
    uniqueIndex(baseline.slices[key], baseline.source, key);
    const b: number[] = [];
    const c: number[] = [];
    baseline.slices[key].forEach((value, i) => {
      const j = candidateRow.get(value);
      if (j === undefined) return;
      b.push(i);
      c.push(j);
    });
    if (b.length === 0) throw new PaydownError('PAYDOWN_USAGE', `no value of --key ${key} occurs in both ${baseline.source} and ${candidate.source}`);
    unmatched = { baseline: baseline.rows - b.length, candidate: candidate.rows - c.length };
    pairs = { b: Uint32Array.from(b), c: Uint32Array.from(c) };
  }
  const take = (values: Float64Array, rows: Uint32Array): Float64Array => Float64Array.from(rows, (i) => values[i]);
  const slices: Record<string, string[]> = {};
  for (const column of options.slices) slices[column] = Array.from(pairs.b, (i) => baseline.slices[column][i]);
  return {
    baseline: take(baseline.scores, pairs.b),
    candidate: take(candidate.scores, pairs.c),
    ...(baseline.labels === undefined ? {} : { labels: take(baseline.labels, pairs.b) }),
    slices,
    rows: pairs.b.length,
    joinedBy: key === undefined ? 'row order' : { key },
    unmatched,
  };
}

function uniqueIndex(values: readonly string[], source: string, key: string): Map<string, number> {
  const index = new Map<string, number>();
  values.forEach((value, i) => {
    const seen = index.get(value);
    if (seen !== undefined) throw new PaydownError('PAYDOWN_DATA_SCHEMA_INVALID', `${source}: --key ${key} is not unique: '${value}' is on rows ${seen + 1} and ${i + 1}`);
    index.set(value, i);
  });
  return index;
}
