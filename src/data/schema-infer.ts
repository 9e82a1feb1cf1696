import { Document, isMap, isScalar, isSeq } from 'yaml';
import { quoteIdent, toText } from './duckdb.js';
import { DATA_SCHEMA_FORMAT, typeFamilyOf, type ColumnSchema, type ColumnType, type DataSchema } from './data-schema.js';
import { profileOpened } from './profile.js';
import type { ColumnProfile, DatasetProfile } from './profile-types.js';
import { openData, type ReadOptions } from './read-data.js';

/** How `inferDataSchema` turns observations into expectations; every margin is documented in docs/data-schema.md. */
export interface InferOptions extends ReadOptions {
  /** Widen numeric ranges by this share of the observed span on each side (default 0: the observed min and max). */
  readonly rangeMargin?: number;
  /** Added to the observed null share to give `maxNullShare` (default 0.05). */
  readonly nullMargin?: number;
  /** Row-count bounds are the observed rows × (1 ± this) (default 0.5, i.e. ±50%). */
  readonly rowMargin?: number;
  /** String and integer columns with at most this many distinct values get an `allowed` domain (default 50). */
  readonly maxCategories?: number;
  /** The schema's `createdAt` (default now). */
  readonly now?: Date;
}

/** What was observed per column, kept to write as YAML comments next to the expectations. */
export interface InferredSchema {
  readonly schema: DataSchema;
  /** One comment line per column: what was observed. */
  readonly notes: Readonly<Record<string, string>>;
  /** The margins used, for the YAML header. */
  readonly margins: Margins;
}

/** The margins an inferred schema was widened by. */
export interface Margins {
  readonly rangeMargin: number;
  readonly nullMargin: number;
  readonly rowMargin: number;
}

/**
 * Infers a data schema from DATA: types, nulls, ranges, categorical domains, uniqueness and
 * row-count bounds, from one profile (SQL aggregates; no data in the JavaScript heap).
 *
 * @example
 * const { schema, notes, margins } = await inferDataSchema('clicks.parquet', { rangeMargin: 0.1 });
 * await writeFile('clicks.schema.yaml', dataSchemaToYaml(schema, notes, margins));
 */
export async function inferDataSchema(data: string, options: InferOptions = {}): Promise<InferredSchema> {
  const opened = await openData(data, options);
  try {
    const maxCategories = options.maxCategories ?? 50;
    // uniqueness needs exact distinct counts: keep them exact up to 1M rows (profiles stop at 100,000)
    const profile = await profileOpened(opened, { exactRows: 1_000_000, ...options, categoryLimit: Math.max(maxCategories, 1) });
    const temporal = opened.columns.filter((column) => ['date', 'timestamp'].includes(typeFamilyOf(column.sqlType)));
    const ranges = new Map<string, { min: string | null; max: string | null }>();
    if (temporal.length > 0) {
      const terms = temporal.flatMap((column, index) => [`CAST(min(${quoteIdent(column.name)}) AS VARCHAR) AS lo${index}`, `CAST(max(${quoteIdent(column.name)}) AS VARCHAR) AS hi${index}`]);
      const [row] = await opened.session.query(`SELECT ${terms.join(', ')} FROM ${opened.relation}`);
      temporal.forEach((column, index) => ranges.set(column.name, { min: toText(row?.[`lo${index}`]), max: toText(row?.[`hi${index}`]) }));
    }
    return schemaFromProfile(profile, ranges, options);
  } finally {
    opened.close();
  }
}

/**
 * Turns a profile into a data schema (the pure part of `inferDataSchema`); `temporalRanges`
 * holds the observed min and max of date and timestamp columns, noted but not enforced.
 */
export function schemaFromProfile(profile: DatasetProfile, temporalRanges: ReadonlyMap<string, { min: string | null; max: string | null }>, options: InferOptions = {}): InferredSchema {
  const rangeMargin = options.rangeMargin ?? 0;
  const nullMargin = options.nullMargin ?? 0.05;
  const rowMargin = options.rowMargin ?? 0.5;
  const maxCategories = options.maxCategories ?? 50;
  const columns: Record<string, ColumnSchema> = {};
  const notes: Record<string, string> = {};
  for (const column of profile.columns) {
    const type = typeFamilyOf(column.sqlType);
    const inferred = inferColumn(column, type, profile.rows, { rangeMargin, nullMargin, maxCategories });
    columns[column.name] = inferred;
    notes[column.name] = noteOf(column, type, temporalRanges.get(column.name));
  }
  const key = profile.columns.find((column) => columns[column.name]?.unique === true && columns[column.name]?.nullable === false && /(^|_)(id|key)$/i.test(column.name));
  const dataset = {
    minRows: Math.max(0, Math.floor(profile.rows * (1 - rowMargin))),
    maxRows: Math.ceil(profile.rows * (1 + rowMargin)),
    ...(key === undefined ? {} : { key: [key.name] }),
  };
  const schema: DataSchema = {
    format: DATA_SCHEMA_FORMAT,
    source: profile.source,
    createdAt: (options.now ?? new Date()).toISOString(),
    dataset,
    columns,
  };
  return { schema, notes, margins: { rangeMargin, nullMargin, rowMargin } };
}

interface ColumnSettings {
  readonly rangeMargin: number;
  readonly nullMargin: number;
  readonly maxCategories: number;
}

