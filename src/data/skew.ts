/**
 * Training/serving skew, computed in DuckDB with SQL aggregates only (rows are never loaded into
 * the JavaScript heap; only counts, means and at most a few example rows per feature are).
 *
 * Two modes:
 * - keyed (`key` given): training and serving rows are joined on the key; per feature the share of
 *   joined rows whose values differ is the mismatch rate. Numbers match when
 *   |t − s| ≤ tolerance + relativeTolerance · max(|t|, |s|); everything else (text, booleans,
 *   dates) must be equal after a cast to text; a null on one side and a value on the other is a
 *   mismatch, two nulls match. Rows whose key is on one side only are counted too.
 * - distribution (no key): per column, numeric means are compared with the standardized mean
 *   difference |mean_s − mean_t| / sd_t, null rates by their absolute difference, and category
 *   shares by the total variation distance ½ Σ |p_t − p_s|.
 */
import { PaydownError } from '../errors.js';
import { isNumericType } from './data-schema.js';
import { openSession, quoteIdent, toCount, toNumber, toText, type SqlJson, type SqlRow, type SqlSession } from './duckdb.js';
import { openDataIn, type ReadOptions } from './read-data.js';

export type SkewColumnKind = 'numeric' | 'categorical';

/** Thresholds above which skew is reported (all overridable). */
export interface SkewThresholds {
  /** Keyed: the largest acceptable mismatch rate of a feature, and share of one-sided keys. Default 0.01. */
  readonly maxMismatchRate: number;
  /** Keyed: absolute tolerance for numeric values. Default 1e-9. */
  readonly tolerance: number;
  /** Keyed: relative tolerance for numeric values. Default 1e-9. */
  readonly relativeTolerance: number;
  /** Distribution: the largest acceptable standardized mean difference. Default 0.1. */
  readonly maxMeanShift: number;
  /** Distribution: the largest acceptable absolute difference of null rates. Default 0.01. */
  readonly maxNullRateDiff: number;
  /** Distribution: the largest acceptable total variation distance of category shares. Default 0.1. */
  readonly maxShareDistance: number;
}

export const defaultSkewThresholds: SkewThresholds = {
  maxMismatchRate: 0.01,
  tolerance: 1e-9,
  relativeTolerance: 1e-9,
  maxMeanShift: 0.1,
  maxNullRateDiff: 0.01,
  maxShareDistance: 0.1,
};

export interface SkewOptions {
  /** Key columns to join on; without them, distribution skew is computed. */
  readonly key?: readonly string[];
  /** Only these columns (default: every column present on both sides, except the key). */
  readonly columns?: readonly string[];
  readonly thresholds?: Partial<SkewThresholds>;
  /** Example mismatching rows kept per feature (default 5). */
  readonly examples?: number;
  /** How to read both datasets (format, CSV delimiter, header, column types, threads). */
  readonly read?: ReadOptions;
}

export interface MismatchExample {
  readonly key: Readonly<Record<string, string | null>>;
  readonly training: string | null;
  readonly serving: string | null;
}

export interface KeyedColumnSkew {
  readonly name: string;
  readonly kind: SkewColumnKind;
  /** Joined rows compared. */
  readonly compared: number;
  readonly mismatches: number;
  /** Mismatches where exactly one side is null. */
  readonly nullMismatches: number;
  readonly mismatchRate: number;
  readonly skewed: boolean;
  readonly examples: readonly MismatchExample[];
}

export interface SideStats {
  readonly count: number;
  readonly nulls: number;
  readonly nullRate: number;
  readonly mean?: number | null;
  readonly stddev?: number | null;
}

export interface DistributionColumnSkew {
  readonly name: string;
  readonly kind: SkewColumnKind;
  readonly training: SideStats;
  readonly serving: SideStats;
  readonly nullRateDiff: number;
  /** Numeric: |mean_s − mean_t| / sd_t (null when undefined, e.g. no values). */
  readonly meanShift?: number | null;
  /** Categorical: total variation distance of the category shares among non-null values. */
  readonly shareDistance?: number;
  /** Categorical: the categories whose shares differ most (up to 10). */
  readonly categories?: ReadonlyArray<{ readonly value: string; readonly training: number; readonly serving: number }>;
  readonly skewed: boolean;
  /** Why it is skewed, e.g. `meanShift 0.31 > 0.1`. */
  readonly reasons: readonly string[];
}

interface SkewCommon {
  readonly format: 'paydown.skew/v1';
  readonly training: string;
  readonly serving: string;
  readonly thresholds: SkewThresholds;
  readonly missingColumns: { readonly trainingOnly: readonly string[]; readonly servingOnly: readonly string[] };
  readonly skewed: boolean;
}

