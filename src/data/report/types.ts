/**
 * What the HTML data report draws: the JSON results of `paydown profile`, `drift`, `validate`
 * and `skew`, each wrapped with its kind.
 */
import type { DatasetProfile } from '../profile-types.js';
import type { SkewResult } from '../skew.js';

/** One column's drift between a reference and a current dataset. */
export interface DriftColumnResult {
  readonly name: string;
  readonly kind: 'numeric' | 'categorical';
  /** The test or distance used, e.g. `ks`, `psi`, `chi-square`, `jensen-shannon`, `wasserstein`. */
  readonly method: string;
  readonly statistic: number;
  readonly threshold: number;
  /**
   * `above` (default): drift when statistic > threshold (distances); `below`: drift when
   * statistic < threshold (p-values).
   */
  readonly direction?: 'above' | 'below';
  readonly pValue?: number;
  readonly referenceSize: number;
  readonly currentSize: number;
  readonly drifted: boolean;
  /** Numeric columns: counts over the same edges for both datasets (`counts[i]` in [edges[i], edges[i+1])). */
  readonly histogram?: { readonly edges: readonly number[]; readonly reference: readonly number[]; readonly current: readonly number[] };
  /** Categorical columns: counts per category. */
  readonly categories?: ReadonlyArray<{ readonly value: string; readonly reference: number; readonly current: number }>;
}

/** Drift of one slice (`paydown drift --slice COL`): its verdict and each column's statistic. */
export interface DriftSliceResult {
  /** The slice, e.g. `country=DE`. */
  readonly key: string;
  readonly referenceRows: number;
  readonly currentRows: number;
  readonly drifted: boolean;
  readonly columns: ReadonlyArray<Pick<DriftColumnResult, 'name' | 'method' | 'statistic' | 'threshold' | 'direction' | 'drifted'>>;
}

export interface DriftReport {
  readonly reference: string;
  readonly current: string;
  readonly columns: readonly DriftColumnResult[];
  /** Per-slice drift, drawn as a slice × column table, worst slice first. */
  readonly slices?: readonly DriftSliceResult[];
}

/** One data test and its outcome. */
export interface ValidationCheckResult {
  readonly check: string;
  readonly column?: string;
  readonly passed: boolean;
  readonly message: string;
  /** Rows that fail the check, when it is row-wise. */
  readonly failingRows?: number;
  readonly rows?: number;
  readonly severity?: 'error' | 'warn' | 'info';
}

export interface ValidationReport {
  readonly source: string;
  readonly checks: readonly ValidationCheckResult[];
}

/** One section of the report. */
export type ReportInput =
  | { readonly kind: 'profile'; readonly title?: string; readonly result: DatasetProfile }
  | { readonly kind: 'drift'; readonly title?: string; readonly result: DriftReport }
  | { readonly kind: 'validate'; readonly title?: string; readonly result: ValidationReport }
  | { readonly kind: 'skew'; readonly title?: string; readonly result: SkewResult };

export interface ReportOptions {
  readonly title?: string;
  /** Fixed generation time for reproducible output (default: now). */
  readonly generatedAt?: string;
}
