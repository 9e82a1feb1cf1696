import { availableParallelism } from 'node:os';
import { PaydownError } from '../errors.js';
import { quoteIdent, quoteLiteral, toCount, toNumber, toText, type SqlJson, type SqlRow, type SqlSession } from './duckdb.js';
import type { CategoricalStats, ColumnKind, ColumnProfile, DatasetProfile, Histogram, NumericStats } from './profile-types.js';
import { withProgress } from './progress.js';
import { openData, type DataColumn, type OpenData, type ReadOptions } from './read-data.js';
import { countCategories, settleCategoryCounts, type CategoryCounts, type CategoryScan } from './scan/category-counts.js';
import type { NumericAccumulator } from './scan/numeric-accumulator.js';
import { ScanLane, scanNumericInLanes } from './scan/scan-lane.js';
import { scanNumeric, type GroupCoding, type NumericScan, type NumericTarget, type ScanTransfer } from './scan/scan-numeric.js';
import { quantileFromHistogram } from './stats/histogram-quantile.js';

/** How `profileData` profiles: grouping, and where it switches from exact to approximate. */
export interface ProfileOptions extends ReadOptions {
  /** Group by time period of the `time` column. */
  readonly by?: 'day' | 'week';
  /** The time column for `by`. */
  readonly time?: string;
  /** Group by the values of this column too (or alone). */
  readonly slice?: string;
  /** Quantile probabilities (default 0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99). */
  readonly quantiles?: readonly number[];
  /**
   * Up to this many rows, numeric distinct counts and quantiles are exact (default 100,000);
   * above, distinct counts come from a HyperLogLog sketch and quantiles from the fine histogram.
   */
  readonly exactRows?: number;
  /**
   * Whether distinct values of numeric columns above `exactRows` are estimated with a HyperLogLog
   * sketch (default true). Without it their `distinct` is `{ value: 0, exact: false }`, as in the
   * groups of a grouped profile. `paydown drift` compares no distinct counts, and the sketch is
   * about a third of the JavaScript work of the numeric scan.
   */
  readonly distinctSketch?: boolean;
  /** Top values kept per column; all categories kept when at most this many (default 1,000). */
  readonly categoryLimit?: number;
  /** Bins of the fine histogram (default 1,000) and of the display histogram (default 20; must divide it). */
  readonly fineBins?: number;
  readonly displayBins?: number;
  /** At most this many groups (default 1,000). */
  readonly maxGroups?: number;
  /**
   * Parquet data with at least this many numeric values (rows × numeric columns, counted from the
   * footers; default 80,000,000) and two numeric columns or more is scanned by two JavaScript
   * threads, half the numeric columns each (see scan/scan-lane.ts), on machines with two cores or
   * more; the profile is the same. The second thread opens its own DuckDB (about 0.2 s and 25 MB),
   * which on a two-core machine pays from about 5 million rows of 12 numeric columns (measured:
   * docs/drift.md). `Infinity` keeps the scan on one thread.
   */
  readonly parallelValues?: number;
  /** The profile's `createdAt` (default now). */
  readonly now?: Date;
}

const defaultQuantiles = [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99];

/**
 * Profiles DATA (a file, glob or directory) in one pass over its rows: per column counts,
 * nulls, distinct values, numeric statistics with quantiles and histograms, and top values.
 * Data is never loaded into the JavaScript heap (it streams through in chunks of 2,048 rows).
 *
 * @example
 * const profile = await profileData('clicks.parquet', { by: 'day', time: 'ts' });
 * await writeFile('clicks.profile.json', JSON.stringify(profile));
 */
export async function profileData(data: string, options: ProfileOptions = {}): Promise<DatasetProfile> {
  const opened = await openData(data, options);
  try {
    return await profileOpened(opened, options);
  } finally {
    opened.close();
  }
}

/**
 * Profiles data already opened with `openData`. How it reads the data (see docs/profile.md):
 *
 * 1. the range of each numeric column (`min`/`max`; free for Parquet, whose footers hold them;
 *    one scan for CSV and JSON);
 * 2. one scan streaming the numeric columns as doubles into accumulators (moments, NaN/∞, a
 *    fine fixed-bin histogram, a distinct sketch), per group too;
 * 3. one `GROUP BY GROUPING SETS` query counting the values of every categorical column (and of
 *    each group), reading only those columns.
 *
 * @example
 * const opened = await openData('clicks.csv');
 * try { console.log((await profileOpened(opened)).rows); } finally { opened.close(); }
 */
