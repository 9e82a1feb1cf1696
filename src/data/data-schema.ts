import { readFileSync } from 'node:fs';
import { Type, type Static } from '@sinclair/typebox';
import { PaydownError, type Problem } from '../errors.js';
import { locatePath, type PathSegment } from '../manifest/locate-path.js';
import { readYamlDocuments } from '../manifest/read-yaml.js';
import { createValidator } from '../manifest/validate-document.js';

/** The `format` of a data schema file. */
export const DATA_SCHEMA_FORMAT = 'paydown.data-schema/v1';

/** The type families a data schema knows; each covers several DuckDB types (see `typeFamilyOf`). */
export const COLUMN_TYPES = ['integer', 'float', 'string', 'boolean', 'date', 'timestamp'] as const;
export type ColumnType = (typeof COLUMN_TYPES)[number];

const Bound = Type.Union([Type.Number(), Type.String()], { description: 'a number, or an ISO date or timestamp for date and timestamp columns' });

/** What one column must look like. */
export const ColumnSchemaSchema = Type.Object(
  {
    type: Type.Union(COLUMN_TYPES.map((name) => Type.Literal(name)), { description: 'the type family of the column' }),
    description: Type.Optional(Type.String()),
    required: Type.Optional(Type.Boolean({ description: 'the column must be present (default true)' })),
    nullable: Type.Optional(Type.Boolean({ description: 'the column may hold nulls (default true); false means no nulls at all' })),
    maxNullShare: Type.Optional(Type.Number({ minimum: 0, maximum: 1, description: 'at most this share of the rows may be null' })),
    min: Type.Optional(Bound),
    max: Type.Optional(Bound),
    allowed: Type.Optional(Type.Array(Type.Union([Type.String(), Type.Number(), Type.Boolean()]), { description: 'the categorical domain: every non-null value must be one of these' })),
    unique: Type.Optional(Type.Boolean({ description: 'no two non-null values are equal' })),
    allowNaN: Type.Optional(Type.Boolean({ description: 'float columns: NaN values are allowed (default false)' })),
  },
  { additionalProperties: false },
);
export type ColumnSchema = Static<typeof ColumnSchemaSchema>;

/** Expectations on the dataset as a whole. */
export const DatasetSchemaSchema = Type.Object(
  {
    minRows: Type.Optional(Type.Integer({ minimum: 0 })),
    maxRows: Type.Optional(Type.Integer({ minimum: 0 })),
    key: Type.Optional(Type.Array(Type.String(), { minItems: 1, description: 'columns that together identify a row (no two rows share them)' })),
  },
  { additionalProperties: false },
);
export type DatasetSchema = Static<typeof DatasetSchemaSchema>;

/** A reviewable data schema file (`paydown.data-schema/v1`). */
export const DataSchemaSchema = Type.Object(
  {
    $schema: Type.Optional(Type.String({ description: 'the JSON Schema of this file, for editors (schema/paydown.data-schema.json); ignored by paydown' })),
    format: Type.Literal(DATA_SCHEMA_FORMAT),
    source: Type.Optional(Type.String({ description: 'the data the schema was inferred from' })),
    createdAt: Type.Optional(Type.String()),
    dataset: Type.Optional(DatasetSchemaSchema),
    columns: Type.Record(Type.String(), ColumnSchemaSchema),
  },
  { additionalProperties: false },
);
export type DataSchema = Static<typeof DataSchemaSchema>;

/**
 * The type family of a DuckDB type; DECIMAL counts as float, ENUM and UUID as string.
 *
 * @example
 * typeFamilyOf('BIGINT'); // 'integer'
 */
export function typeFamilyOf(sqlType: string): ColumnType {
  const type = sqlType.toUpperCase();
  if (/^(TINYINT|SMALLINT|INTEGER|INT|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT)$/.test(type)) return 'integer';
  if (/^(FLOAT|REAL|DOUBLE|DECIMAL(\(.*\))?)$/.test(type)) return 'float';
  if (type === 'BOOLEAN') return 'boolean';
  if (type === 'DATE') return 'date';
  if (type.startsWith('TIMESTAMP')) return 'timestamp';
  return 'string';
}

/**
 * True for DuckDB number types (integers, floats and DECIMAL).
 *
 * @example
 * isNumericType('DECIMAL(18,3)'); // true
 */
export function isNumericType(sqlType: string): boolean {
  const family = typeFamilyOf(sqlType);
  return family === 'integer' || family === 'float';
}

const validateShape = createValidator(DataSchemaSchema);

/**
 * Reads and checks a data schema file. Bad YAML or a bad schema is a PaydownError
 * (PAYDOWN_DATA_SCHEMA_INVALID, exit 2) with file:line:column for each problem.
 *
 * @example
 * const schema = readDataSchema('clicks.schema.yaml');
 */
export function readDataSchema(file: string): DataSchema {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new PaydownError('PAYDOWN_FILE_UNREADABLE', `cannot read the data schema ${file}`, [{ message: 'no such file or not readable', location: { file } }], { cause: error });
  }
  return parseDataSchema(text, file);
}

