import { PaydownError } from '../../errors.js';
import { quoteIdent, toNumber, toText, type SqlSession } from '../../data/duckdb.js';
import { openData, type DataColumn, type DataView, type ReadOptions } from '../../data/read-data.js';

/** Which columns of a predictions file to read. */
export interface PredictionColumns {
  /** The 0/1 outcome; optional where a command works without labels (compare). */
  readonly label?: string;
  /** The predicted probability of the positive class. */
  readonly score: string;
  /** Columns that cut the rows into slices; read as text, NULL becomes `(null)`. */
  readonly slices?: readonly string[];
}

/** Labels, scores and slice values pulled into typed arrays, in the order of the file. */
export interface Predictions {
  readonly source: string;
  readonly rows: number;
  readonly labels?: Float64Array;
  readonly scores: Float64Array;
  /** Slice column → the value of each row. */
  readonly slices: Readonly<Record<string, readonly string[]>>;
}

/** Shown for a NULL slice value, as `paydown drift --slice` does. */
export const NULL_SLICE = '(null)';

/**
 * Reads labels, scores and slice columns of a predictions file (CSV, Parquet, JSON lines, a glob
 * or a folder) through DuckDB, pulling only those columns. Checks what every metric needs:
 * the columns exist, labels are 0/1 (booleans count as 0/1), scores are numbers in [0, 1], and
 * no value is missing. Any problem is a PaydownError (exit 2) naming the column and the first
 * offending row (1-based, in file order).
 *
 * @example
 * const predictions = await readPredictions('validation.csv', { label: 'clicked', score: 'p', slices: ['country'] });
 */
export async function readPredictions(data: string, columns: PredictionColumns, read: ReadOptions = {}): Promise<Predictions> {
  const opened = await openData(data, read);
  try {
    return await readPredictionsFrom(opened.session, opened, columns);
  } finally {
    opened.close();
  }
}

/**
 * The same from a view already open in a session (e.g. one of two joined files). `view.relation`
 * may be any relation, such as a join, as long as `view.columns` lists its columns.
 *
 * @example
 * const view = await openDataIn(session, 'baseline.csv', 'baseline');
 * const baseline = await readPredictionsFrom(session, view, { score: 'p' });
 */
export async function readPredictionsFrom(session: SqlSession, view: DataView, columns: PredictionColumns): Promise<Predictions> {
  const wanted = [...(columns.label === undefined ? [] : [columns.label]), columns.score, ...(columns.slices ?? [])];
  for (const name of wanted) requireColumn(view, name);
  const label = columns.label === undefined ? undefined : view.columns.find((c) => c.name === columns.label)!;
  const score = view.columns.find((c) => c.name === columns.score)!;
  if (label !== undefined) await checkNumeric(session, view, label, 'label');
  await checkNumeric(session, view, score, 'score');
  const select = [
    ...(label === undefined ? [] : [`CAST(${quoteIdent(label.name)} AS DOUBLE) AS y`]),
    `CAST(${quoteIdent(score.name)} AS DOUBLE) AS p`,
    ...(columns.slices ?? []).map((name, k) => `COALESCE(CAST(${quoteIdent(name)} AS VARCHAR), '${NULL_SLICE}') AS s${k}`),
  ];
  const rows = await session.query(`SELECT ${select.join(', ')} FROM ${view.relation}`);
  const labels = label === undefined ? undefined : new Float64Array(rows.length);
  const scores = new Float64Array(rows.length);
  const slices: Record<string, string[]> = {};
  (columns.slices ?? []).forEach((name) => (slices[name] = new Array<string>(rows.length)));
  const sliceNames = columns.slices ?? [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (labels !== undefined) {
      const y = toNumber(row.y);
      if (y === null) throw missing(view.source, label!.name, 'label', i);
      if (y !== 0 && y !== 1) {
        throw new PaydownError('PAYDOWN_DATA_SCHEMA_INVALID', `${view.source}: label column '${label!.name}' must hold 0 or 1 (or true/false); row ${i + 1} has ${y}`, [
          { message: 'binary labels are needed; recode the outcome to 0/1', location: { file: view.source } },
        ]);
      }
      labels[i] = y;
    }
    const p = toNumber(row.p);
    if (p === null) throw missing(view.source, score.name, 'score', i);
    if (!(p >= 0 && p <= 1)) {
      throw new PaydownError('PAYDOWN_DATA_SCHEMA_INVALID', `${view.source}: score column '${score.name}' must hold probabilities in [0, 1]; row ${i + 1} has ${p}`, [
        { message: 'pass the predicted probability of the positive class, not a raw margin or logit', location: { file: view.source } },
      ]);
    }
    scores[i] = p;
    sliceNames.forEach((name, k) => (slices[name][i] = toText(row[`s${k}`]) ?? NULL_SLICE));
  }
  if (rows.length === 0) throw new PaydownError('PAYDOWN_DATA_UNREADABLE', `${view.source} has no rows`);
  return { source: view.source, rows: rows.length, ...(labels === undefined ? {} : { labels }), scores, slices };
}

/** Throws a PaydownError listing the columns when `name` is not one of them. */
export function requireColumn(view: Pick<DataView, 'columns' | 'source'>, name: string): DataColumn {
  const column = view.columns.find((c) => c.name === name);
  if (column !== undefined) return column;
  const names = view.columns.map((c) => c.name);
  const near = names.find((candidate) => candidate.toLowerCase() === name.toLowerCase());
  throw new PaydownError(
    'PAYDOWN_USAGE',
    `${view.source} has no column '${name}'${near === undefined ? '' : ` (did you mean '${near}'?)`}; its columns are: ${names.join(', ')}`,
  );
}

async function checkNumeric(session: SqlSession, view: DataView, column: DataColumn, role: 'label' | 'score'): Promise<void> {
  const ident = quoteIdent(column.name);
  const [row] = await session.query(
    `SELECT min(rn) FILTER (WHERE v IS NOT NULL AND TRY_CAST(v AS DOUBLE) IS NULL) AS bad, arg_min(CAST(v AS VARCHAR), rn) FILTER (WHERE v IS NOT NULL AND TRY_CAST(v AS DOUBLE) IS NULL) AS example FROM (SELECT ${ident} AS v, row_number() OVER () AS rn FROM ${view.relation})`,
  );
  const bad = toNumber(row?.bad ?? null);
  if (bad === null) return;
  const example = toText(row?.example ?? null) ?? '';
  const hint = role === 'label' ? 'labels must be 0/1 or true/false' : 'scores must be numbers (probabilities in [0, 1])';
  throw new PaydownError(
    'PAYDOWN_DATA_SCHEMA_INVALID',
    `${view.source}: ${role} column '${column.name}' (${column.sqlType}) is not numeric: row ${bad} has '${example}'; ${hint}`,
  );
}

function missing(source: string, column: string, role: string, row: number): PaydownError {
  return new PaydownError('PAYDOWN_DATA_SCHEMA_INVALID', `${source}: ${role} column '${column}' has a missing value at row ${row + 1}; drop or fill the rows without a ${role} first`);
}