export async function profileOpened(opened: OpenData, options: ProfileOptions = {}): Promise<DatasetProfile> {
  return profileWith(opened, options, undefined);
}

/**
 * Profiles data against a reference profile: numeric columns are binned on the reference's fine
 * histogram edges (plus one bin below and one above its range), so drift against the reference
 * needs one pass over the current data and no range scan. Columns the reference has no histogram
 * for are profiled on their own range.
 *
 * @example
 * const reference = JSON.parse(await readFile('june.profile.json', 'utf8')) as DatasetProfile;
 * const opened = await openData('july.parquet');
 * try { driftReport(reference, await profileAgainst(opened, reference)); } finally { opened.close(); }
 */
export async function profileAgainst(opened: OpenData, reference: DatasetProfile, options: ProfileOptions = {}): Promise<DatasetProfile> {
  return profileWith(opened, options, reference);
}

async function profileWith(opened: OpenData, options: ProfileOptions, reference: DatasetProfile | undefined): Promise<DatasetProfile> {
  const settings = settle(options);
  const profiled = await withProgress(`profiling ${opened.source}`, () => profileRelation(opened, options, settings, reference));
  const base = { format: 'paydown.profile/v1' as const, source: opened.source, createdAt: (options.now ?? new Date()).toISOString(), rows: profiled.rows, columns: profiled.columns };
  return profiled.groups === undefined ? base : { ...base, groups: profiled.groups };
}

interface Settings {
  readonly quantiles: readonly number[];
  readonly exactRows: number;
  readonly categoryLimit: number;
  readonly fineBins: number;
  readonly displayBins: number;
  readonly maxGroups: number;
  readonly parallelValues: number;
}

function settle(options: ProfileOptions): Settings {
  const fineBins = options.fineBins ?? 1000;
  const displayBins = options.displayBins ?? 20;
  if (!Number.isInteger(fineBins) || fineBins < 1 || !Number.isInteger(displayBins) || displayBins < 1 || fineBins % displayBins !== 0) {
    throw new PaydownError('PAYDOWN_USAGE', `display bins (${displayBins}) must divide fine bins (${fineBins})`);
  }
  const quantiles = options.quantiles ?? defaultQuantiles;
  if (quantiles.some((p) => !(p >= 0 && p <= 1))) throw new PaydownError('PAYDOWN_USAGE', 'quantile probabilities must be between 0 and 1');
  return { quantiles, exactRows: options.exactRows ?? 100_000, categoryLimit: options.categoryLimit ?? 1000, fineBins, displayBins, maxGroups: options.maxGroups ?? 1000, parallelValues: options.parallelValues ?? 80_000_000 };
}

/** The kind of a DuckDB type, before looking at the values. */
export function kindOfType(sqlType: string): ColumnKind {
  const type = sqlType.toUpperCase();
  if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|REAL|DOUBLE|DECIMAL(\(.*\))?)$/.test(type)) return 'numeric';
  if (type === 'BOOLEAN') return 'boolean';
  if (/^(DATE|TIME|TIMESTAMP|TIMESTAMP_S|TIMESTAMP_MS|TIMESTAMP_NS|TIMESTAMP WITH TIME ZONE|TIME WITH TIME ZONE)$/.test(type)) return 'temporal';
  if (type === 'VARCHAR' || type.startsWith('ENUM')) return 'categorical';
  return 'text';
}

interface GroupKey {
  readonly key: Record<string, string>;
  readonly rows: number;
}

interface Grouping {
  readonly coding: GroupCoding;
  readonly keys: readonly GroupKey[];
}

interface RelationProfile {
  readonly rows: number;
  readonly columns: ColumnProfile[];
  readonly groups?: NonNullable<DatasetProfile['groups']>;
}

/** How one numeric column is binned: its range, and the display histogram it sums into. */
interface Binning extends NumericTarget {
  /** Fine bins per display bin, or 0 when the display histogram is the fine one. */
  readonly perDisplay: number;
  /** From the reference: the fine bins are the reference's, extended by `extension` bins of the same width on each side. */
  readonly fromReference: boolean;
  readonly extension: number;
}

/**
 * The reference's K equal bins over [lo, hi], extended by K bins of the same width on each side
 * (edges lo + (hi − lo)·i/K for i = −K … 2K, the reference's own edges for i = 0 … K), so that a
 * current column that moved by up to its reference range still falls in bins one reference bin
 * wide; values beyond that go to a bin reaching the current min or max.
 */