/**
 * Parses the text of a data schema file; `file` is only used in error locations.
 *
 * @example
 * parseDataSchema('format: paydown.data-schema/v1\ncolumns:\n  age: { type: integer }\n', 'inline.yaml');
 */
export function parseDataSchema(text: string, file: string): DataSchema {
  let value: unknown;
  try {
    const documents = readYamlDocuments(text, file).filter((document) => document.value !== null && document.value !== undefined);
    if (documents.length !== 1) {
      throw new PaydownError('PAYDOWN_DATA_SCHEMA_INVALID', `${file} must hold exactly one YAML document`, [{ message: `found ${documents.length} documents`, location: { file } }]);
    }
    value = documents[0]?.value;
  } catch (error) {
    if (error instanceof PaydownError && error.code === 'PAYDOWN_YAML_SYNTAX') {
      throw new PaydownError('PAYDOWN_DATA_SCHEMA_INVALID', `invalid data schema ${file}: ${error.message}`, error.problems, { cause: error });
    }
    throw error;
  }
  const where = (path: readonly PathSegment[]): Problem['location'] => {
    const position = locatePath(text, 0, path);
    return position === undefined ? { file } : { file, line: position.line, column: position.column };
  };
  const violations = validateShape(value);
  if (violations.length > 0) {
    throw new PaydownError(
      'PAYDOWN_DATA_SCHEMA_INVALID',
      `invalid data schema ${file}`,
      violations.map((violation) => ({ message: `${violation.path.length > 0 ? `${violation.path.join('.')}: ` : ''}${violation.message}`, location: where(violation.path) })),
    );
  }
  const schema = value as DataSchema;
  const problems = semanticProblems(schema).map((problem) => ({ message: problem.message, location: where(problem.path) }));
  if (problems.length > 0) throw new PaydownError('PAYDOWN_DATA_SCHEMA_INVALID', `invalid data schema ${file}`, problems);
  return schema;
}

interface PathProblem {
  readonly path: readonly PathSegment[];
  readonly message: string;
}

function semanticProblems(schema: DataSchema): PathProblem[] {
  const problems: PathProblem[] = [];
  for (const [name, column] of Object.entries(schema.columns)) {
    const at = (field: string): PathSegment[] => ['columns', name, field];
    const numeric = column.type === 'integer' || column.type === 'float';
    const temporal = column.type === 'date' || column.type === 'timestamp';
    for (const field of ['min', 'max'] as const) {
      const bound = column[field];
      if (bound === undefined) continue;
      if (numeric && typeof bound !== 'number') problems.push({ path: at(field), message: `${name}.${field}: expected a number for a ${column.type} column` });
      else if (temporal && (typeof bound !== 'string' || Number.isNaN(Date.parse(bound)))) problems.push({ path: at(field), message: `${name}.${field}: expected an ISO ${column.type} such as 2024-01-31` });
      else if (!numeric && !temporal) problems.push({ path: at(field), message: `${name}.${field}: ranges apply to integer, float, date and timestamp columns, not ${column.type}` });
    }
    if (column.min !== undefined && column.max !== undefined && typeof column.min === typeof column.max) {
      const low = typeof column.min === 'number' ? column.min : Date.parse(column.min);
      const high = typeof column.max === 'number' ? column.max : Date.parse(String(column.max));
      if (low > high) problems.push({ path: at('min'), message: `${name}: min (${column.min}) is above max (${column.max})` });
    }
    if (column.nullable === false && column.maxNullShare !== undefined && column.maxNullShare > 0) {
      problems.push({ path: at('maxNullShare'), message: `${name}: maxNullShare contradicts nullable: false` });
    }
    if (column.allowNaN !== undefined && column.type !== 'float') problems.push({ path: at('allowNaN'), message: `${name}.allowNaN: applies to float columns only` });
    (column.allowed ?? []).forEach((allowed, index) => {
      const fits = numeric ? typeof allowed === 'number' && (column.type === 'float' || Number.isInteger(allowed)) : column.type === 'boolean' ? typeof allowed === 'boolean' : typeof allowed === 'string';
      if (!fits) problems.push({ path: ['columns', name, 'allowed', index], message: `${name}.allowed: ${JSON.stringify(allowed)} is not a ${column.type} value` });
    });
  }
  const dataset = schema.dataset;
  if (dataset?.minRows !== undefined && dataset.maxRows !== undefined && dataset.minRows > dataset.maxRows) {
    problems.push({ path: ['dataset', 'minRows'], message: `dataset: minRows (${dataset.minRows}) is above maxRows (${dataset.maxRows})` });
  }
  (dataset?.key ?? []).forEach((name, index) => {
    if (schema.columns[name] === undefined) problems.push({ path: ['dataset', 'key', index], message: `dataset.key: no column '${name}' in columns` });
  });
  return problems;
}
