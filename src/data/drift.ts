import { chooseMethod, defaultDriftPolicy, type DriftKind, type DriftMethod, type DriftPolicy } from './drift-policy.js';
import type { CategoricalStats, ColumnKind, ColumnProfile, DatasetProfile, Histogram } from './profile-types.js';
import { chiSquareHomogeneity } from './stats/chi-square.js';
import { jensenShannonDistance } from './stats/jensen-shannon.js';
import { ks2Sample, ksPValue } from './stats/ks.js';
import { ksFromHistograms } from './stats/ks-histogram.js';
import { lInfinityDistance } from './stats/l-infinity.js';
import { populationStabilityIndex } from './stats/psi.js';
import { rebin } from './stats/histogram-cdf.js';
import { normalisedWasserstein, wasserstein1, wasserstein1FromHistograms, wassersteinScale } from './stats/wasserstein.js';

/**
 * Drift between a reference and a current dataset, column by column, from their profiles (so a
 * saved reference profile is enough) and, when a side is small, from its raw values.
 *
 * @example
 * const report = driftReport(await profileData('june.csv'), await profileData('july.csv'));
 * if (report.drifted) process.exitCode = 1;
 */

/** One side of the comparison: a profile and, optionally, every non-null finite value of some numeric columns. */
export interface DriftSide {
  readonly profile: DatasetProfile;
  /** Raw values per column; used only when they are all the column's values (then tests are exact). */
  readonly samples?: Readonly<Record<string, readonly number[]>>;
  /** Raw values per slice value, then per column (for `slice`). */
  readonly sliceSamples?: Readonly<Record<string, Readonly<Record<string, readonly number[]>>>>;
}

export interface DriftOptions {
  /** Overrides of the default policy (thresholds, sizes, per-column methods). */
  readonly policy?: Partial<DriftPolicy>;
  /** Compare the groups of both profiles keyed by this column, slice by slice. */
  readonly slice?: string;
}

export interface ColumnDrift {
  readonly column: string;
  readonly kind: ColumnKind;
  /** compared; or skipped with a reason (no statistics on a side, column missing on a side). */
  readonly status: 'compared' | 'skipped';
  readonly reason?: string;
  readonly method: DriftMethod | null;
  /** KS D, chi-square X², normalised W₁, JS distance, PSI or L∞. */
  readonly statistic: number | null;
  readonly pValue: number | null;
  /** The effect size compared with its floor, for tests (KS: D; chi-square: Cramér's V). */
  readonly effectSize: number | null;
  readonly threshold: { readonly pValue?: number; readonly statistic?: number; readonly effectSize?: number };
  /** |statistic − the statistic of the raw data| ≤ errorBound; 0 when exact, null when not bounded. */
  readonly errorBound: number | null;
  /** Whether statistic and p-value come from raw values or complete counts. */
  readonly exact: boolean;
  readonly referenceCount: number;
  readonly currentCount: number;
  readonly drifted: boolean;
  /** Method-specific numbers: dof, raw W₁ and its scale, p-value bounds, merged categories. */
  readonly details?: Readonly<Record<string, number | string | boolean | null>>;
}

export interface DriftSummary {
  readonly compared: number;
  readonly drifted: number;
  readonly share: number;
  readonly threshold: number;
  readonly datasetDrifted: boolean;
}

export interface SliceDrift {
  readonly key: Readonly<Record<string, string>>;
  readonly referenceRows: number;
  readonly currentRows: number;
  readonly columns: readonly ColumnDrift[];
  readonly summary: DriftSummary;
}

export interface DriftReport {
  readonly format: 'paydown.drift/v1';
  readonly reference: { readonly source: string; readonly rows: number };
  readonly current: { readonly source: string; readonly rows: number };
  readonly policy: DriftPolicy;
  readonly columns: readonly ColumnDrift[];
  readonly summary: DriftSummary;
  readonly slice?: string;
  readonly slices?: readonly SliceDrift[];
  /** Slice values present on one side only. */
  readonly unmatchedSlices?: { readonly reference: readonly string[]; readonly current: readonly string[] };
  /** The whole dataset or any slice drifted. */
  readonly drifted: boolean;
}

function asSide(side: DriftSide | DatasetProfile): DriftSide {
  return 'profile' in side ? side : { profile: side };
}