function extendedEdges(lo: number, hi: number, bins: number): Float64Array {
  const edges = new Float64Array(3 * bins + 1);
  for (let i = -bins; i <= 2 * bins; i += 1) edges[i + bins] = i === bins ? hi : lo + ((hi - lo) * i) / bins;
  return edges;
}

async function profileRelation(opened: OpenData, options: ProfileOptions, settings: Settings, reference: DatasetProfile | undefined): Promise<RelationProfile> {
  const { session, relation, columns } = opened;
  const kinds = columns.map((column) => kindOfType(column.sqlType));
  const numeric = columns.filter((_column, at) => kinds[at] === 'numeric');
  const counted = columns.filter((_column, at) => kinds[at] === 'categorical' || kinds[at] === 'boolean' || kinds[at] === 'text');
  const temporal = columns.filter((_column, at) => kinds[at] === 'temporal');
  const { grouping, binnings, scan, categories } = await scanColumns(opened, numeric, counted, options, settings, reference);
  const from = grouping?.coding.fromSql ?? relation;
  const needRows = numeric.length === 0 && grouping === undefined;
  const others = await otherAggregates(session, relation, temporal, needRows, settings);
  const rows = numeric.length > 0 ? scan.rows : grouping !== undefined ? grouping.keys.reduce((sum, key) => sum + key.rows, 0) : toCount(others.rows);
  const exact = rows <= settings.exactRows ? await exactNumeric(session, from, numeric, settings, grouping !== undefined) : undefined;
  const assemble = (groupIndex: number, groupRows: number): ColumnProfile[] =>
    columns.map((column, at) => {
      const kind = kinds[at];
      if (kind === 'numeric') {
        const k = numeric.indexOf(column);
        const accumulator = groupIndex < 0 ? scan.columns[k] : scan.groups[groupIndex][k];
        return numericColumn(column, accumulator, binnings[k], groupRows, settings, exact?.get(`${groupIndex}:${column.name}`));
      }
      if (kind === 'temporal') return temporalColumn(column, groupRows, others, exact !== undefined, groupIndex);
      const counts = (groupIndex < 0 ? categories.whole : categories.groups[groupIndex]).get(column.name);
      return categoricalColumn(column, kind, counts, groupRows, settings);
    });
  const whole = assemble(-1, rows);
  if (grouping === undefined) return { rows, columns: whole };
  const groups = grouping.keys.map((key, at) => ({ key: key.key, rows: key.rows, columns: assemble(at, key.rows) }));
  return { rows, columns: whole, groups };
}

/**
 * A second thread for the numeric scan: for Parquet data of two numeric columns or more and at
 * least `parallelValues` numeric values, on a machine with two cores or more.
 */
async function laneFor(opened: OpenData, numericColumns: number, settings: Settings): Promise<ScanLane | undefined> {
  if (opened.format !== 'parquet' || numericColumns < 2 || opened.reopen === undefined || availableParallelism() < 2) return undefined;
  if (!Number.isFinite(settings.parallelValues)) return undefined;
  // answered from the footers, without reading the rows
  const [row] = await opened.session.query(`SELECT count(*) AS n FROM ${opened.relation}`);
  if (toCount(row?.n) * numericColumns < settings.parallelValues) return undefined;
  return ScanLane.open(opened);
}

/** What one pass over the data found, and how the numeric columns were binned and the rows grouped. */
interface ScannedColumns {
  readonly grouping: Grouping | undefined;
  readonly binnings: readonly Binning[];
  readonly scan: NumericScan;
  readonly categories: CategoryScan;
}

/**
 * The pass over the data: the groups and the numeric columns' ranges first, then the numeric
 * columns scanned (in one or two threads) while DuckDB counts the categories alongside.
 */
