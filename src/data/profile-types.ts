/**
 * The JSON shapes of data profiles: what `paydown profile` computes and saves, and what
 * `paydown drift` reads as a reference without re-reading the reference data.
 */

/** How a column is treated by the data tests. */
export type ColumnKind = 'numeric' | 'categorical' | 'boolean' | 'temporal' | 'text';

/** A count and the share it is of the rows. */
export interface CountShare {
  readonly count: number;
  readonly share: number;
}

/**
 * A histogram over fixed edges. Reference profiles keep fine histograms (many bins) so that
 * drift statistics computed from them carry a known error bound (at most one bin width).
 */
export interface Histogram {
  /** Bin edges, ascending; `counts[i]` counts values in [edges[i], edges[i+1]) (last bin closed). */
  readonly edges: readonly number[];
  readonly counts: readonly number[];
}

export interface NumericStats {
  readonly min: number;
  readonly max: number;
  readonly mean: number;
  /** Sample standard deviation (n − 1 in the denominator). */
  readonly stddev: number;
  /** Quantiles at the probabilities given, e.g. 0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99. */
  readonly quantiles: ReadonlyArray<{ readonly p: number; readonly value: number }>;
  /** Whether the quantiles are exact (small data) or read off the fine histogram. */
  readonly quantilesExact: boolean;
  /**
   * When read off the fine histogram: every quantile is within this distance of the exact one
   * (numpy's linear definition); one fine bin width in the usual case. 0 when exact.
   */
  readonly quantileErrorBound?: number;
  /** A display histogram (about 20 bins). */
  readonly histogram: Histogram;
  /**
   * A fine histogram (1,000 equal-width bins over [min, max] by default) kept for drift against this
   * profile. When the profile was made against a reference (`paydown drift REF.json CUR`), the
   * bins are the reference's, plus a bin [min, reference min) and a bin (reference max, max] for
   * values outside the reference's range.
   */
  readonly fineHistogram: Histogram;
  readonly nan: number;
  readonly infinite: number;
}

export interface CategoricalStats {
  /** Every category with its count, most frequent first, up to `limit`; the rest are summed in `otherCount`. */
  readonly top: ReadonlyArray<{ readonly value: string; readonly count: number }>;
  readonly otherCount: number;
  /** True when `top` holds every category (so frequency tests on it are exact). */
  readonly complete: boolean;
  readonly length?: { readonly min: number; readonly max: number; readonly mean: number };
}

export interface ColumnProfile {
  readonly name: string;
  /** The DuckDB type of the column, e.g. DOUBLE, BIGINT, VARCHAR, DATE. */
  readonly sqlType: string;
  readonly kind: ColumnKind;
  readonly count: number;
  readonly nulls: CountShare;
  readonly distinct: { readonly value: number; readonly exact: boolean };
  readonly numeric?: NumericStats;
  readonly categorical?: CategoricalStats;
}

/** A profile of one dataset (or of one group of it when grouped by time or slice). */
export interface DatasetProfile {
  readonly format: 'paydown.profile/v1';
  /** What was read: the files or glob, as given. */
  readonly source: string;
  readonly createdAt: string;
  readonly rows: number;
  readonly columns: readonly ColumnProfile[];
  /** Profiles per group when `--by` (time period) or `--slice` was given. */
  readonly groups?: ReadonlyArray<{ readonly key: Readonly<Record<string, string>>; readonly rows: number; readonly columns: readonly ColumnProfile[] }>;
}