/** Compares two datasets column by column; see drift-policy.ts for the default methods and thresholds. */
export function driftReport(reference: DriftSide | DatasetProfile, current: DriftSide | DatasetProfile, options: DriftOptions = {}): DriftReport {
  const ref = asSide(reference);
  const cur = asSide(current);
  const policy: DriftPolicy = { ...defaultDriftPolicy, ...options.policy, columnMethods: { ...defaultDriftPolicy.columnMethods, ...options.policy?.columnMethods } };
  const columns = compareColumns(ref.profile.columns, cur.profile.columns, ref.samples ?? {}, cur.samples ?? {}, policy);
  const summary = summarise(columns, policy);
  const base = {
    format: 'paydown.drift/v1' as const,
    reference: { source: ref.profile.source, rows: ref.profile.rows },
    current: { source: cur.profile.source, rows: cur.profile.rows },
    policy,
    columns,
    summary,
  };
  if (options.slice === undefined) return { ...base, drifted: summary.datasetDrifted };
  const slice = options.slice;
  const refGroups = groupsBy(ref.profile, slice, 'reference');
  const curGroups = groupsBy(cur.profile, slice, 'current');
  const slices: SliceDrift[] = [];
  for (const [value, refGroup] of refGroups) {
    const curGroup = curGroups.get(value);
    if (curGroup === undefined) continue;
    const sliceColumns = compareColumns(
      refGroup.columns.filter((c) => c.name !== slice),
      curGroup.columns.filter((c) => c.name !== slice),
      ref.sliceSamples?.[value] ?? {},
      cur.sliceSamples?.[value] ?? {},
      policy,
    );
    slices.push({ key: refGroup.key, referenceRows: refGroup.rows, currentRows: curGroup.rows, columns: sliceColumns, summary: summarise(sliceColumns, policy) });
  }
  const unmatchedSlices = {
    reference: [...refGroups.keys()].filter((k) => !curGroups.has(k)),
    current: [...curGroups.keys()].filter((k) => !refGroups.has(k)),
  };
  return { ...base, slice, slices, unmatchedSlices, drifted: summary.datasetDrifted || slices.some((s) => s.summary.datasetDrifted) };
}

type Group = NonNullable<DatasetProfile['groups']>[number];

function groupsBy(profile: DatasetProfile, slice: string, side: string): Map<string, Group> {
  const groups = (profile.groups ?? []).filter((g) => Object.keys(g.key).length === 1 && g.key[slice] !== undefined);
  if (groups.length === 0) throw new RangeError(`the ${side} profile has no groups by slice column '${slice}' (profile it with --slice ${slice})`);
  return new Map(groups.map((g) => [g.key[slice], g]));
}

function summarise(columns: readonly ColumnDrift[], policy: DriftPolicy): DriftSummary {
  const compared = columns.filter((c) => c.status === 'compared').length;
  const drifted = columns.filter((c) => c.drifted).length;
  const share = compared === 0 ? 0 : drifted / compared;
  return { compared, drifted, share, threshold: policy.driftShare, datasetDrifted: drifted > 0 && share >= policy.driftShare };
}

function compareColumns(
  refColumns: readonly ColumnProfile[],
  curColumns: readonly ColumnProfile[],
  refSamples: Readonly<Record<string, readonly number[]>>,
  curSamples: Readonly<Record<string, readonly number[]>>,
  policy: DriftPolicy,
): ColumnDrift[] {
  const current = new Map(curColumns.map((c) => [c.name, c]));
  const out: ColumnDrift[] = [];
  for (const refColumn of refColumns) {
    const curColumn = current.get(refColumn.name);
    if (curColumn === undefined) {
      out.push(skipped(refColumn, 'missing from the current data', refColumn.count - refColumn.nulls.count, 0));
      continue;
    }
    out.push(compareColumn(refColumn, curColumn, refSamples[refColumn.name], curSamples[refColumn.name], policy));
  }
  const known = new Set(refColumns.map((c) => c.name));
  for (const curColumn of curColumns) {
    if (!known.has(curColumn.name)) out.push(skipped(curColumn, 'not in the reference', 0, curColumn.count - curColumn.nulls.count));
  }
  return out;
}

function skipped(column: ColumnProfile, reason: string, referenceCount: number, currentCount: number): ColumnDrift {
  return {
    column: column.name,
    kind: column.kind,
    status: 'skipped',
    reason,
    method: null,
    statistic: null,
    pValue: null,
    effectSize: null,
    threshold: {},
    errorBound: null,
    exact: false,
    referenceCount,
    currentCount,
    drifted: false,
  };
}

function histogramOf(column: ColumnProfile): Histogram | undefined {
  const h = column.numeric?.fineHistogram;
  if (h === undefined || h.counts.length === 0 || total(h) === 0) return undefined;
  return h;
}