async function scanColumns(
  opened: OpenData,
  numeric: readonly DataColumn[],
  counted: readonly DataColumn[],
  options: ProfileOptions,
  settings: Settings,
  reference: DatasetProfile | undefined,
): Promise<ScannedColumns> {
  const { session, relation } = opened;
  // started first, so that the thread loads and opens the data while this one reads the footers
  const lane = await laneFor(opened, numeric.length, settings);
  try {
    const grouping = await groupingOf(opened, options, settings);
    const binnings = await binningsOf(session, relation, numeric, settings, reference);
    const from = grouping?.coding.fromSql ?? relation;
    const sketch = options.distinctSketch ?? true;
    // Parquet: DuckDB hands its chunks to JavaScript in row order on one thread (see ScanTransfer)
    const transfer: ScanTransfer = opened.format === 'parquet' && binnings.length > 0 ? 'feed' : 'stream';
    const restoreThreads = transfer === 'feed' ? await oneThread(session) : undefined;
    try {
      // DuckDB counts the categories on a second connection while JavaScript bins the numeric columns
      const [scan, categories] = await Promise.all([
        lane === undefined
          ? scanNumeric(session, relation, binnings, settings.fineBins, grouping?.coding, transfer, sketch)
          : scanNumericInLanes(session, relation, binnings, settings.fineBins, grouping?.coding, lane, transfer, sketch),
        session.alongside((second) => countCategories(second, from, counted.map((c) => c.name), settings.categoryLimit, grouping !== undefined, grouping?.keys.length ?? 0)),
      ]);
      return { grouping, binnings, scan, categories };
    } finally {
      await restoreThreads?.();
    }
  } finally {
    lane?.close();
  }
}

/** Sets the session's DuckDB to one thread; the function returned sets it back. */
async function oneThread(session: SqlSession): Promise<() => Promise<void>> {
  const [row] = await session.query(`SELECT current_setting('threads') AS threads`);
  const threads = toCount(row?.threads);
  await session.run('SET threads = 1');
  return () => session.run(`SET threads = ${threads > 0 ? threads : 2}`);
}

/** The group keys (day or week of the time column, slice value) with their row counts, and how to number rows by group. */
async function groupingOf(opened: OpenData, options: ProfileOptions, settings: Settings): Promise<Grouping | undefined> {
  if (options.by === undefined && options.slice === undefined) return undefined;
  const keys: Array<{ name: string; sql: string }> = [];
  if (options.by !== undefined) {
    if (options.time === undefined) throw new PaydownError('PAYDOWN_USAGE', `--by ${options.by} needs --time COLUMN`);
    requireColumn(opened, options.time);
    keys.push({ name: options.time, sql: `strftime(date_trunc('${options.by}', CAST(${quoteIdent(options.time)} AS TIMESTAMP)), '%Y-%m-%d')` });
  }
  if (options.slice !== undefined) {
    requireColumn(opened, options.slice);
    keys.push({ name: options.slice, sql: `CAST(${quoteIdent(options.slice)} AS VARCHAR)` });
  }
  const limit = settings.maxGroups;
  const found = await opened.session.query(
    `SELECT ${keys.map((key, at) => `${key.sql} AS g${at}`).join(', ')}, count(*) AS n FROM ${opened.relation} GROUP BY ALL ORDER BY ${keys.map((_key, at) => `g${at}`).join(', ')} LIMIT ${limit + 1}`,
  );
  if (found.length > limit) throw new PaydownError('PAYDOWN_USAGE', `more than ${limit} groups; group by a coarser period or a column with fewer values`);
  const groupKeys: GroupKey[] = found.map((row) => {
    const key: Record<string, string> = {};
    keys.forEach((entry, at) => {
      key[entry.name] = toText(row[`g${at}`]) ?? '(null)';
    });
    return { key, rows: toCount(row.n) };
  });
  const values = found.map((row, code) => `(${keys.map((_key, at) => sqlText(toText(row[`g${at}`]))).join(', ')}, ${code})`).join(', ');
  const table = `(VALUES ${values}) AS paydown_groups(${keys.map((_key, at) => `paydown_k${at}`).join(', ')}, paydown_group)`;
  const on = keys.map((key, at) => `(${key.sql}) IS NOT DISTINCT FROM paydown_groups.paydown_k${at}`).join(' AND ');
  const fromSql = `(SELECT * FROM ${opened.relation} JOIN ${table} ON ${on})`;
  return { coding: { fromSql, groups: groupKeys.length }, keys: groupKeys };
}

function sqlText(value: string | null): string {
  return value === null ? 'CAST(NULL AS VARCHAR)' : `CAST(${quoteLiteral(value)} AS VARCHAR)`;
}

/**
 * The range each numeric column is binned over: the reference's fine histogram when there is one,
 * else the column's own finite min and max. min/max come from one aggregate query, which DuckDB
 * answers from Parquet footers without reading the rows; when a column holds NaN or ±∞ (which
 * min/max would return) a second query filters them out for those columns only.
 */