export interface KeyedSkewResult extends SkewCommon {
  readonly mode: 'keyed';
  readonly key: readonly string[];
  readonly rows: {
    readonly training: number;
    readonly serving: number;
    readonly joined: number;
    readonly onlyTraining: number;
    readonly onlyServing: number;
  };
  /** Up to `examples` keys present on one side only. */
  readonly onlyTrainingExamples: ReadonlyArray<Readonly<Record<string, string | null>>>;
  readonly onlyServingExamples: ReadonlyArray<Readonly<Record<string, string | null>>>;
  /** Worst first. */
  readonly columns: readonly KeyedColumnSkew[];
}

export interface DistributionSkewResult extends SkewCommon {
  readonly mode: 'distribution';
  readonly rows: { readonly training: number; readonly serving: number };
  /** Worst first. */
  readonly columns: readonly DistributionColumnSkew[];
}

export type SkewResult = KeyedSkewResult | DistributionSkewResult;

/** A result value as a finite number, or null (NaN, infinity and SQL NULL alike). */
function finiteOrNull(value: SqlJson | undefined): number | null {
  const result = toNumber(value);
  return result !== null && Number.isFinite(result) ? result : null;
}

/** The two views skew compares, by their SQL names. */
interface Views {
  readonly t: string;
  readonly s: string;
}

/* ---------- skew ---------- */

/**
 * Compares training and serving data: joined on `key` when given, by distribution otherwise.
 *
 * @example
 * const result = await computeSkew('train.parquet', 'serving.parquet', { key: ['request_id'] });
 * if (result.skewed) process.exitCode = 1;
 */
export async function computeSkew(training: string, serving: string, options: SkewOptions = {}): Promise<SkewResult> {
  const thresholds: SkewThresholds = { ...defaultSkewThresholds, ...options.thresholds };
  const read = options.read ?? {};
  const session = await openSession((message, cause) => {
    const firstLine = (message.split('\n')[0] ?? message).trim();
    return new PaydownError('PAYDOWN_DATA_UNREADABLE', `cannot compare ${training} with ${serving}: ${firstLine}`, [{ message: firstLine }], { cause });
  }, read.threads ?? 2);
  try {
    const trainingView = await openDataIn(session, training, 't', read);
    const servingView = await openDataIn(session, serving, 's', read);
    const views: Views = { t: trainingView.relation, s: servingView.relation };
    const left = trainingView.columns;
    const right = servingView.columns;
    const rightTypes = new Map(right.map((column) => [column.name, column.sqlType]));
    const leftNames = new Set(left.map((column) => column.name));
    const key = options.key ?? [];
    for (const column of key) {
      if (!leftNames.has(column) || !rightTypes.has(column)) {
        throw new PaydownError('PAYDOWN_USAGE', `key column '${column}' is not in both ${training} and ${serving}`);
      }
    }
    const wanted = options.columns === undefined ? undefined : new Set(options.columns);
    for (const column of wanted ?? []) {
      if (!leftNames.has(column) || !rightTypes.has(column)) throw new PaydownError('PAYDOWN_USAGE', `column '${column}' is not in both ${training} and ${serving}`);
    }
    const common = left
      .filter((column) => rightTypes.has(column.name) && !key.includes(column.name) && (wanted === undefined || wanted.has(column.name)))
      .map((column) => ({
        name: column.name,
        kind: isNumericType(column.sqlType) && isNumericType(rightTypes.get(column.name) ?? '') ? ('numeric' as const) : ('categorical' as const),
      }));
    const missingColumns = {
      trainingOnly: left.filter((column) => !rightTypes.has(column.name)).map((column) => column.name),
      servingOnly: right.filter((column) => !leftNames.has(column.name)).map((column) => column.name),
    };
    const base = { format: 'paydown.skew/v1' as const, training, serving, thresholds, missingColumns };
    if (key.length > 0) {
      return { ...base, ...(await keyedSkew(session, views, key, common, thresholds, options.examples ?? 5)) };
    }
    return { ...base, ...(await distributionSkew(session, views, common, thresholds)) };
  } finally {
    session.close();
  }
}