function driftKind(ref: ColumnProfile, cur: ColumnProfile): DriftKind | undefined {
  if (histogramOf(ref) !== undefined && histogramOf(cur) !== undefined) return 'numeric';
  if (ref.categorical !== undefined && cur.categorical !== undefined) return 'categorical';
  return undefined;
}

function compareColumn(
  ref: ColumnProfile,
  cur: ColumnProfile,
  refValues: readonly number[] | undefined,
  curValues: readonly number[] | undefined,
  policy: DriftPolicy,
): ColumnDrift {
  const kind = driftKind(ref, cur);
  if (kind === undefined) {
    const reason = ref.kind !== cur.kind ? `kind changed from ${ref.kind} to ${cur.kind}` : `no ${ref.kind === 'numeric' ? 'finite values' : 'statistics'} to compare for a ${ref.kind} column`;
    return skipped(ref, reason, ref.count - ref.nulls.count, cur.count - cur.nulls.count);
  }
  return kind === 'numeric' ? compareNumeric(ref, cur, refValues, curValues, policy) : compareCategorical(ref, cur, policy);
}

function total(h: Histogram): number {
  return h.counts.reduce((s, c) => s + c, 0);
}

function compareNumeric(
  ref: ColumnProfile,
  cur: ColumnProfile,
  refValues: readonly number[] | undefined,
  curValues: readonly number[] | undefined,
  policy: DriftPolicy,
): ColumnDrift {
  const refHist = histogramOf(ref) as Histogram;
  const curHist = histogramOf(cur) as Histogram;
  const n1 = total(refHist);
  const n2 = total(curHist);
  const method = chooseMethod(ref.name, 'numeric', n1, n2, policy);
  // raw values count only when they are every finite value of the column
  const raw = refValues !== undefined && curValues !== undefined && refValues.length === n1 && curValues.length === n2 && n1 > 0 && n2 > 0;
  const common = { column: ref.name, kind: ref.kind, status: 'compared' as const, method, referenceCount: n1, currentCount: n2 };
  if (method === 'ks') {
    if (raw) {
      const ks = ks2Sample(refValues, curValues);
      const drifted = ks.pValue < policy.alpha && ks.statistic >= policy.ksMinStatistic;
      return {
        ...common,
        statistic: ks.statistic,
        pValue: ks.pValue,
        effectSize: ks.statistic,
        threshold: { pValue: policy.alpha, effectSize: policy.ksMinStatistic },
        errorBound: 0,
        exact: true,
        drifted,
        details: { pValueMethod: ks.method },
      };
    }
    const ks = ksFromHistograms(refHist, curHist);
    // the null law of D for these sample sizes (exact up to 10,000 a side), at the estimated D
    const p = ksPValue(ks.statistic, n1, n2);
    const pValue = p.pValue;
    return {
      ...common,
      statistic: ks.statistic,
      pValue,
      effectSize: ks.statistic,
      threshold: { pValue: policy.alpha, effectSize: policy.ksMinStatistic },
      errorBound: ks.errorBound,
      exact: false,
      drifted: pValue < policy.alpha && ks.statistic >= policy.ksMinStatistic,
      details: {
        pValueMethod: p.method,
        statisticLower: ks.lower,
        statisticUpper: ks.upper,
        pValueLower: ksPValue(ks.upper, n1, n2).pValue,
        pValueUpper: ksPValue(ks.lower, n1, n2).pValue,
      },
    };
  }
  if (method === 'wasserstein') {
    const w = raw ? { distance: wasserstein1(refValues, curValues), errorBound: 0 } : wasserstein1FromHistograms(refHist, curHist);
    const iqr = quantile(ref, 0.75) !== undefined && quantile(ref, 0.25) !== undefined ? (quantile(ref, 0.75) as number) - (quantile(ref, 0.25) as number) : undefined;
    const scale = wassersteinScale(ref.numeric?.stddev, iqr);
    const normalised = normalisedWasserstein(w, scale.scale);
    return {
      ...common,
      statistic: normalised.distance,
      pValue: null,
      effectSize: null,
      threshold: { statistic: policy.wassersteinThreshold },
      errorBound: normalised.errorBound,
      exact: raw,
      drifted: normalised.distance >= policy.wassersteinThreshold,
      details: { wasserstein: w.distance, wassersteinErrorBound: w.errorBound, scale: scale.scale, scaledBy: scale.by },
    };
  }
  // PSI over `psiBins` equal-width bins of the reference range; the outer bins take what lies beyond
  const min = refHist.edges[0];
  const max = refHist.edges[refHist.edges.length - 1];
  const bins = max > min ? policy.psiBins : 1;
  const edges = Array.from({ length: bins + 1 }, (_, i) => (i === bins ? max : min + ((max - min) * i) / bins));
  const psi = populationStabilityIndex(rebin(refHist, edges), rebin(curHist, edges));
  return {
    ...common,
    statistic: psi,
    pValue: null,
    effectSize: null,
    threshold: { statistic: policy.psiThreshold },
    errorBound: null,
    exact: false,
    drifted: psi >= policy.psiThreshold,
    details: { bins },
  };
}