async function binningsOf(session: SqlSession, relation: string, numeric: readonly DataColumn[], settings: Settings, reference: DatasetProfile | undefined): Promise<Binning[]> {
  const fromReference = new Map<string, Binning>();
  for (const column of numeric) {
    const fine = reference?.columns.find((c) => c.name === column.name)?.numeric?.fineHistogram;
    if (fine === undefined || fine.counts.length === 0 || fine.edges.length !== fine.counts.length + 1) continue;
    const lo = fine.edges[0];
    const hi = fine.edges[fine.edges.length - 1];
    if (!Number.isFinite(lo) || !Number.isFinite(hi) || !(hi >= lo)) continue;
    const display = reference?.columns.find((c) => c.name === column.name)?.numeric?.histogram.counts.length ?? 0;
    const bins = fine.counts.length;
    const perDisplay = display > 0 && bins % display === 0 ? bins / display : 0;
    if (hi > lo) fromReference.set(column.name, { name: column.name, lo, hi, edges: extendedEdges(lo, hi, bins), perDisplay, fromReference: true, extension: bins });
    else fromReference.set(column.name, { name: column.name, lo, hi, perDisplay, fromReference: true, extension: 0 });
  }
  const own = numeric.filter((column) => !fromReference.has(column.name));
  const ranges = new Map<string, { lo: number; hi: number } | null>();
  if (own.length > 0) {
    const x = (column: DataColumn): string => `CAST(${quoteIdent(column.name)} AS DOUBLE)`;
    // min/max of the column as stored, so that DuckDB can answer from Parquet statistics
    const [row] = await session.query(`SELECT ${own.map((column, at) => `min(${quoteIdent(column.name)}) AS lo${at}, max(${quoteIdent(column.name)}) AS hi${at}`).join(', ')} FROM ${relation}`);
    const unsure: number[] = [];
    own.forEach((column, at) => {
      const lo = toNumber(row?.[`lo${at}`]);
      const hi = toNumber(row?.[`hi${at}`]);
      if (lo === null || hi === null) ranges.set(column.name, null);
      else if (Number.isFinite(lo) && Number.isFinite(hi)) ranges.set(column.name, { lo, hi });
      else unsure.push(at);
    });
    if (unsure.length > 0) {
      const finite = (column: DataColumn): string => `FILTER (WHERE isfinite(${x(column)}))`;
      const [again] = await session.query(
        `SELECT ${unsure.map((at) => `min(${x(own[at])}) ${finite(own[at])} AS lo${at}, max(${x(own[at])}) ${finite(own[at])} AS hi${at}`).join(', ')} FROM ${relation}`,
      );
      for (const at of unsure) {
        const lo = toNumber(again?.[`lo${at}`]);
        const hi = toNumber(again?.[`hi${at}`]);
        ranges.set(own[at].name, lo === null || hi === null ? null : { lo, hi });
      }
    }
  }
  const per = settings.fineBins / settings.displayBins;
  return numeric.map((column) => {
    const referenced = fromReference.get(column.name);
    if (referenced !== undefined) return referenced;
    const range = ranges.get(column.name) ?? { lo: 0, hi: 0 };
    return { name: column.name, lo: range.lo, hi: range.hi, perDisplay: per, fromReference: false, extension: 0 };
  });
}

/** count(*) when nothing else gives it, and the counts and distinct values of temporal columns. */
async function otherAggregates(session: SqlSession, relation: string, temporal: readonly DataColumn[], needRows: boolean, settings: Settings): Promise<SqlRow> {
  if (temporal.length === 0 && !needRows) return {};
  const [counted] = await session.query(`SELECT count(*) AS rows FROM ${relation}`);
  const rows = toCount(counted?.rows);
  if (temporal.length === 0) return { rows };
  const exact = rows <= settings.exactRows;
  const terms = temporal.map((column, at) => `count(${quoteIdent(column.name)}) AS n${at}, ${exact ? `count(DISTINCT ${quoteIdent(column.name)})` : `approx_count_distinct(${quoteIdent(column.name)})`} AS d${at}`);
  const [row] = await session.query(`SELECT ${terms.join(', ')} FROM ${relation}`);
  const out: SqlRow = { rows };
  temporal.forEach((column, at) => {
    out[`n:${column.name}`] = row?.[`n${at}`] ?? 0;
    out[`d:${column.name}`] = row?.[`d${at}`] ?? 0;
  });
  return out;
}