function mismatchPredicate(column: { name: string; kind: SkewColumnKind }, thresholds: SkewThresholds): string {
  const a = `a.${quoteIdent(column.name)}`;
  const b = `b.${quoteIdent(column.name)}`;
  const nullMismatch = `((${a} IS NULL) <> (${b} IS NULL))`;
  if (column.kind === 'numeric') {
    const x = `CAST(${a} AS DOUBLE)`;
    const y = `CAST(${b} AS DOUBLE)`;
    const tolerance = `${thresholds.tolerance} + ${thresholds.relativeTolerance} * greatest(abs(${x}), abs(${y}))`;
    return `(${nullMismatch} OR (${a} IS NOT NULL AND ${b} IS NOT NULL AND (abs(${x} - ${y}) > ${tolerance} OR (isnan(${x}) <> isnan(${y})))))`;
  }
  return `(CAST(${a} AS VARCHAR) IS DISTINCT FROM CAST(${b} AS VARCHAR))`;
}

async function keyedSkew(
  session: SqlSession,
  views: Views,
  key: readonly string[],
  columns: readonly { name: string; kind: SkewColumnKind }[],
  thresholds: SkewThresholds,
  exampleCount: number,
): Promise<Omit<KeyedSkewResult, keyof SkewCommon | 'skewed'> & { skewed: boolean }> {
  const on = key.map((column) => `a.${quoteIdent(column)} = b.${quoteIdent(column)}`).join(' AND ');
  const keyOf = (alias: string): string => key.map((column, index) => `CAST(${alias}.${quoteIdent(column)} AS VARCHAR) AS k${index}`).join(', ');
  const keyRecord = (row: SqlRow): Record<string, string | null> => Object.fromEntries(key.map((column, index) => [column, toText(row[`k${index}`])]));
  const orderBy = (alias: string): string => key.map((column) => `${alias}.${quoteIdent(column)}`).join(', ');
  const [counts] = await session.query(
    `SELECT (SELECT count(*) FROM ${views.t}) AS training, (SELECT count(*) FROM ${views.s}) AS serving,
       (SELECT count(*) FROM ${views.t} a ANTI JOIN ${views.s} b ON ${on}) AS only_training,
       (SELECT count(*) FROM ${views.s} b ANTI JOIN ${views.t} a ON ${on}) AS only_serving`,
  );
  const predicates = columns.map((column) => mismatchPredicate(column, thresholds));
  const aggregates = [
    'count(*) AS joined',
    ...columns.map((column, index) => `count(*) FILTER (WHERE ${predicates[index]}) AS m${index}`),
    ...columns.map((column, index) => `count(*) FILTER (WHERE (a.${quoteIdent(column.name)} IS NULL) <> (b.${quoteIdent(column.name)} IS NULL)) AS n${index}`),
  ];
  const [joinedRow] = await session.query(`SELECT ${aggregates.join(', ')} FROM ${views.t} a JOIN ${views.s} b ON ${on}`);
  const joined = toCount(joinedRow.joined);
  const result: KeyedColumnSkew[] = [];
  for (const [index, column] of columns.entries()) {
    const mismatches = toCount(joinedRow[`m${index}`]);
    const mismatchRate = joined === 0 ? 0 : mismatches / joined;
    let examples: MismatchExample[] = [];
    if (mismatches > 0 && exampleCount > 0) {
      const rows = await session.query(
        `SELECT ${keyOf('a')}, CAST(a.${quoteIdent(column.name)} AS VARCHAR) AS tv, CAST(b.${quoteIdent(column.name)} AS VARCHAR) AS sv
         FROM ${views.t} a JOIN ${views.s} b ON ${on} WHERE ${predicates[index]} ORDER BY ${orderBy('a')} LIMIT ${Math.floor(exampleCount)}`,
      );
      examples = rows.map((row) => ({ key: keyRecord(row), training: toText(row.tv), serving: toText(row.sv) }));
    }
    result.push({
      name: column.name,
      kind: column.kind,
      compared: joined,
      mismatches,
      nullMismatches: toCount(joinedRow[`n${index}`]),
      mismatchRate,
      skewed: mismatchRate > thresholds.maxMismatchRate,
      examples,
    });
  }
  result.sort((x, y) => y.mismatchRate - x.mismatchRate || x.name.localeCompare(y.name));
  const oneSided = async (side: 'training' | 'serving'): Promise<Record<string, string | null>[]> => {
    if (exampleCount <= 0) return [];
    const [from, other] = side === 'training' ? [views.t, views.s] : [views.s, views.t];
    const alias = side === 'training' ? 'a' : 'b';
    const otherAlias = side === 'training' ? 'b' : 'a';
    const rows = await session.query(
      `SELECT ${keyOf(alias)} FROM ${from} ${alias} ANTI JOIN ${other} ${otherAlias} ON ${on} ORDER BY ${orderBy(alias)} LIMIT ${Math.floor(exampleCount)}`,
    );
    return rows.map(keyRecord);
  };
  const rows = {
    training: toCount(counts.training),
    serving: toCount(counts.serving),
    joined,
    onlyTraining: toCount(counts.only_training),
    onlyServing: toCount(counts.only_serving),
  };
  const oneSidedShare = rows.training + rows.serving === 0 ? 0 : (rows.onlyTraining + rows.onlyServing) / (rows.training + rows.serving);
  return {
    mode: 'keyed',
    key,
    rows,
    onlyTrainingExamples: rows.onlyTraining > 0 ? await oneSided('training') : [],
    onlyServingExamples: rows.onlyServing > 0 ? await oneSided('serving') : [],
    columns: result,
    skewed: result.some((column) => column.skewed) || oneSidedShare > thresholds.maxMismatchRate,
  };
}

