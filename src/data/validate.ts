import { quoteIdent, quoteLiteral, toCount, toText, type SqlJson, type SqlRow } from './duckdb.js';
import { typeFamilyOf, type ColumnSchema, type ColumnType, type DataSchema } from './data-schema.js';
import { withProgress } from './progress.js';
import { openData, type DataColumn, type OpenData, type ReadOptions } from './read-data.js';

/** The kinds of anomaly `validateData` reports, in report order. */
export const ANOMALY_TYPES = [
  'missing-column',
  'new-column',
  'type-mismatch',
  'nulls-over-limit',
  'out-of-range',
  'unseen-category',
  'nan-in-float',
  'duplicate-key',
  'row-count-out-of-bounds',
] as const;
export type AnomalyType = (typeof ANOMALY_TYPES)[number];

/** One way the data breaks the schema. */
export interface Anomaly {
  /** Stable across runs: `type:column` (`type` alone for dataset-wide anomalies). */
  readonly id: string;
  readonly type: AnomalyType;
  /** The column (for a composite key, the key columns joined by commas); null for the dataset. */
  readonly column: string | null;
  /** How many rows (values) break the expectation; see docs/data-schema.md for each type. */
  readonly count: number;
  /** Up to 5 offending values, as text. */
  readonly examples: readonly string[];
  /** What the schema expects. */
  readonly expected: string;
  /** One line for a person. */
  readonly message: string;
}

/** The result of validating data against a data schema (`paydown.validation/v1`). */
export interface ValidationResult {
  readonly format: 'paydown.validation/v1';
  readonly source: string;
  readonly schema: string | null;
  readonly rows: number;
  readonly valid: boolean;
  /** Anomalies per type (types without any are left out). */
  readonly summary: Readonly<Partial<Record<AnomalyType, number>>>;
  readonly anomalies: readonly Anomaly[];
}

/** How to read DATA, and the name of the schema file for the report. */
export interface ValidateOptions extends ReadOptions {
  readonly schemaFile?: string;
}

const EXAMPLES = 5;

/**
 * Validates DATA against a data schema in DuckDB with one aggregate scan over all columns (plus a
 * small query per duplicate-key anomaly for its examples). Data never enters the JavaScript heap.
 *
 * @example
 * const result = await validateData('clicks.parquet', readDataSchema('clicks.schema.yaml'));
 * if (!result.valid) process.exitCode = 1;
 */
export async function validateData(data: string, schema: DataSchema, options: ValidateOptions = {}): Promise<ValidationResult> {
  const opened = await openData(data, options);
  try {
    return await withProgress(`validating ${data}`, () => validateOpened(opened, schema, options.schemaFile ?? null));
  } finally {
    opened.close();
  }
}

interface Check {
  readonly type: AnomalyType;
  readonly column: string;
  /** SQL condition selecting offending rows, or a full count expression when `countSql` is set. */
  readonly condition?: string;
  readonly countSql?: string;
  /** SQL of the offending value as text, for examples. */
  readonly exampleSql?: string;
  readonly expected: string;
  /** Whether a count above zero is an anomaly (nulls: compared with a limit). */
  readonly isAnomaly?: (count: number, rows: number) => boolean;
  readonly examplesQuery?: (session: OpenData) => Promise<string[]>;
}

interface Conversion {
  /** SQL true for a non-null value that cannot be read as the schema type (undefined: always readable). */
  readonly bad?: string;
  /** SQL of the value as the schema type. */
  readonly value: string;
}