function inferColumn(column: ColumnProfile, type: ColumnType, rows: number, settings: ColumnSettings): ColumnSchema {
  const schema: { -readonly [K in keyof ColumnSchema]: ColumnSchema[K] } = { type, required: true };
  if (column.nulls.count === 0) schema.nullable = false;
  else {
    schema.nullable = true;
    schema.maxNullShare = Math.min(1, roundUp(column.nulls.share + settings.nullMargin, 4));
  }
  const numeric = column.numeric;
  if ((type === 'integer' || type === 'float') && numeric !== undefined && Number.isFinite(numeric.min) && Number.isFinite(numeric.max)) {
    const pad = (numeric.max - numeric.min) * settings.rangeMargin;
    let low = numeric.min - pad;
    let high = numeric.max + pad;
    if (type === 'integer') {
      low = Math.floor(low);
      high = Math.ceil(high);
    }
    schema.min = low;
    schema.max = high;
  }
  if (type === 'float' && numeric !== undefined && numeric.nan > 0) schema.allowNaN = true;
  const categorical = column.categorical;
  const distinct = column.distinct.value;
  const repeats = column.count > 0 && distinct <= column.count / 2;
  if (type === 'string' && categorical !== undefined && categorical.complete && categorical.top.length > 0 && categorical.top.length <= settings.maxCategories && repeats) {
    schema.allowed = categorical.top.map((entry) => entry.value).sort();
  }
  // Floats, booleans, dates and timestamps are all distinct by coincidence far more often than by design.
  const uniqueType = type === 'integer' || type === 'string';
  if (uniqueType && column.distinct.exact && column.count > 1 && distinct === column.count && rows > 1) schema.unique = true;
  return schema;
}

function roundUp(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.ceil(value * scale - 1e-9) / scale;
}

function noteOf(column: ColumnProfile, type: ColumnType, temporal: { min: string | null; max: string | null } | undefined): string {
  const parts = [`observed ${column.sqlType}`, `${column.count} values`, `${column.nulls.count} nulls (${(column.nulls.share * 100).toFixed(1)}%)`, `${column.distinct.exact ? '' : '~'}${column.distinct.value} distinct`];
  if (column.numeric !== undefined) {
    parts.push(`range ${column.numeric.min} .. ${column.numeric.max}`);
    if (column.numeric.nan > 0) parts.push(`${column.numeric.nan} NaN`);
  }
  if (temporal?.min != null && temporal.max != null) parts.push(`range ${temporal.min} .. ${temporal.max} (not enforced; add min/max to check it)`);
  if (type === 'string' && column.categorical !== undefined && !column.categorical.complete) parts.push('too many values for a domain');
  return parts.join(', ');
}

/**
 * Writes a data schema as commented, reviewable YAML: a header explaining how it was inferred
 * and one comment per column with what was observed; with `schemaReference`, a first line
 * `# yaml-language-server: $schema=…` pointing editors at the JSON Schema.
 *
 * @example
 * process.stdout.write(dataSchemaToYaml(schema, notes, margins));
 */
export function dataSchemaToYaml(schema: DataSchema, notes: Readonly<Record<string, string>> = {}, margins?: Margins, schemaReference?: string): string {
  const percent = (share: number): string => `${Number((share * 100).toFixed(2))}%`;
  const document = new Document(schema);
  document.commentBefore = [
    ' paydown data schema: the expectations `paydown validate DATA --schema FILE` checks.',
    schema.source === undefined ? '' : ` Inferred from ${schema.source}; review every expectation before relying on it.`,
    margins === undefined
      ? ' Ranges, null limits and row-count bounds come from the observed data (see docs/data-schema.md).'
      : [
          ` Numeric ranges: observed min and max${margins.rangeMargin > 0 ? ` widened by ${percent(margins.rangeMargin)} of the span on each side` : ''};`,
          ` null limits: observed null share + ${percent(margins.nullMargin)}; row-count bounds: observed rows ±${percent(margins.rowMargin)}.`,
          ' Domains (allowed) list every value seen; see docs/data-schema.md for each anomaly.',
        ].join('\n'),
  ]
    .filter((line) => line !== '')
    .join('\n');
  const contents = document.contents;
  if (isMap(contents)) {
    for (const pair of contents.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (key === 'dataset' && isScalar(pair.key)) pair.key.commentBefore = ' the dataset as a whole: row-count bounds and the key columns (no two rows share them)';
      if (key === 'columns' && isScalar(pair.key)) pair.key.commentBefore = ' one entry per column; a column in the data but not here is reported as new-column';
      if (key !== 'columns' || !isMap(pair.value)) continue;
      for (const column of pair.value.items) {
        if (!isScalar(column.key)) continue;
        const note = notes[String(column.key.value)];
        if (note !== undefined) column.key.commentBefore = ` ${note}`;
        if (isMap(column.value)) {
          for (const field of column.value.items) {
            if (isSeq(field.value) && field.value.items.length <= 12) field.value.flow = true;
          }
        }
      }
    }
  }
  const text = document.toString({ lineWidth: 120 });
  // editors with the YAML language server complete and check the file against the published JSON Schema
  return schemaReference === undefined ? text : `# yaml-language-server: $schema=${schemaReference}\n${text}`;
}

/**
 * Writes a data schema as JSON (for pipelines that prefer it to YAML); `schemaReference` becomes
 * its `$schema`, which editors follow for completion and checking.
 *
 * @example
 * await writeFile('clicks.schema.json', dataSchemaToJson(schema, './paydown.data-schema.json'));
 */
export function dataSchemaToJson(schema: DataSchema, schemaReference?: string): string {
  const rest: Partial<DataSchema> = { ...schema };
  delete rest.$schema;
  return `${JSON.stringify(schemaReference === undefined ? rest : { $schema: schemaReference, ...rest }, null, 2)}\n`;
}
