/**
 * The default drift policy: which statistic `paydown drift` uses for each column and when it calls
 * a column drifted. See docs/statistics.md for the reasoning.
 *
 * - **numeric**, both sides with at most `smallSampleSize` (1,000) values: the two-sample KS test;
 *   drifted when p < `alpha` (0.05) **and** D ≥ `ksMinStatistic` (0.1).
 * - **numeric**, larger: the Wasserstein-1 distance divided by the reference standard deviation
 *   (IQR when that is 0); drifted when ≥ `wassersteinThreshold` (0.1).
 * - **categorical** (also boolean and high-cardinality text), both sides ≤ `smallSampleSize`:
 *   chi-square test of homogeneity; drifted when p < `alpha` **and** Cramér's V ≥
 *   `chiSquareMinCramersV` (0.1).
 * - **categorical**, larger: the Jensen–Shannon distance (base 2); drifted when ≥
 *   `jensenShannonThreshold` (0.1).
 *
 * Every test sits next to an effect-size floor, so that large samples, where any shift is
 * "significant", do not raise alarms for negligible shifts. A dataset (or slice) drifts when the
 * share of drifted columns among the compared ones is ≥ `driftShare` (0.5) and at least one
 * column drifted.
 */
export type DriftMethod = 'ks' | 'wasserstein' | 'psi' | 'chi-square' | 'jensen-shannon' | 'l-infinity';

export const numericMethods: readonly DriftMethod[] = ['ks', 'wasserstein', 'psi'];
export const categoricalMethods: readonly DriftMethod[] = ['chi-square', 'jensen-shannon', 'psi', 'l-infinity'];
export const driftMethods: readonly DriftMethod[] = ['ks', 'wasserstein', 'psi', 'chi-square', 'jensen-shannon', 'l-infinity'];

export interface DriftPolicy {
  /** Tests (KS, chi-square) are used when both sides have at most this many non-null values. */
  readonly smallSampleSize: number;
  /** At most this many raw values per column per side are read for exact small-sample tests. */
  readonly sampleLimit: number;
  /** Significance level of the tests. */
  readonly alpha: number;
  /** Effect-size floor of the KS test: the statistic D must reach it too. */
  readonly ksMinStatistic: number;
  /** Effect-size floor of the chi-square test: Cramér's V must reach it too. */
  readonly chiSquareMinCramersV: number;
  /** Threshold of the normalised Wasserstein-1 distance (W₁ / reference std). */
  readonly wassersteinThreshold: number;
  /** Threshold of the Jensen–Shannon distance (base 2). */
  readonly jensenShannonThreshold: number;
  /** Threshold of the PSI (0.2: between "moderate" 0.1 and "large" 0.25). */
  readonly psiThreshold: number;
  /** Threshold of the L∞ distance between category shares. */
  readonly lInfinityThreshold: number;
  /** Bins of the reference used by PSI on numeric columns (equal width over the reference range). */
  readonly psiBins: number;
  /** Share of drifted columns at which the dataset (or a slice) is drifted. */
  readonly driftShare: number;
  /** Per-column method overrides. */
  readonly columnMethods: Readonly<Record<string, DriftMethod>>;
}

export const defaultDriftPolicy: DriftPolicy = {
  smallSampleSize: 1000,
  sampleLimit: 5000,
  alpha: 0.05,
  ksMinStatistic: 0.1,
  chiSquareMinCramersV: 0.1,
  wassersteinThreshold: 0.1,
  jensenShannonThreshold: 0.1,
  psiThreshold: 0.2,
  lInfinityThreshold: 0.1,
  psiBins: 10,
  driftShare: 0.5,
  columnMethods: {},
};

/** The kind of statistic a column gets: numeric (histograms) or categorical (category counts). */
export type DriftKind = 'numeric' | 'categorical';

/** The method for a column: its override when it fits the kind, else the default by sample size. */
export function chooseMethod(column: string, kind: DriftKind, referenceCount: number, currentCount: number, policy: DriftPolicy): DriftMethod {
  const override = policy.columnMethods[column];
  if (override !== undefined) {
    if ((kind === 'numeric' ? numericMethods : categoricalMethods).includes(override)) return override;
    throw new RangeError(`method ${override} does not apply to ${kind} column ${column} (use one of ${(kind === 'numeric' ? numericMethods : categoricalMethods).join(', ')})`);
  }
  const small = Math.max(referenceCount, currentCount) <= policy.smallSampleSize;
  if (kind === 'numeric') return small ? 'ks' : 'wasserstein';
  return small ? 'chi-square' : 'jensen-shannon';
}

/** Parses `COL=METHOD` overrides. */
export function parseColumnMethods(specs: readonly string[]): Record<string, DriftMethod> {
  const out: Record<string, DriftMethod> = {};
  for (const spec of specs) {
    const at = spec.lastIndexOf('=');
    const column = spec.slice(0, at);
    const method = spec.slice(at + 1) as DriftMethod;
    if (at <= 0 || !driftMethods.includes(method)) throw new RangeError(`--column-method wants COLUMN=METHOD with METHOD one of ${driftMethods.join(', ')}, not "${spec}"`);
    out[column] = method;
  }
  return out;
}