/** Validates data already opened with `openData`. */
export async function validateOpened(opened: OpenData, schema: DataSchema, schemaFile: string | null = null): Promise<ValidationResult> {
  const present = new Map<string, DataColumn>(opened.columns.map((column) => [column.name, column]));
  const anomalies: Anomaly[] = [];
  const missing: Array<{ name: string; type: ColumnType }> = [];
  const checks: Check[] = [];
  const keyColumns = schema.dataset?.key ?? [];
  const singleKey = keyColumns.length === 1 ? keyColumns[0] : undefined;

  for (const [name, column] of Object.entries(schema.columns)) {
    const found = present.get(name);
    if (found === undefined) {
      if (column.required !== false) missing.push({ name, type: column.type });
      continue;
    }
    checks.push(...columnChecks(name, column, found, name === singleKey));
  }
  for (const column of opened.columns) {
    if (schema.columns[column.name] !== undefined) continue;
    const x = quoteIdent(column.name);
    checks.push({ type: 'new-column', column: column.name, condition: `${x} IS NOT NULL`, exampleSql: `CAST(${x} AS VARCHAR)`, expected: `only the ${Object.keys(schema.columns).length} columns of the schema`, isAnomaly: () => true });
  }
  const keyInColumns = singleKey !== undefined && schema.columns[singleKey] !== undefined;
  if (keyColumns.length > 0 && !keyInColumns && keyColumns.every((name) => present.has(name))) checks.push(keyCheck(keyColumns));

  const terms = ['count(*) AS rows'];
  checks.forEach((check, index) => {
    terms.push(check.countSql !== undefined ? `${check.countSql} AS n${index}` : `count(*) FILTER (WHERE ${check.condition ?? 'false'}) AS n${index}`);
    if (check.exampleSql !== undefined && check.condition !== undefined) terms.push(`min(DISTINCT ${check.exampleSql}, ${EXAMPLES}) FILTER (WHERE ${check.condition}) AS e${index}`);
  });
  const [row] = await opened.session.query(`SELECT ${terms.join(', ')} FROM ${opened.relation}`);
  const result: SqlRow = row ?? {};
  const rows = toCount(result.rows);

  for (const [index, check] of checks.entries()) {
    const count = toCount(result[`n${index}`]);
    const wanted = check.isAnomaly ?? ((n: number) => n > 0);
    if (!wanted(count, rows)) continue;
    const examples = check.examplesQuery !== undefined ? await check.examplesQuery(opened) : distinctTexts(result[`e${index}`]);
    anomalies.push(anomaly(check.type, check.column, count, examples, check.expected));
  }
  for (const column of missing) anomalies.push(anomaly('missing-column', column.name, rows, [], `a ${column.type} column '${column.name}'`));

  const dataset = schema.dataset;
  const tooFew = dataset?.minRows !== undefined && rows < dataset.minRows;
  const tooMany = dataset?.maxRows !== undefined && rows > dataset.maxRows;
  if (tooFew || tooMany) {
    const bounds = [dataset?.minRows !== undefined ? `${dataset.minRows} ≤` : '', 'rows', dataset?.maxRows !== undefined ? `≤ ${dataset.maxRows}` : ''].filter((part) => part !== '').join(' ');
    anomalies.push(anomaly('row-count-out-of-bounds', null, rows, [], bounds));
  }

  const order = new Map<string, number>(Object.keys(schema.columns).map((name, index) => [name, index]));
  opened.columns.forEach((column, index) => {
    if (!order.has(column.name)) order.set(column.name, Object.keys(schema.columns).length + index);
  });
  anomalies.sort((a, b) => ANOMALY_TYPES.indexOf(a.type) - ANOMALY_TYPES.indexOf(b.type) || (order.get(a.column ?? '') ?? -1) - (order.get(b.column ?? '') ?? -1));
  const summary: Partial<Record<AnomalyType, number>> = {};
  for (const found of anomalies) summary[found.type] = (summary[found.type] ?? 0) + 1;
  return { format: 'paydown.validation/v1', source: opened.source, schema: schemaFile, rows, valid: anomalies.length === 0, summary, anomalies };
}

