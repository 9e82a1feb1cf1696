import { PaydownError } from '../errors.js';
import { quoteIdent, quoteLiteral, toCount, toNumber, toText, type SqlJson, type SqlRow, type SqlSession } from './duckdb.js';
import type { CategoricalStats, ColumnKind, ColumnProfile, DatasetProfile, Histogram, NumericStats } from './profile-types.js';
import { withProgress } from './progress.js';
import { openData, type DataColumn, type OpenData, type ReadOptions } from './read-data.js';

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
  /** Up to this many rows, distinct counts and quantiles are exact (default 1,000,000). */
  readonly exactRows?: number;
  /** Top values kept per column; all categories kept when at most this many (default 1,000). */
  readonly categoryLimit?: number;
  /** Bins of the fine histogram (default 1,000) and of the display histogram (default 20; must divide it). */
  readonly fineBins?: number;
  readonly displayBins?: number;
  /** At most this many groups (default 1,000). */
  readonly maxGroups?: number;
  /** The profile's `createdAt` (default now). */
  readonly now?: Date;
}

const defaultQuantiles = [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99];

/**
 * Profiles DATA (a file, glob or directory) with SQL aggregates in DuckDB: per column counts,
 * nulls, distinct values, numeric statistics with quantiles and histograms, and top values.
 * Data is never loaded into the JavaScript heap.
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

/** Profiles data already opened with `openData`. */
export async function profileOpened(opened: OpenData, options: ProfileOptions = {}): Promise<DatasetProfile> {
  const settings = settle(options);
  const whole = await withProgress(`profiling ${opened.source}`, () => profileRelation(opened.session, opened.relation, opened.columns, settings));
  const base = { format: 'paydown.profile/v1' as const, source: opened.source, createdAt: (options.now ?? new Date()).toISOString(), rows: whole.rows, columns: whole.columns };
  if (options.by === undefined && options.slice === undefined) return base;
  const groups = await withProgress(`profiling groups of ${opened.source}`, () => profileGroups(opened, options, settings));
  return { ...base, groups };
}

interface Settings {
  readonly quantiles: readonly number[];
  readonly exactRows: number;
  readonly categoryLimit: number;
  readonly fineBins: number;
  readonly displayBins: number;
}

