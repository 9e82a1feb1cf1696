import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { PaydownError, type Problem } from '../errors.js';
import { openSession, quoteIdent, quoteLiteral, toText, type ErrorMapper, type SqlSession } from './duckdb.js';

/** The file formats paydown reads data from. */
export type DataFormat = 'csv' | 'parquet' | 'json';

/** How to read DATA; everything is optional and detected when left out. */
export interface ReadOptions {
  /** Overrides the format chosen by extension. */
  readonly format?: DataFormat;
  /** CSV: the field delimiter (detected by default). */
  readonly delimiter?: string;
  /** CSV: whether the first line holds column names (detected by default). */
  readonly header?: boolean;
  /** CSV: DuckDB types of some columns, e.g. `{ user_id: 'VARCHAR' }`. */
  readonly columnTypes?: Readonly<Record<string, string>>;
  /** DuckDB worker threads (2 by default). */
  readonly threads?: number;
}

/** One column of a dataset as DuckDB sees it. */
export interface DataColumn {
  readonly name: string;
  readonly sqlType: string;
}

/** A dataset read into a DuckDB session as a view; nothing of it is in the JavaScript heap. */
export interface DataView {
  /** The SQL name of the view over the data (quoted, ready to use in a query). */
  readonly relation: string;
  readonly source: string;
  readonly format: DataFormat;
  readonly columns: readonly DataColumn[];
}

/** Data opened in its own DuckDB session as the view `data`. */
export interface OpenData extends DataView {
  readonly session: SqlSession;
  /** How it was opened (`openData(reopen.data, reopen.options)`), so that another thread can open the same view. */
  readonly reopen?: { readonly data: string; readonly options: ReadOptions };
  close(): void;
}

const extensions: ReadonlyArray<{ readonly pattern: RegExp; readonly format: DataFormat }> = [
  { pattern: /\.(csv|tsv|txt)(\.(gz|zst))?$/i, format: 'csv' },
  { pattern: /\.parquet$/i, format: 'parquet' },
  { pattern: /\.(jsonl|ndjson|json)(\.(gz|zst))?$/i, format: 'json' },
];

/**
 * Opens DATA (a file, a glob such as `events/*.parquet`, or a directory of files of one format)
 * in an in-memory DuckDB as the view `data`. Bad input is a PaydownError (exit 2).
 *
 * @example
 * const data = await openData('clicks.csv', { delimiter: ';' });
 * try { console.log(data.columns); } finally { data.close(); }
 */
export async function openData(data: string, options: ReadOptions = {}): Promise<OpenData> {
  const target = resolveTarget(data, options.format);
  const session = await openSession(dataErrorMapper(data, target, options), options.threads ?? 2);
  try {
    const view = await readInto(session, data, target, 'data', options);
    const reopen = { data, options: readOptionsOf(options) };
    return { ...view, session, reopen, close: () => session.close() };
  } catch (error) {
    session.close();
    throw error;
  }
}

/** Only the reading options (callers often pass a larger options object), as plain values. */
function readOptionsOf(options: ReadOptions): ReadOptions {
  const { format, delimiter, header, columnTypes, threads } = options;
  return {
    ...(format === undefined ? {} : { format }),
    ...(delimiter === undefined ? {} : { delimiter }),
    ...(header === undefined ? {} : { header }),
    ...(columnTypes === undefined ? {} : { columnTypes: { ...columnTypes } }),
    ...(threads === undefined ? {} : { threads }),
  };
}

/**
 * Reads DATA (as `openData` does) into an existing session as the view `viewName`, so that
 * several datasets can be queried together (e.g. joined). Errors while reading it name DATA;
 * `options.threads` is ignored (the session has its own). The caller closes the session.
 *
 * @example
 * const session = await openSession((message) => new PaydownError('PAYDOWN_DATA_UNREADABLE', message));
 * const train = await openDataIn(session, 'train.csv', 'train');
 * const serve = await openDataIn(session, 'serve.parquet', 'serve');
 */
export async function openDataIn(session: SqlSession, data: string, viewName: string, options: ReadOptions = {}): Promise<DataView> {
  const target = resolveTarget(data, options.format);
  return readInto(session.withErrorMapper(dataErrorMapper(data, target, options)), data, target, viewName, options);
}