async function distributionSkew(
  session: SqlSession,
  views: Views,
  columns: readonly { name: string; kind: SkewColumnKind }[],
  thresholds: SkewThresholds,
): Promise<Omit<DistributionSkewResult, keyof SkewCommon | 'skewed'> & { skewed: boolean }> {
  const sideStats = async (view: string): Promise<{ rows: number; stats: SideStats[] }> => {
    const parts = ['count(*) AS rows'];
    columns.forEach((column, index) => {
      const c = quoteIdent(column.name);
      parts.push(`count(${c}) AS c${index}`);
      if (column.kind === 'numeric') parts.push(`avg(CAST(${c} AS DOUBLE)) AS mean${index}`, `stddev_samp(CAST(${c} AS DOUBLE)) AS sd${index}`);
    });
    const [row] = await session.query(`SELECT ${parts.join(', ')} FROM ${view}`);
    const rows = toCount(row.rows);
    const stats = columns.map((column, index): SideStats => {
      const count = toCount(row[`c${index}`]);
      const nulls = rows - count;
      const base = { count, nulls, nullRate: rows === 0 ? 0 : nulls / rows };
      return column.kind === 'numeric' ? { ...base, mean: finiteOrNull(row[`mean${index}`]), stddev: finiteOrNull(row[`sd${index}`]) } : base;
    });
    return { rows, stats };
  };
  const left = await sideStats(views.t);
  const right = await sideStats(views.s);
  const result: DistributionColumnSkew[] = [];
  for (const [index, column] of columns.entries()) {
    const training = left.stats[index];
    const serving = right.stats[index];
    const nullRateDiff = Math.abs(training.nullRate - serving.nullRate);
    const reasons: string[] = [];
    if (nullRateDiff > thresholds.maxNullRateDiff) reasons.push(`null rate differs by ${round(nullRateDiff)} > ${thresholds.maxNullRateDiff}`);
    if (column.kind === 'numeric') {
      let meanShift: number | null = null;
      if (training.mean != null && serving.mean != null) {
        const difference = Math.abs(serving.mean - training.mean);
        const sd = training.stddev ?? 0;
        meanShift = sd > 0 ? difference / sd : difference === 0 ? 0 : null;
        if (meanShift === null || meanShift > thresholds.maxMeanShift) reasons.push(`mean shift ${meanShift === null ? 'unbounded (constant training column)' : round(meanShift)} > ${thresholds.maxMeanShift}`);
      }
      result.push({ name: column.name, kind: column.kind, training, serving, nullRateDiff, meanShift, skewed: reasons.length > 0, reasons });
    } else {
      const c = quoteIdent(column.name);
      const shares = (view: string, total: number): string =>
        `SELECT CAST(${c} AS VARCHAR) AS v, count(*) / ${Math.max(total, 1)}::DOUBLE AS p FROM ${view} WHERE ${c} IS NOT NULL GROUP BY 1`;
      const rows = await session.query(
        `WITH l AS (${shares(views.t, training.count)}), r AS (${shares(views.s, serving.count)}),
           j AS (SELECT coalesce(l.v, r.v) AS v, coalesce(l.p, 0) AS pl, coalesce(r.p, 0) AS pr FROM l FULL JOIN r ON l.v = r.v)
         SELECT v, pl, pr, 0.5 * sum(abs(pl - pr)) OVER () AS tvd FROM j ORDER BY abs(pl - pr) DESC, v LIMIT 10`,
      );
      const shareDistance = rows.length === 0 ? 0 : toNumber(rows[0].tvd) ?? 0;
      if (shareDistance > thresholds.maxShareDistance) reasons.push(`category shares differ by ${round(shareDistance)} (total variation) > ${thresholds.maxShareDistance}`);
      result.push({
        name: column.name,
        kind: column.kind,
        training,
        serving,
        nullRateDiff,
        shareDistance,
        categories: rows.map((row) => ({ value: toText(row.v) ?? '', training: toNumber(row.pl) ?? 0, serving: toNumber(row.pr) ?? 0 })),
        skewed: reasons.length > 0,
        reasons,
      });
    }
  }
  const score = (column: DistributionColumnSkew): number =>
    Math.max(
      column.nullRateDiff / thresholds.maxNullRateDiff,
      column.meanShift === null ? Number.POSITIVE_INFINITY : (column.meanShift ?? 0) / thresholds.maxMeanShift,
      (column.shareDistance ?? 0) / thresholds.maxShareDistance,
    );
  result.sort((x, y) => score(y) - score(x) || x.name.localeCompare(y.name));
  return { mode: 'distribution', rows: { training: left.rows, serving: right.rows }, columns: result, skewed: result.some((column) => column.skewed) };
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

/**
 * A plain-text summary of a skew result, worst feature first.
 *
 * @example
 * process.stdout.write(formatSkewText(await computeSkew('train.csv', 'serve.csv', { key: ['id'] })));
 */
export function formatSkewText(result: SkewResult): string {
  const lines: string[] = [];
  const pct = (value: number): string => `${(value * 100).toFixed(2)}%`;
  if (result.mode === 'keyed') {
    const { rows } = result;
    lines.push(`training/serving skew joined on ${result.key.join(', ')}: ${rows.joined} joined rows (${rows.training} training, ${rows.serving} serving)`);
    lines.push(`  only in training: ${rows.onlyTraining}${formatKeys(result.onlyTrainingExamples)}`);
    lines.push(`  only in serving:  ${rows.onlyServing}${formatKeys(result.onlyServingExamples)}`);
    for (const column of result.columns) {
      const mark = column.skewed ? 'SKEW' : 'ok  ';
      lines.push(`${mark} ${column.name} (${column.kind}): ${column.mismatches}/${column.compared} mismatching (${pct(column.mismatchRate)}, ${column.nullMismatches} null vs value)`);
      for (const example of column.examples) {
        lines.push(`       ${formatKey(example.key)}: training ${example.training ?? 'null'}, serving ${example.serving ?? 'null'}`);
      }
    }
    lines.push(`threshold: mismatch rate > ${pct(result.thresholds.maxMismatchRate)}; numeric tolerance ${result.thresholds.tolerance} + ${result.thresholds.relativeTolerance}·|value|`);
  } else {
    lines.push(`training/serving distribution skew: ${result.rows.training} training rows, ${result.rows.serving} serving rows`);
    for (const column of result.columns) {
      const mark = column.skewed ? 'SKEW' : 'ok  ';
      const detail =
        column.kind === 'numeric'
          ? `mean ${fmt(column.training.mean)} → ${fmt(column.serving.mean)} (shift ${fmt(column.meanShift)} sd)`
          : `category share distance ${fmt(column.shareDistance)}`;
      lines.push(`${mark} ${column.name} (${column.kind}): ${detail}; nulls ${pct(column.training.nullRate)} → ${pct(column.serving.nullRate)}`);
      for (const reason of column.reasons) lines.push(`       ${reason}`);
    }
    const t = result.thresholds;
    lines.push(`thresholds: mean shift > ${t.maxMeanShift} sd, null rate difference > ${t.maxNullRateDiff}, share distance > ${t.maxShareDistance}`);
  }
  if (result.missingColumns.trainingOnly.length > 0) lines.push(`columns only in training: ${result.missingColumns.trainingOnly.join(', ')}`);
  if (result.missingColumns.servingOnly.length > 0) lines.push(`columns only in serving: ${result.missingColumns.servingOnly.join(', ')}`);
  lines.push(result.skewed ? 'skew found' : 'no skew found');
  return `${lines.join('\n')}\n`;
}

function fmt(value: number | null | undefined): string {
  if (value === undefined) return '-';
  if (value === null) return '∞';
  return String(round(value));
}

function formatKey(key: Readonly<Record<string, string | null>>): string {
  return Object.entries(key)
    .map(([name, value]) => `${name}=${value ?? 'null'}`)
    .join(' ');
}

function formatKeys(keys: ReadonlyArray<Readonly<Record<string, string | null>>>): string {
  return keys.length === 0 ? '' : ` (e.g. ${keys.map(formatKey).join('; ')})`;
}