function columnChecks(name: string, column: ColumnSchema, found: DataColumn, isKey: boolean): Check[] {
  const x = quoteIdent(name);
  const from = typeFamilyOf(found.sqlType);
  const conversion = convert(x, from, column.type);
  const readable = conversion.bad === undefined ? `${x} IS NOT NULL` : `(${x} IS NOT NULL AND NOT coalesce(${conversion.bad}, true))`;
  const v = conversion.value;
  const text = `CAST(${x} AS VARCHAR)`;
  const checks: Check[] = [];
  if (conversion.bad !== undefined) {
    checks.push({ type: 'type-mismatch', column: name, condition: `${x} IS NOT NULL AND coalesce(${conversion.bad}, true)`, exampleSql: text, expected: `${column.type} values (the data column is ${found.sqlType})` });
  }
  if (column.nullable === false || column.maxNullShare !== undefined) {
    const limit = column.nullable === false ? 0 : (column.maxNullShare ?? 1);
    checks.push({
      type: 'nulls-over-limit',
      column: name,
      condition: `${x} IS NULL`,
      expected: limit === 0 ? 'no nulls' : `at most ${formatShare(limit)} nulls`,
      isAnomaly: (count, rows) => (limit === 0 ? count > 0 : rows > 0 && count / rows > limit),
    });
  }
  const isFloat = column.type === 'float';
  const notNaN = isFloat ? ` AND NOT isnan(${v})` : '';
  if (isFloat && column.allowNaN !== true) {
    checks.push({ type: 'nan-in-float', column: name, condition: `${readable} AND isnan(${v})`, exampleSql: text, expected: 'no NaN values (set allowNaN: true to allow them)' });
  }
  const ranged = column.type !== 'string' && column.type !== 'boolean';
  if (ranged && (column.min !== undefined || column.max !== undefined)) {
    const outside = [column.min !== undefined ? `${v} < ${literal(column.min, column.type)}` : '', column.max !== undefined ? `${v} > ${literal(column.max, column.type)}` : ''].filter((part) => part !== '').join(' OR ');
    const expected = [column.min !== undefined ? `${String(column.min)} ≤` : '', 'value', column.max !== undefined ? `≤ ${String(column.max)}` : ''].filter((part) => part !== '').join(' ');
    checks.push({ type: 'out-of-range', column: name, condition: `${readable}${notNaN} AND (${outside})`, exampleSql: text, expected });
  }
  if (column.allowed !== undefined) {
    const numeric = column.type === 'integer' || column.type === 'float';
    const allowed = column.allowed;
    const outside =
      allowed.length === 0
        ? 'true'
        : numeric
          ? `${v} NOT IN (${allowed.map((value) => literal(Number(value), 'float')).join(', ')})`
          : `CAST(${v} AS VARCHAR) NOT IN (${allowed.map((value) => quoteLiteral(String(value))).join(', ')})`;
    const shown = allowed.slice(0, 10).map((value) => String(value)).join(', ');
    checks.push({ type: 'unseen-category', column: name, condition: `${readable} AND ${outside}`, exampleSql: text, expected: `one of ${shown}${allowed.length > 10 ? `, ... (${allowed.length} values)` : ''}` });
  }
  if (column.unique === true || isKey) {
    checks.push({
      type: 'duplicate-key',
      column: name,
      countSql: `count(${v}) FILTER (WHERE ${readable}) - count(DISTINCT ${v}) FILTER (WHERE ${readable})`,
      expected: 'no two rows share a value',
      examplesQuery: async (opened) => {
        const rows = await opened.session.query(`SELECT ${text} AS v FROM ${opened.relation} WHERE ${readable} GROUP BY ${v}, ${text} HAVING count(*) > 1 ORDER BY count(*) DESC, v LIMIT ${EXAMPLES}`);
        return rows.map((row) => toText(row.v) ?? '');
      },
    });
  }
  return checks;
}

function keyCheck(keys: readonly string[]): Check {
  const columns = keys.map(quoteIdent);
  if (keys.length === 1) {
    const x = columns[0] ?? '';
    return {
      type: 'duplicate-key',
      column: keys[0] ?? '',
      countSql: `count(${x}) - count(DISTINCT ${x})`,
      expected: 'no two rows share a value',
      examplesQuery: async (opened) => {
        const rows = await opened.session.query(`SELECT CAST(${x} AS VARCHAR) AS v FROM ${opened.relation} WHERE ${x} IS NOT NULL GROUP BY ${x} HAVING count(*) > 1 ORDER BY count(*) DESC, v LIMIT ${EXAMPLES}`);
        return rows.map((row) => toText(row.v) ?? '');
      },
    };
  }
  const tuple = `row(${columns.join(', ')})`;
  const label = keys.join(',');
  const shown = keys.map((key, index) => `${quoteLiteral(`${key}=`)} || coalesce(CAST(${columns[index]} AS VARCHAR), 'null')`).join(` || ', ' || `);
  return {
    type: 'duplicate-key',
    column: label,
    countSql: `count(*) - count(DISTINCT ${tuple})`,
    expected: `no two rows share (${keys.join(', ')})`,
    examplesQuery: async (opened) => {
      const rows = await opened.session.query(`SELECT ${shown} AS v FROM ${opened.relation} GROUP BY ${columns.join(', ')} HAVING count(*) > 1 ORDER BY count(*) DESC, v LIMIT ${EXAMPLES}`);
      return rows.map((row) => toText(row.v) ?? '');
    },
  };
}