async function readInto(session: SqlSession, data: string, target: Target, viewName: string, options: ReadOptions): Promise<DataView> {
  if (target.isGlob) {
    const [row] = await session.query(`SELECT count(*) AS n FROM glob(${quoteLiteral(target.pattern)})`);
    if (toText(row?.n) === '0') throw new PaydownError('PAYDOWN_DATA_UNREADABLE', `no files match ${data}`);
  }
  const relation = quoteIdent(viewName);
  let columns = await createView(session, relation, target, options);
  const single = columns.length === 1 ? columns[0]?.name : undefined;
  const delimiter = single === undefined ? undefined : likelyDelimiter(single);
  if (target.format === 'csv' && options.delimiter === undefined && delimiter !== undefined) {
    columns = await createView(session, relation, target, { ...options, delimiter });
  }
  if (columns.length === 0) throw new PaydownError('PAYDOWN_DATA_UNREADABLE', `${data} has no columns`);
  return { relation, source: data, format: target.format, columns };
}

async function createView(session: SqlSession, relation: string, target: Target, options: ReadOptions): Promise<DataColumn[]> {
  await session.run(`CREATE OR REPLACE VIEW ${relation} AS SELECT * FROM ${readExpression(target.pattern, target.format, options)}`);
  const described = await session.query(`DESCRIBE ${relation}`);
  return described.map((row) => ({ name: toText(row.column_name) ?? '', sqlType: toText(row.column_type) ?? '' }));
}

/** When the CSV sniffer gives up (ragged rows confuse it) the header still shows the delimiter. */
function likelyDelimiter(header: string): string | undefined {
  const counts = [',', ';', '\t', '|'].map((candidate) => ({ candidate, count: header.split(candidate).length - 1 }));
  const best = counts.sort((a, b) => b.count - a.count)[0];
  return best !== undefined && best.count > 0 ? best.candidate : undefined;
}

interface Target {
  readonly pattern: string;
  readonly format: DataFormat;
  readonly isGlob: boolean;
}

