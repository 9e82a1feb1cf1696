import { PaydownError } from '../errors.js';
import { quoteLiteral, toNumber, toText, type SqlJson, type SqlSession } from '../data/duckdb.js';
import { columnSql, openData, type DataColumn, type OpenData, type ReadOptions } from '../data/read-data.js';
import { isNumericType } from '../data/data-schema.js';
import type { FeatureColumn, Task, TrainingData } from './learner.js';

/** What to load: the target column, the features (every other column by default) and which of them are categorical. */
export interface LoadTrainingDataOptions {
  readonly target: string;
  /** Feature columns; every column but the target when left out. */
  readonly features?: readonly string[];
  /** Columns to treat as categorical even when numeric (text and boolean columns always are). */
  readonly categorical?: readonly string[];
  readonly read?: ReadOptions;
}

/** Training data as loaded from a file: the columns plus what the target turned out to be. */
export interface LoadedTrainingData extends TrainingData {
  readonly source: string;
  readonly targetName: string;
  /** `binary` when the target holds exactly two distinct values, `regression` otherwise. */
  readonly task: Task;
  /** Binary targets: the target value read as 1 (and the one read as 0). */
  readonly positiveLabel?: string;
  readonly negativeLabel?: string;
}

const positiveWords = new Set(['yes', 'true', '1', 'y', 't', 'positive', 'pos']);

/**
 * Reads DATA through DuckDB into typed columns, one column at a time: numeric features become
 * Float64Arrays (NaN for null), text, boolean and listed categorical columns become Int32Array
 * codes into sorted categories (-1 for null).
 *
 * The target is binary when it holds exactly two distinct values; the positive one (read as 1)
 * is `yes`, `true`, `1`, `y`, `t` or `positive` when one of the two is such a word, and otherwise
 * the second value in sorted order (numeric order for numbers). A numeric target with more values
 * is a regression target. Anything else is a PaydownError.
 *
 * @example
 * const data = await loadTrainingData('bank.csv', { target: 'y', read: { delimiter: ';' } });
 * data.task; // 'binary'
 */
export async function loadTrainingData(data: string, options: LoadTrainingDataOptions): Promise<LoadedTrainingData> {
  const opened = await openKeepingText(data, options);
  try {
    const byName = new Map(opened.columns.map((column) => [column.name, column]));
    const targetColumn = byName.get(options.target);
    if (targetColumn === undefined) {
      throw new PaydownError('PAYDOWN_USAGE', `${data} has no target column '${options.target}' (columns: ${opened.columns.map((column) => column.name).join(', ')})`);
    }
    const featureNames = options.features ?? opened.columns.map((column) => column.name).filter((name) => name !== options.target);
    const missing = featureNames.filter((name) => !byName.has(name));
    if (missing.length > 0) throw new PaydownError('PAYDOWN_USAGE', `${data} has no feature column${missing.length === 1 ? '' : 's'} ${missing.map((name) => `'${name}'`).join(', ')}`);
    if (featureNames.includes(options.target)) throw new PaydownError('PAYDOWN_USAGE', `the target '${options.target}' cannot also be a feature`);
    const duplicate = featureNames.find((name, index) => featureNames.indexOf(name) !== index);
    if (duplicate !== undefined) throw new PaydownError('PAYDOWN_USAGE', `feature '${duplicate}' is listed twice`);
    const unknownCategorical = (options.categorical ?? []).filter((name) => !featureNames.includes(name));
    if (unknownCategorical.length > 0) throw new PaydownError('PAYDOWN_USAGE', `categorical column${unknownCategorical.length === 1 ? '' : 's'} ${unknownCategorical.map((name) => `'${name}'`).join(', ')} ${unknownCategorical.length === 1 ? 'is' : 'are'} not among the features`);
    const categorical = new Set(options.categorical ?? []);
    const selected = [options.target, ...featureNames].map((name) => columnSql(name)).join(', ');
    await opened.session.run(`CREATE TEMP TABLE training AS SELECT ${selected} FROM data`);

    const target = await readTarget(opened.session, data, targetColumn);
    const columns: FeatureColumn[] = [];
    for (const name of featureNames) {
      const column = byName.get(name) as DataColumn;
      const asCategory = categorical.has(name) || !isNumericType(column.sqlType);
      columns.push(asCategory ? await readCategorical(opened.session, name) : await readNumeric(opened.session, name));
    }
    return { columns, rowCount: target.values.length, source: data, targetName: options.target, ...targetFields(target) };
  } finally {
    opened.close();
  }
}

/**
 * Opens DATA; CSV columns that DuckDB's sniffer reads as BOOLEAN (yes/no, true/false) are read
 * again as text, so that categories and labels keep the words of the file (a served model then
 * sees the same categories as the training data).
 */
async function openKeepingText(data: string, options: LoadTrainingDataOptions): Promise<OpenData> {
  const read = options.read ?? {};
  const opened = await openData(data, read);
  if (opened.format !== 'csv') return opened;
  const wanted = new Set([options.target, ...(options.features ?? opened.columns.map((column) => column.name))]);
  const given = read.columnTypes ?? {};
  const sniffed = opened.columns.filter((column) => wanted.has(column.name) && column.sqlType === 'BOOLEAN' && !Object.hasOwn(given, column.name));
  if (sniffed.length === 0) return opened;
  opened.close();
  const columnTypes = { ...given, ...Object.fromEntries(sniffed.map((column) => [column.name, 'VARCHAR'])) };
  return openData(data, { ...read, columnTypes });
}