function quantile(column: ColumnProfile, p: number): number | undefined {
  return column.numeric?.quantiles.find((q) => Math.abs(q.p - p) < 1e-9)?.value;
}

/** Category counts on both sides over the categories known on both; the rest merged into one "other" bucket. */
export function alignCategories(ref: CategoricalStats, cur: CategoricalStats): { reference: number[]; current: number[]; categories: string[]; exact: boolean; merged: boolean } {
  const refMap = new Map(ref.top.map((t) => [t.value, t.count]));
  const curMap = new Map(cur.top.map((t) => [t.value, t.count]));
  const union = [...new Set([...refMap.keys(), ...curMap.keys()])];
  const known = union.filter((k) => (refMap.has(k) || ref.complete) && (curMap.has(k) || cur.complete));
  const refTotal = ref.top.reduce((s, t) => s + t.count, 0) + ref.otherCount;
  const curTotal = cur.top.reduce((s, t) => s + t.count, 0) + cur.otherCount;
  const reference = known.map((k) => refMap.get(k) ?? 0);
  const current = known.map((k) => curMap.get(k) ?? 0);
  const refOther = refTotal - reference.reduce((s, c) => s + c, 0);
  const curOther = curTotal - current.reduce((s, c) => s + c, 0);
  const merged = refOther > 0 || curOther > 0;
  if (merged) {
    reference.push(refOther);
    current.push(curOther);
  }
  return { reference, current, categories: merged ? [...known, '(other)'] : known, exact: ref.complete && cur.complete, merged };
}

function compareCategorical(ref: ColumnProfile, cur: ColumnProfile, policy: DriftPolicy): ColumnDrift {
  const aligned = alignCategories(ref.categorical as CategoricalStats, cur.categorical as CategoricalStats);
  const n1 = aligned.reference.reduce((s, c) => s + c, 0);
  const n2 = aligned.current.reduce((s, c) => s + c, 0);
  const method = chooseMethod(ref.name, 'categorical', n1, n2, policy);
  const common = {
    column: ref.name,
    kind: ref.kind,
    status: 'compared' as const,
    method,
    referenceCount: n1,
    currentCount: n2,
    exact: aligned.exact,
    errorBound: aligned.exact ? 0 : null,
  };
  const details = { categories: aligned.categories.length, mergedIntoOther: aligned.merged };
  if (n1 === 0 || n2 === 0) return { ...skipped(ref, 'no values on one side', n1, n2) };
  switch (method) {
    case 'chi-square': {
      const chi = chiSquareHomogeneity(aligned.reference, aligned.current);
      return {
        ...common,
        statistic: chi.statistic,
        pValue: chi.pValue,
        effectSize: chi.cramersV,
        threshold: { pValue: policy.alpha, effectSize: policy.chiSquareMinCramersV },
        drifted: chi.pValue < policy.alpha && chi.cramersV >= policy.chiSquareMinCramersV,
        details: { ...details, dof: chi.dof },
      };
    }
    case 'jensen-shannon': {
      const js = jensenShannonDistance(aligned.reference, aligned.current);
      return { ...common, statistic: js, pValue: null, effectSize: null, threshold: { statistic: policy.jensenShannonThreshold }, drifted: js >= policy.jensenShannonThreshold, details };
    }
    case 'l-infinity': {
      const d = lInfinityDistance(aligned.reference, aligned.current);
      return { ...common, statistic: d, pValue: null, effectSize: null, threshold: { statistic: policy.lInfinityThreshold }, drifted: d >= policy.lInfinityThreshold, details };
    }
    default: {
      const psi = populationStabilityIndex(aligned.reference, aligned.current);
      return { ...common, statistic: psi, pValue: null, effectSize: null, threshold: { statistic: policy.psiThreshold }, drifted: psi >= policy.psiThreshold, details };
    }
  }
}