function resolveTarget(data: string, forced: DataFormat | undefined): Target {
  if (/[*?[]/.test(data)) {
    const format = forced ?? formatOf(data);
    if (format === undefined) throw unknownFormat(data);
    return { pattern: data, format, isGlob: true };
  }
  let stats;
  try {
    stats = statSync(data);
  } catch (error) {
    throw new PaydownError('PAYDOWN_DATA_UNREADABLE', `cannot read ${data}: no such file or directory`, [], { cause: error });
  }
  if (stats.isDirectory()) return directoryTarget(data, forced);
  const format = forced ?? formatOf(data);
  if (format === undefined) throw unknownFormat(data);
  if (stats.size === 0) throw new PaydownError('PAYDOWN_DATA_UNREADABLE', `${data} is empty`, [{ message: 'the file has no bytes', location: { file: data } }]);
  return { pattern: data, format, isGlob: false };
}

function directoryTarget(dir: string, forced: DataFormat | undefined): Target {
  const files = readdirSync(dir).filter((name) => !name.startsWith('.') && !name.startsWith('_'));
  const formats = new Set(files.map((name) => forced ?? formatOf(name)).filter((format) => format !== undefined));
  if (formats.size === 0) throw new PaydownError('PAYDOWN_DATA_UNREADABLE', `no CSV, Parquet or JSON lines files in ${dir}`);
  if (formats.size > 1) throw new PaydownError('PAYDOWN_DATA_UNREADABLE', `${dir} mixes formats (${[...formats].join(', ')}); point at a glob of one format`);
  const format = [...formats][0];
  const suffix = { csv: '*.csv', parquet: '*.parquet', json: '*.json*' }[format];
  return { pattern: path.join(dir, '**', suffix), format, isGlob: true };
}

function formatOf(file: string): DataFormat | undefined {
  return extensions.find((entry) => entry.pattern.test(file))?.format;
}

function unknownFormat(data: string): PaydownError {
  return new PaydownError('PAYDOWN_DATA_UNREADABLE', `cannot tell the format of ${data}: use a .csv, .parquet or .jsonl file, or pass --format`);
}

function readExpression(pattern: string, format: DataFormat, options: ReadOptions): string {
  const file = quoteLiteral(pattern);
  if (format === 'parquet') return `read_parquet(${file}, union_by_name = true)`;
  if (format === 'json') return `read_json_auto(${file}, format = 'newline_delimited')`;
  const settings = ['auto_detect = true', 'strict_mode = true', 'null_padding = false', 'skip = 0'];
  if (options.delimiter !== undefined) settings.push(`delim = ${quoteLiteral(options.delimiter)}`);
  if (options.header !== undefined) settings.push(`header = ${options.header ? 'true' : 'false'}`);
  const types = Object.entries(options.columnTypes ?? {});
  if (types.length > 0) settings.push(`types = {${types.map(([name, type]) => `${quoteLiteral(name)}: ${quoteLiteral(checkedType(type))}`).join(', ')}}`);
  return `read_csv(${file}, ${settings.join(', ')})`;
}

function checkedType(type: string): string {
  if (!/^[A-Za-z][A-Za-z0-9_ ]*(\(\s*\d+\s*(,\s*\d+\s*)?\))?$/.test(type)) throw new PaydownError('PAYDOWN_USAGE', `not a DuckDB column type: ${type}`);
  return type.toUpperCase();
}

/** Explains a DuckDB failure while reading DATA: ragged CSV rows, truncated Parquet and so on. */
function dataErrorMapper(data: string, target: Target, options: ReadOptions): ErrorMapper {
  return (message, cause) => dataError(data, target, options, message, cause);
}

async function dataError(data: string, target: Target, options: ReadOptions, message: string, cause: unknown): Promise<PaydownError> {
  const firstLine = message.split('\n')[0] ?? message;
  if (target.format === 'csv' && /(sniffing|Number of Columns|CSV Error)/i.test(message)) {
    const rejects = await csvRejects(target, options);
    if (rejects.length > 0) {
      return new PaydownError('PAYDOWN_DATA_UNREADABLE', `cannot read ${data}: ${rejects.length === 1 ? 'a row has' : 'rows have'} the wrong number of fields`, rejects, { cause });
    }
  }
  const line = /on line:?\s*(\d+)/i.exec(message)?.[1];
  const location = line === undefined ? { file: data } : { file: data, line: Number(line) };
  return new PaydownError('PAYDOWN_DATA_UNREADABLE', `cannot read ${data}: ${firstLine}`, [{ message: describe(message), location }], { cause });
}

/** Reads the CSV again leniently, only to find the lines that break it (at most five). */
async function csvRejects(target: Target, options: ReadOptions): Promise<Problem[]> {
  const probe = await openSession((message) => new PaydownError('PAYDOWN_DATA_UNREADABLE', message), 1);
  try {
    const settings = ['store_rejects = true'];
    if (options.delimiter !== undefined) settings.push(`delim = ${quoteLiteral(options.delimiter)}`);
    if (options.header !== undefined) settings.push(`header = ${options.header ? 'true' : 'false'}`);
    await probe.query(`SELECT count(*) AS n FROM read_csv(${quoteLiteral(target.pattern)}, ${settings.join(', ')})`);
    const rows = await probe.query('SELECT file_id, line, error_message, csv_line FROM reject_errors ORDER BY file_id, line LIMIT 5');
    const files = await probe.query('SELECT file_id, file_path FROM reject_scans');
    const fileOf = new Map(files.map((row) => [toText(row.file_id), toText(row.file_path) ?? target.pattern]));
    return rows.map((row) => ({
      message: `ragged row: ${toText(row.error_message) ?? 'wrong number of fields'}: ${truncate(toText(row.csv_line) ?? '')}`,
      location: { file: fileOf.get(toText(row.file_id)) ?? target.pattern, line: Number(toText(row.line)) },
    }));
  } catch {
    return [];
  } finally {
    probe.close();
  }
}

function truncate(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function describe(message: string): string {
  if (/Expected Number of Columns/i.test(message)) return 'a row has a different number of fields than the header (ragged row)';
  if (/parquet/i.test(message) && /(magic|footer|too small|corrupt|metadata)/i.test(message)) return 'the Parquet file is truncated or corrupt';
  return (message.split('\n')[0] ?? message).trim();
}

/**
 * Splits `name:TYPE,other:TYPE` (the CLI's `--types`) into a column-type map.
 *
 * @example
 * parseColumnTypes('user_id:VARCHAR,age:INTEGER'); // { user_id: 'VARCHAR', age: 'INTEGER' }
 */
export function parseColumnTypes(text: string): Record<string, string> {
  const types: Record<string, string> = {};
  for (const part of text.split(',')) {
    const at = part.lastIndexOf(':');
    if (at <= 0) throw new PaydownError('PAYDOWN_USAGE', `--types expects name:TYPE pairs separated by commas, got '${part}'`);
    types[part.slice(0, at).trim()] = checkedType(part.slice(at + 1).trim());
  }
  return types;
}

/** The SQL text that selects a column of the data view, quoted safely. */
export function columnSql(name: string): string {
  return quoteIdent(name);
}