interface TargetRead {
  readonly values: Float64Array;
  readonly task: Task;
  readonly positiveLabel?: string;
  readonly negativeLabel?: string;
}

function targetFields(target: TargetRead): Pick<LoadedTrainingData, 'target' | 'task' | 'positiveLabel' | 'negativeLabel'> {
  return {
    target: target.values,
    task: target.task,
    ...(target.positiveLabel === undefined ? {} : { positiveLabel: target.positiveLabel }),
    ...(target.negativeLabel === undefined ? {} : { negativeLabel: target.negativeLabel }),
  };
}

async function readTarget(session: SqlSession, data: string, column: DataColumn): Promise<TargetRead> {
  const sql = columnSql(column.name);
  const [counts] = await session.query(`SELECT count(*) AS n, count(${sql}) AS present, count(DISTINCT ${sql}) AS distinct_values FROM training`);
  const rowCount = toNumber(counts?.n) ?? 0;
  const nulls = rowCount - (toNumber(counts?.present) ?? 0);
  if (rowCount === 0) throw new PaydownError('PAYDOWN_DATA_UNREADABLE', `${data} has no rows`);
  if (nulls > 0) throw new PaydownError('PAYDOWN_DATA_SCHEMA_INVALID', `the target '${column.name}' is missing in ${nulls} of ${rowCount} rows; drop or fill them first`);
  const distinctValues = toNumber(counts?.distinct_values) ?? 0;
  const numeric = isNumericType(column.sqlType);
  if (distinctValues < 2) throw new PaydownError('PAYDOWN_DATA_SCHEMA_INVALID', `the target '${column.name}' has a single value in ${data}; a model needs two classes or varying numbers`);
  if (distinctValues === 2) {
    const order = numeric ? `${sql}` : `CAST(${sql} AS VARCHAR)`;
    const levels = (await session.query(`SELECT DISTINCT CAST(${sql} AS VARCHAR) AS v, ${order} AS k FROM training ORDER BY k`)).map((row) => toText(row.v) ?? '');
    const [first, second] = levels as [string, string];
    const positive = positiveWords.has(first.toLowerCase()) && !positiveWords.has(second.toLowerCase()) ? first : second;
    const negative = positive === first ? second : first;
    const flags = await readList(session, `CAST(CAST(${sql} AS VARCHAR) = ${quoteLiteral(positive)} AS INTEGER)`);
    const values = Float64Array.from(flags, (flag) => (flag === 1 ? 1 : 0));
    return { values, task: 'binary', positiveLabel: positive, negativeLabel: negative };
  }
  if (!numeric) {
    throw new PaydownError('PAYDOWN_DATA_SCHEMA_INVALID', `the target '${column.name}' has ${distinctValues} distinct text values; it must be binary (two values) or numeric (regression)`);
  }
  const values = await readDoubles(session, column.name);
  const bad = values.findIndex((value) => !Number.isFinite(value));
  if (bad >= 0) throw new PaydownError('PAYDOWN_DATA_SCHEMA_INVALID', `the target '${column.name}' is not a finite number in row ${bad + 1}`);
  return { values, task: 'regression' };
}

async function readNumeric(session: SqlSession, name: string): Promise<FeatureColumn> {
  return { name, kind: 'numeric', values: await readDoubles(session, name) };
}

async function readDoubles(session: SqlSession, name: string): Promise<Float64Array> {
  const list = await readList(session, `CAST(${columnSql(name)} AS DOUBLE)`);
  const values = new Float64Array(list.length);
  for (let i = 0; i < list.length; i++) {
    const value = toNumber(list[i]);
    values[i] = value === null || !Number.isFinite(value) ? Number.NaN : value;
  }
  return values;
}

async function readCategorical(session: SqlSession, name: string): Promise<FeatureColumn> {
  const sql = columnSql(name);
  const categories = (await session.query(`SELECT DISTINCT CAST(${sql} AS VARCHAR) AS v FROM training WHERE ${sql} IS NOT NULL ORDER BY v`)).map((row) => toText(row.v) ?? '');
  const codeOf = new Map(categories.map((category, code) => [category, code]));
  const list = await readList(session, `CAST(${sql} AS VARCHAR)`);
  const codes = new Int32Array(list.length);
  for (let i = 0; i < list.length; i++) {
    const text = toText(list[i]);
    codes[i] = text === null ? -1 : (codeOf.get(text) ?? -1);
  }
  return { name, kind: 'categorical', codes, categories };
}

/** One column of the materialised table as a JSON list, in row order. */
async function readList(session: SqlSession, expression: string): Promise<SqlJson[]> {
  const [row] = await session.query(`SELECT list(${expression} ORDER BY rowid) AS v FROM training`);
  const list = row?.v;
  return Array.isArray(list) ? list : [];
}