interface ExactNumeric {
  readonly distinct: number;
  readonly quantiles: readonly number[];
}

/** Exact distinct counts and quantiles (numpy's linear definition) of the numeric columns, for small data. */
async function exactNumeric(session: SqlSession, from: string, numeric: readonly DataColumn[], settings: Settings, grouped: boolean): Promise<Map<string, ExactNumeric>> {
  const out = new Map<string, ExactNumeric>();
  if (numeric.length === 0) return out;
  const ps = `[${settings.quantiles.map((p) => String(p)).join(', ')}]`;
  const terms = numeric.map((column, at) => {
    const x = `CAST(${quoteIdent(column.name)} AS DOUBLE)`;
    return `count(DISTINCT ${quoteIdent(column.name)}) AS d${at}, quantile_cont(${x}, ${ps}) FILTER (WHERE isfinite(${x})) AS q${at}`;
  });
  const sets = grouped ? 'GROUP BY GROUPING SETS ((), (paydown_group))' : '';
  const group = grouped ? 'CASE WHEN GROUPING(paydown_group) = 0 THEN paydown_group ELSE -1 END' : '-1';
  const rows = await session.query(`SELECT ${group} AS grp, ${terms.join(', ')} FROM ${from} ${sets}`);
  for (const row of rows) {
    const grp = toCount(row.grp);
    numeric.forEach((column, at) => {
      out.set(`${grp}:${column.name}`, { distinct: toCount(row[`d${at}`]), quantiles: listOf(row[`q${at}`]).map((value) => toNumber(value) ?? Number.NaN) });
    });
  }
  return out;
}

function listOf(value: SqlJson | undefined): SqlJson[] {
  return Array.isArray(value) ? value : [];
}

function numericColumn(column: DataColumn, accumulator: NumericAccumulator, binning: Binning, rows: number, settings: Settings, exact: ExactNumeric | undefined): ColumnProfile {
  const count = rows - accumulator.nulls;
  const base = {
    name: column.name,
    sqlType: column.sqlType,
    kind: 'numeric' as const,
    count,
    nulls: { count: accumulator.nulls, share: rows === 0 ? 0 : accumulator.nulls / rows },
    distinct: exact === undefined ? { value: accumulator.sketch?.estimate() ?? 0, exact: false } : { value: exact.distinct, exact: true },
  };
  if (accumulator.finite === 0) return count > 0 ? { ...base, numeric: emptyNumeric(accumulator) } : base;
  const { fine, display } = histogramsOf(accumulator, binning);
  const read = settings.quantiles.map((p) => quantileFromHistogram(fine, p));
  const quantiles =
    exact !== undefined && exact.quantiles.length === settings.quantiles.length
      ? settings.quantiles.map((p, at) => ({ p, value: exact.quantiles[at] }))
      : settings.quantiles.map((p, at) => ({ p, value: clamp(read[at].value, accumulator.min, accumulator.max) }));
  const numeric: NumericStats = {
    min: accumulator.min,
    max: accumulator.max,
    mean: accumulator.mean,
    stddev: accumulator.stddev,
    quantiles,
    quantilesExact: exact !== undefined,
    quantileErrorBound: exact !== undefined ? 0 : Math.max(0, ...read.map((q) => q.errorBound)),
    histogram: display,
    fineHistogram: fine,
    nan: accumulator.nan,
    infinite: accumulator.infinite,
  };
  return { ...base, numeric };
}

/** NaN or ±∞ only: counts, no distribution. */
function emptyNumeric(accumulator: NumericAccumulator): NumericStats {
  const empty: Histogram = { edges: [], counts: [] };
  return {
    min: Number.NaN,
    max: Number.NaN,
    mean: Number.NaN,
    stddev: Number.NaN,
    quantiles: [],
    quantilesExact: false,
    histogram: empty,
    fineHistogram: empty,
    nan: accumulator.nan,
    infinite: accumulator.infinite,
  };
}

function clamp(value: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, value));
}

/**
 * The fine and display histograms of an accumulated column. Over the column's own range they are
 * the K fine bins and their sums by `perDisplay`; a single value is one bin [v, v]. Binned on a
 * reference, the reference's bins come first, then the extension bins that hold values (from
 * the first to the last such bin on each side), then a first bin [min, …) and a last bin (…, max]
 * for values beyond the extension; the display histogram is the reference's display bins with
 * everything below and above its range in one bin each.
 */
