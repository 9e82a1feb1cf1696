import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { quoteLiteral } from '../../src/data/duckdb.js';
import { parseDataSchema, readDataSchema, typeFamilyOf, type DataSchema } from '../../src/data/data-schema.js';
import { dataSchemaToYaml, inferDataSchema } from '../../src/data/schema-infer.js';
import { PaydownError } from '../../src/errors.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'paydown-schema-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

const select = [
  'i AS user_id',
  '(i % 50) + 18 AS age',
  "CASE i % 3 WHEN 0 THEN 'FR' WHEN 1 THEN 'DE' ELSE 'US' END AS country",
  "CASE WHEN i = 1 THEN CAST('NaN' AS DOUBLE) ELSE i * 0.25 END AS score",
  "DATE '2024-01-01' + CAST(i % 30 AS INTEGER) AS day",
  'CASE WHEN i % 10 = 0 THEN NULL ELSE i % 2 = 0 END AS clicked',
  "'free text ' || i AS note",
].join(', ');

let parquet: string;

before(async () => {
  parquet = path.join(scratch, 'base.parquet');
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run(`COPY (SELECT ${select} FROM range(1, 201) t(i) ORDER BY i) TO ${quoteLiteral(parquet)} (FORMAT parquet)`);
  connection.closeSync();
  instance.closeSync();
});

function problemsOf(run: () => unknown): PaydownError {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof PaydownError, String(error));
    return error;
  }
  assert.fail('expected a PaydownError');
}

describe('inferDataSchema', () => {
  it('infers types, nulls, ranges, domains, uniqueness, the key and row-count bounds', async () => {
    const { schema, notes } = await inferDataSchema(parquet, { now: new Date('2024-05-01T00:00:00Z') });
    assert.equal(schema.format, 'paydown.data-schema/v1');
    assert.equal(schema.createdAt, '2024-05-01T00:00:00.000Z');
    assert.deepEqual(schema.dataset, { minRows: 100, maxRows: 300, key: ['user_id'] });
    assert.deepEqual(schema.columns.user_id, { type: 'integer', required: true, nullable: false, min: 1, max: 200, unique: true });
    assert.deepEqual(schema.columns.age, { type: 'integer', required: true, nullable: false, min: 18, max: 67 });
    assert.deepEqual(schema.columns.country, { type: 'string', required: true, nullable: false, allowed: ['DE', 'FR', 'US'] });
    assert.deepEqual(schema.columns.score, { type: 'float', required: true, nullable: false, min: 0.5, max: 50, allowNaN: true });
    assert.deepEqual(schema.columns.day, { type: 'date', required: true, nullable: false });
    assert.deepEqual(schema.columns.clicked, { type: 'boolean', required: true, nullable: true, maxNullShare: 0.15 });
    assert.deepEqual(schema.columns.note, { type: 'string', required: true, nullable: false, unique: true });
    assert.match(notes.day ?? '', /range 2024-01-01 \.\. 2024-01-30/);
  });

  it('widens ranges, null limits and row bounds by the margins given', async () => {
    const { schema } = await inferDataSchema(parquet, { rangeMargin: 0.1, nullMargin: 0, rowMargin: 0.2, maxCategories: 2 });
    assert.deepEqual([schema.columns.age?.min, schema.columns.age?.max], [13, 72]);
    assert.equal(schema.columns.clicked?.maxNullShare, 0.1);
    assert.deepEqual([schema.dataset?.minRows, schema.dataset?.maxRows], [160, 240]);
    assert.equal(schema.columns.country?.allowed, undefined);
  });

  it('writes commented YAML that reads back to the same schema', async () => {
    const { schema, notes, margins } = await inferDataSchema(parquet);
    const text = dataSchemaToYaml(schema, notes, margins);
    assert.match(text, /^# paydown data schema/);
    assert.match(text, /null share \+ 5%; row-count bounds: observed rows ±50%/);
    assert.match(text, /^ {2}# observed BIGINT, 200 values, 0 nulls/m);
    assert.match(text, /allowed: \[ DE, FR, US \]/);
    assert.deepEqual(parseDataSchema(text, 'inferred.yaml'), schema);
  });

  it('maps DuckDB types to type families', () => {
    assert.deepEqual(
      ['BIGINT', 'UTINYINT', 'DOUBLE', 'DECIMAL(18,3)', 'VARCHAR', 'BOOLEAN', 'DATE', 'TIMESTAMP WITH TIME ZONE', 'UUID'].map(typeFamilyOf),
      ['integer', 'integer', 'float', 'float', 'string', 'boolean', 'date', 'timestamp', 'string'],
    );
  });
});

describe('readDataSchema', () => {
  const good = 'format: paydown.data-schema/v1\ncolumns:\n  age:\n    type: integer\n    min: 0\n    max: 120\n';

  it('reads a valid schema', () => {
    const file = path.join(scratch, 'good.yaml');
    writeFileSync(file, good);
    const schema: DataSchema = readDataSchema(file);
    assert.deepEqual(schema.columns.age, { type: 'integer', min: 0, max: 120 });
  });

  it('reports a bad field with file:line:column', () => {
    const error = problemsOf(() => parseDataSchema(good.replace('    min: 0\n', '    minimum: 0\n'), 'bad.yaml'));
    assert.equal(error.code, 'PAYDOWN_DATA_SCHEMA_INVALID');
    assert.equal(error.problems.length, 1);
    assert.match(error.problems[0]?.message ?? '', /unknown field 'minimum'/);
    assert.deepEqual(error.problems[0]?.location, { file: 'bad.yaml', line: 5, column: 5 });
  });

  it('reports a bad type name and a wrong format with their places', () => {
    const error = problemsOf(() => parseDataSchema(good.replace('paydown.data-schema/v1', 'v2').replace('type: integer', 'type: int'), 'bad.yaml'));
    const places = error.problems.map((problem) => `${problem.location?.line}:${problem.location?.column}`).sort();
    assert.deepEqual(places, ['1:1', '4:5']);
  });

  it('reports contradictions: min above max, a key column that does not exist, a bound of the wrong type', () => {
    const text = 'format: paydown.data-schema/v1\ndataset:\n  key: [id]\ncolumns:\n  age:\n    type: integer\n    min: 10\n    max: 5\n  day:\n    type: date\n    min: yesterday\n';
    const error = problemsOf(() => parseDataSchema(text, 'bad.yaml'));
    assert.deepEqual(
      error.problems.map((problem) => [problem.location?.line, problem.location?.column]).sort(),
      [[11, 5], [3, 9], [7, 5]].sort(),
    );
  });

  it('reports a YAML syntax error as PAYDOWN_DATA_SCHEMA_INVALID with its place', () => {
    const error = problemsOf(() => parseDataSchema('format: paydown.data-schema/v1\ncolumns:\n  age: [integer\n', 'broken.yaml'));
    assert.equal(error.code, 'PAYDOWN_DATA_SCHEMA_INVALID');
    assert.equal(error.problems[0]?.location?.file, 'broken.yaml');
    assert.ok((error.problems[0]?.location?.line ?? 0) >= 3);
  });

  it('reports a missing file', () => {
    const error = problemsOf(() => readDataSchema(path.join(scratch, 'nope.yaml')));
    assert.equal(error.code, 'PAYDOWN_FILE_UNREADABLE');
  });
});