function convert(x: string, from: ColumnType, to: ColumnType): Conversion {
  const asText = `CAST(${x} AS VARCHAR)`;
  const asDouble = `TRY_CAST(${asText} AS DOUBLE)`;
  const integral = (d: string): string => `NOT (isfinite(${d}) AND ${d} = trunc(${d}))`;
  switch (to) {
    case 'string':
      return { value: from === 'string' ? x : asText };
    case 'integer':
      if (from === 'integer') return { value: x };
      if (from === 'float') return { bad: integral(`CAST(${x} AS DOUBLE)`), value: `CAST(${x} AS DOUBLE)` };
      return { bad: `${asDouble} IS NULL OR ${integral(asDouble)}`, value: asDouble };
    case 'float':
      if (from === 'integer' || from === 'float') return { value: `CAST(${x} AS DOUBLE)` };
      return { bad: `${asDouble} IS NULL`, value: asDouble };
    case 'boolean':
      if (from === 'boolean') return { value: x };
      return { bad: `TRY_CAST(${asText} AS BOOLEAN) IS NULL`, value: `TRY_CAST(${asText} AS BOOLEAN)` };
    case 'date':
      if (from === 'date') return { value: x };
      if (from === 'timestamp') return { value: `CAST(${x} AS DATE)` };
      return { bad: `TRY_CAST(${asText} AS DATE) IS NULL`, value: `TRY_CAST(${asText} AS DATE)` };
    case 'timestamp':
      if (from === 'timestamp' || from === 'date') return { value: `CAST(${x} AS TIMESTAMP)` };
      return { bad: `TRY_CAST(${asText} AS TIMESTAMP) IS NULL`, value: `TRY_CAST(${asText} AS TIMESTAMP)` };
  }
}

function literal(value: number | string, type: ColumnType): string {
  if (type === 'date') return `CAST(${quoteLiteral(String(value))} AS DATE)`;
  if (type === 'timestamp') return `CAST(${quoteLiteral(String(value))} AS TIMESTAMP)`;
  return `CAST(${quoteLiteral(String(value))} AS DOUBLE)`;
}

function distinctTexts(value: SqlJson | undefined): string[] {
  if (!Array.isArray(value)) return [];
  return [...new Set(value.map((item) => toText(item) ?? 'null'))].slice(0, EXAMPLES);
}

function formatShare(share: number): string {
  return `${Number((share * 100).toFixed(2))}%`;
}

function anomaly(type: AnomalyType, column: string | null, count: number, examples: readonly string[], expected: string): Anomaly {
  return { id: column === null ? type : `${type}:${column}`, type, column, count, examples, expected, message: messageOf(type, column, count) };
}

function messageOf(type: AnomalyType, column: string | null, count: number): string {
  const values = `${count} ${count === 1 ? 'value' : 'values'}`;
  const are = count === 1 ? 'is' : 'are';
  const rows = `${count} ${count === 1 ? 'row' : 'rows'}`;
  switch (type) {
    case 'missing-column':
      return `column '${column ?? ''}' is missing`;
    case 'new-column':
      return `column '${column ?? ''}' is not in the schema (${values})`;
    case 'type-mismatch':
      return `${values} of '${column ?? ''}' ${count === 1 ? 'has' : 'have'} the wrong type`;
    case 'nulls-over-limit':
      return `'${column ?? ''}' has ${count} ${count === 1 ? 'null' : 'nulls'}, over its limit`;
    case 'out-of-range':
      return `${values} of '${column ?? ''}' ${are} out of range`;
    case 'unseen-category':
      return `${values} of '${column ?? ''}' ${are} not in its domain`;
    case 'nan-in-float':
      return `'${column ?? ''}' has ${count} NaN ${count === 1 ? 'value' : 'values'}`;
    case 'duplicate-key':
      return `${rows} ${count === 1 ? 'repeats' : 'repeat'} a value of '${column ?? ''}' seen in an earlier row`;
    case 'row-count-out-of-bounds':
      return `the data has ${rows}, outside the bounds`;
  }
}

/**
 * A validation result as plain text: one line per anomaly with its count, expectation and examples.
 *
 * @example
 * process.stdout.write(formatValidationText(result));
 */
export function formatValidationText(result: ValidationResult): string {
  const against = result.schema === null ? '' : ` against ${result.schema}`;
  const lines = [`${result.source}${against}: ${result.rows} rows, ${result.anomalies.length === 0 ? 'no anomalies' : `${result.anomalies.length} ${result.anomalies.length === 1 ? 'anomaly' : 'anomalies'}`}`];
  for (const found of result.anomalies) {
    lines.push(`  ${found.type.padEnd(24)} ${found.message}`);
    lines.push(`  ${''.padEnd(24)} expected ${found.expected}${found.examples.length > 0 ? `; e.g. ${found.examples.map((example) => JSON.stringify(example)).join(', ')}` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}