function histogramsOf(accumulator: NumericAccumulator, binning: Binning): { fine: Histogram; display: Histogram } {
  const { counts, bins } = accumulator;
  const edges = Array.from(accumulator.edges);
  if (!binning.fromReference && accumulator.hi === accumulator.lo) {
    const single = { edges: [accumulator.lo, accumulator.hi], counts: [accumulator.finite] };
    return { fine: single, display: single };
  }
  const under = counts[0];
  const over = counts[bins + 1];
  const inner = Array.from(counts.subarray(1, bins + 1));
  // the reference's own bins are [start, end) of `inner`
  const start = binning.extension;
  const end = bins - binning.extension;
  const firstFilled = inner.findIndex((c) => c > 0);
  const lastFilled = inner.length - 1 - [...inner].reverse().findIndex((c) => c > 0);
  const from = firstFilled >= 0 ? Math.min(start, firstFilled) : start;
  const to = firstFilled >= 0 ? Math.max(end, lastFilled + 1) : end;
  const fineEdges = edges.slice(from, to + 1);
  const fineCounts = inner.slice(from, to);
  const per = binning.perDisplay > 0 ? binning.perDisplay : 1;
  const displayEdges: number[] = [edges[start]];
  const displayCounts: number[] = [];
  for (let k = start; k < end; k += per) {
    displayCounts.push(inner.slice(k, Math.min(k + per, end)).reduce((sum, c) => sum + c, 0));
    displayEdges.push(edges[Math.min(k + per, end)]);
  }
  const below = under + inner.slice(0, start).reduce((sum, c) => sum + c, 0);
  const above = over + inner.slice(end).reduce((sum, c) => sum + c, 0);
  const widen = (h: Histogram, low: number, high: number): Histogram => {
    const e = [...h.edges];
    const c = [...h.counts];
    if (low > 0) {
      e.unshift(accumulator.min);
      c.unshift(low);
    }
    if (high > 0) {
      e.push(accumulator.max);
      c.push(high);
    }
    return { edges: e, counts: c };
  };
  return { fine: widen({ edges: fineEdges, counts: fineCounts }, under, over), display: widen({ edges: displayEdges, counts: displayCounts }, below, above) };
}

function temporalColumn(column: DataColumn, rows: number, others: SqlRow, exact: boolean, groupIndex: number): ColumnProfile {
  // temporal columns are counted for the whole data; groups get their row count only
  const count = groupIndex < 0 ? toCount(others[`n:${column.name}`]) : rows;
  const nulls = rows - count;
  return {
    name: column.name,
    sqlType: column.sqlType,
    kind: 'temporal',
    count,
    nulls: { count: nulls, share: rows === 0 ? 0 : nulls / rows },
    distinct: { value: groupIndex < 0 ? toCount(others[`d:${column.name}`]) : 0, exact: groupIndex < 0 && exact },
  };
}

function categoricalColumn(column: DataColumn, kind: ColumnKind, found: CategoryCounts | undefined, rows: number, settings: Settings): ColumnProfile {
  const counts = settleCategoryCounts(found ?? { count: 0, nulls: rows, distinct: 0, top: [], length: undefined }, rows);
  const finalKind: ColumnKind = kind === 'categorical' && counts.distinct > settings.categoryLimit ? 'text' : kind;
  const complete = counts.distinct <= settings.categoryLimit;
  const top = counts.top.slice(0, settings.categoryLimit);
  const kept = top.reduce((sum, entry) => sum + entry.count, 0);
  const categorical: CategoricalStats = {
    top,
    otherCount: counts.count - kept,
    complete,
    ...(counts.length === undefined ? {} : { length: counts.length }),
  };
  return {
    name: column.name,
    sqlType: column.sqlType,
    kind: finalKind,
    count: counts.count,
    nulls: { count: counts.nulls, share: rows === 0 ? 0 : counts.nulls / rows },
    distinct: { value: counts.distinct, exact: true },
    categorical,
  };
}

function requireColumn(opened: OpenData, name: string): void {
  if (!opened.columns.some((column) => column.name === name)) {
    throw new PaydownError('PAYDOWN_USAGE', `no column '${name}' in ${opened.source} (columns: ${opened.columns.map((column) => column.name).join(', ')})`);
  }
}