function settle(options: ProfileOptions): Settings {
  const fineBins = options.fineBins ?? 1000;
  const displayBins = options.displayBins ?? 20;
  if (fineBins % displayBins !== 0) throw new PaydownError('PAYDOWN_USAGE', `display bins (${displayBins}) must divide fine bins (${fineBins})`);
  const quantiles = options.quantiles ?? defaultQuantiles;
  if (quantiles.some((p) => !(p >= 0 && p <= 1))) throw new PaydownError('PAYDOWN_USAGE', 'quantile probabilities must be between 0 and 1');
  return { quantiles, exactRows: options.exactRows ?? 1_000_000, categoryLimit: options.categoryLimit ?? 1000, fineBins, displayBins };
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

interface RelationProfile {
  readonly rows: number;
  readonly columns: ColumnProfile[];
}

async function profileRelation(session: SqlSession, relation: string, columns: readonly DataColumn[], settings: Settings): Promise<RelationProfile> {
  const [counted] = await session.query(`SELECT count(*) AS n FROM ${relation}`);
  const rows = toCount(counted?.n);
  const exact = rows <= settings.exactRows;
  const [aggregates] = await session.query(`SELECT ${columns.flatMap((column, index) => aggregateTerms(column, index, exact, settings)).join(', ')} FROM ${relation}`);
  const row: SqlRow = aggregates ?? {};
  const kinds = columns.map((column, index) => {
    const kind = kindOfType(column.sqlType);
    return kind === 'categorical' && toCount(row[`d${index}`]) > settings.categoryLimit ? 'text' : kind;
  });
  const histograms = await histogramsOf(session, relation, columns, kinds, row, settings);
  const tops = await topsOf(session, relation, columns, kinds, settings);
  const profiles = columns.map((column, index): ColumnProfile => {
    const kind = kinds[index] ?? 'text';
    const count = toCount(row[`n${index}`]);
    const nulls = rows - count;
    const numeric = kind === 'numeric' && toNumber(row[`min${index}`]) !== null ? numericStats(row, index, exact, settings, histograms.get(index)) : undefined;
    const categorical = kind === 'numeric' || kind === 'temporal' ? undefined : categoricalStats(row, index, count, tops.get(index) ?? [], settings);
    return {
      name: column.name,
      sqlType: column.sqlType,
      kind,
      count,
      nulls: { count: nulls, share: rows === 0 ? 0 : nulls / rows },
      distinct: { value: toCount(row[`d${index}`]), exact },
      ...(numeric ? { numeric } : {}),
      ...(categorical ? { categorical } : {}),
    };
  });
  return { rows, columns: profiles };
}

function aggregateTerms(column: DataColumn, index: number, exact: boolean, settings: Settings): string[] {
  const q = quoteIdent(column.name);
  const terms = [`count(${q}) AS n${index}`, exact ? `count(DISTINCT ${q}) AS d${index}` : `approx_count_distinct(${q}) AS d${index}`];
  const kind = kindOfType(column.sqlType);
  if (kind === 'numeric') {
    const x = `CAST(${q} AS DOUBLE)`;
    const finite = `FILTER (WHERE isfinite(${x}))`;
    const ps = `[${settings.quantiles.map((p) => String(p)).join(', ')}]`;
    terms.push(
      `count(*) FILTER (WHERE isnan(${x})) AS nan${index}`,
      `count(*) FILTER (WHERE isinf(${x})) AS inf${index}`,
      `min(${x}) ${finite} AS min${index}`,
      `max(${x}) ${finite} AS max${index}`,
      `avg(${x}) ${finite} AS mean${index}`,
      `stddev_samp(${x}) ${finite} AS sd${index}`,
      exact ? `quantile_cont(${x}, ${ps}) ${finite} AS q${index}` : `approx_quantile(${x}, ${ps}) ${finite} AS q${index}`,
    );
  } else if (kind === 'categorical' || kind === 'text') {
    const length = `length(CAST(${q} AS VARCHAR))`;
    terms.push(`min(${length}) AS lmin${index}`, `max(${length}) AS lmax${index}`, `avg(${length}) AS lmean${index}`);
  }
  return terms;
}

interface Binned {
  readonly fine: Histogram;
  readonly display: Histogram;
}

async function histogramsOf(session: SqlSession, relation: string, columns: readonly DataColumn[], kinds: readonly ColumnKind[], row: SqlRow, settings: Settings): Promise<Map<number, Binned>> {
  const result = new Map<number, Binned>();
  const spread: number[] = [];
  columns.forEach((_column, index) => {
    if (kinds[index] !== 'numeric') return;
    const min = toNumber(row[`min${index}`]);
    const max = toNumber(row[`max${index}`]);
    if (min === null || max === null) return;
    if (min === max) {
      const finite = toCount(row[`n${index}`]) - toCount(row[`nan${index}`]) - toCount(row[`inf${index}`]);
      const single = { edges: [min, max], counts: [finite] };
      result.set(index, { fine: single, display: single });
      return;
    }
    spread.push(index);
  });
  if (spread.length === 0) return result;
  const terms = spread.map((index) => {
    const column = columns[index];
    const x = `CAST(${quoteIdent(column.name)} AS DOUBLE)`;
    const min = sqlNumber(toNumber(row[`min${index}`]) ?? 0);
    const max = sqlNumber(toNumber(row[`max${index}`]) ?? 0);
    const bin = `least(greatest(floor((${x} - ${min}) / (${max} - ${min}) * ${settings.fineBins}), 0), ${settings.fineBins - 1})::INTEGER`;
    return `histogram(${bin}) FILTER (WHERE isfinite(${x})) AS h${index}`;
  });
  const lists = spread.map((index) => `map_keys(h${index}) AS k${index}, map_values(h${index}) AS v${index}`).join(', ');
  const [binned] = await session.query(`SELECT ${lists} FROM (SELECT ${terms.join(', ')} FROM ${relation})`);
  for (const index of spread) {
    const keys = listOf(binned?.[`k${index}`]);
    const values = listOf(binned?.[`v${index}`]);
    const fineCounts = new Array<number>(settings.fineBins).fill(0);
    keys.forEach((key, at) => {
      const bin = toNumber(key);
      if (bin !== null) fineCounts[bin] = (fineCounts[bin] ?? 0) + toCount(values[at]);
    });
    const min = toNumber(row[`min${index}`]) ?? 0;
    const max = toNumber(row[`max${index}`]) ?? 0;
    const per = settings.fineBins / settings.displayBins;
    const displayCounts = new Array<number>(settings.displayBins).fill(0);
    fineCounts.forEach((count, bin) => {
      const at = Math.floor(bin / per);
      displayCounts[at] = (displayCounts[at] ?? 0) + count;
    });
    result.set(index, { fine: { edges: edgesOf(min, max, settings.fineBins), counts: fineCounts }, display: { edges: edgesOf(min, max, settings.displayBins), counts: displayCounts } });
  }
  return result;
}

function edgesOf(min: number, max: number, bins: number): number[] {
  return Array.from({ length: bins + 1 }, (_unused, k) => (k === bins ? max : min + ((max - min) * k) / bins));
}

function sqlNumber(value: number): string {
  return `CAST(${quoteLiteral(String(value))} AS DOUBLE)`;
}

function listOf(value: SqlJson | undefined): SqlJson[] {
  return Array.isArray(value) ? value : [];
}

type Top = Array<{ value: string; count: number }>;

async function topsOf(session: SqlSession, relation: string, columns: readonly DataColumn[], kinds: readonly ColumnKind[], settings: Settings): Promise<Map<number, Top>> {
  const wanted = columns.map((_column, index) => index).filter((index) => kinds[index] === 'categorical' || kinds[index] === 'boolean' || kinds[index] === 'text');
  const result = new Map<number, Top>();
  if (wanted.length === 0) return result;
  const casts = wanted.map((index) => `CAST(${quoteIdent((columns[index]).name)} AS VARCHAR) AS c${index}`).join(', ');
  const rows = await session.query(
    `SELECT name, value, n FROM (SELECT name, value, count(*) AS n FROM (UNPIVOT (SELECT ${casts} FROM ${relation}) ON COLUMNS(*) INTO NAME name VALUE value) GROUP BY name, value) ` +
      `QUALIFY row_number() OVER (PARTITION BY name ORDER BY n DESC, value) <= ${settings.categoryLimit + 1} ORDER BY name, n DESC, value`,
  );
  for (const row of rows) {
    const index = Number((toText(row.name) ?? 'c-1').slice(1));
    const list = result.get(index) ?? [];
    list.push({ value: toText(row.value) ?? '', count: toCount(row.n) });
    result.set(index, list);
  }
  return result;
}

function numericStats(row: SqlRow, index: number, exact: boolean, settings: Settings, binned: Binned | undefined): NumericStats {
  const values = listOf(row[`q${index}`]);
  const empty: Histogram = { edges: [], counts: [] };
  return {
    min: toNumber(row[`min${index}`]) ?? Number.NaN,
    max: toNumber(row[`max${index}`]) ?? Number.NaN,
    mean: toNumber(row[`mean${index}`]) ?? Number.NaN,
    stddev: toNumber(row[`sd${index}`]) ?? Number.NaN,
    quantiles: values.length === 0 ? [] : settings.quantiles.map((p, at) => ({ p, value: toNumber(values[at]) ?? Number.NaN })),
    quantilesExact: exact,
    histogram: binned?.display ?? empty,
    fineHistogram: binned?.fine ?? empty,
    nan: toCount(row[`nan${index}`]),
    infinite: toCount(row[`inf${index}`]),
  };
}

function categoricalStats(row: SqlRow, index: number, count: number, found: Top, settings: Settings): CategoricalStats {
  const complete = found.length <= settings.categoryLimit;
  const top = found.slice(0, settings.categoryLimit);
  const kept = top.reduce((sum, entry) => sum + entry.count, 0);
  const lmin = toNumber(row[`lmin${index}`]);
  const lmax = toNumber(row[`lmax${index}`]);
  const lmean = toNumber(row[`lmean${index}`]);
  return {
    top,
    otherCount: count - kept,
    complete,
    ...(lmin !== null && lmax !== null && lmean !== null ? { length: { min: lmin, max: lmax, mean: lmean } } : {}),
  };
}

async function profileGroups(opened: OpenData, options: ProfileOptions, settings: Settings): Promise<NonNullable<DatasetProfile['groups']>> {
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
  const limit = options.maxGroups ?? 1000;
  const found = await opened.session.query(`SELECT DISTINCT ${keys.map((key, at) => `${key.sql} AS g${at}`).join(', ')} FROM ${opened.relation} ORDER BY ALL LIMIT ${limit + 1}`);
  if (found.length > limit) throw new PaydownError('PAYDOWN_USAGE', `more than ${limit} groups; group by a coarser period or a column with fewer values`);
  const groups = [];
  for (const group of found) {
    const values = keys.map((_key, at) => toText(group[`g${at}`]));
    const where = keys.map((key, at) => (values[at] === null ? `${key.sql} IS NULL` : `${key.sql} = ${quoteLiteral(values[at] ?? '')}`)).join(' AND ');
    const profiled = await profileRelation(opened.session, `(SELECT * FROM ${opened.relation} WHERE ${where})`, opened.columns, settings);
    const key: Record<string, string> = {};
    keys.forEach((entry, at) => {
      key[entry.name] = values[at] ?? '(null)';
    });
    groups.push({ key, rows: profiled.rows, columns: profiled.columns });
  }
  return groups;
}

function requireColumn(opened: OpenData, name: string): void {
  if (!opened.columns.some((column) => column.name === name)) {
    throw new PaydownError('PAYDOWN_USAGE', `no column '${name}' in ${opened.source} (columns: ${opened.columns.map((column) => column.name).join(', ')})`);
  }
}
