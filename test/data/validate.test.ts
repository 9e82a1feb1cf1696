import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { quoteLiteral } from '../../src/data/duckdb.js';
import type { DataSchema } from '../../src/data/data-schema.js';
import { inferDataSchema } from '../../src/data/schema-infer.js';
import { validateData, type Anomaly, type ValidationResult } from '../../src/data/validate.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'paydown-validate-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** The base dataset: 200 rows; every test changes one column expression (or the row range). */
const base: Record<string, string> = {
  id: 'i',
  age: '(i % 50) + 18',
  country: "CASE i % 3 WHEN 0 THEN 'FR' WHEN 1 THEN 'DE' ELSE 'US' END",
  score: 'i * 0.5',
  day: "DATE '2024-01-01' + CAST(i % 30 AS INTEGER)",
  clicks: 'CASE WHEN i % 10 = 0 THEN NULL ELSE i % 7 END',
};

let counter = 0;

/** Writes a dataset with DuckDB COPY and returns its path. */
async function write(changes: Record<string, string | null> = {}, rows = 200, format: 'parquet' | 'csv' = 'parquet'): Promise<string> {
  const columns = { ...base, ...changes };
  const select = Object.entries(columns)
    .filter((entry): entry is [string, string] => entry[1] !== null)
    .map(([name, sql]) => `${sql} AS "${name}"`)
    .join(', ');
  const file = path.join(scratch, `data-${counter++}.${format}`);
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run(`COPY (SELECT ${select} FROM range(1, ${rows + 1}) t(i) ORDER BY i) TO ${quoteLiteral(file)} (FORMAT ${format})`);
  connection.closeSync();
  instance.closeSync();
  return file;
}

let schema: DataSchema;

before(async () => {
  schema = (await inferDataSchema(await write())).schema;
});

function only(result: ValidationResult): Anomaly {
  assert.equal(result.anomalies.length, 1, JSON.stringify(result.anomalies, null, 2));
  const [found] = result.anomalies;
  assert.ok(found);
  return found;
}

describe('validateData', () => {
  it('finds no anomalies in the data a schema was inferred from (Parquet and CSV)', async () => {
    const parquet = await validateData(await write(), schema);
    assert.deepEqual(parquet.anomalies, []);
    assert.equal(parquet.valid, true);
    assert.equal(parquet.format, 'paydown.validation/v1');
    assert.equal(parquet.rows, 200);
    const csv = await write({}, 200, 'csv');
    const csvSchema = (await inferDataSchema(csv)).schema;
    assert.deepEqual((await validateData(csv, csvSchema)).anomalies, []);
  });

  it('missing-column: a required column is absent (count = rows)', async () => {
    const found = only(await validateData(await write({ clicks: null }), schema));
    assert.equal(found.id, 'missing-column:clicks');
    assert.equal(found.count, 200);
  });

  it('missing-column: not reported for a column with required: false', async () => {
    const relaxed: DataSchema = { ...schema, columns: { ...schema.columns, clicks: { ...schema.columns.clicks, type: 'integer', required: false } } };
    assert.deepEqual((await validateData(await write({ clicks: null }), relaxed)).anomalies, []);
  });

  it('new-column: a column the schema does not know (count = non-null values)', async () => {
    const found = only(await validateData(await write({ extra: "CASE WHEN i <= 150 THEN 'x' || i END" }), schema));
    assert.equal(found.id, 'new-column:extra');
    assert.equal(found.count, 150);
    assert.equal(found.examples.length, 5);
  });

  it('type-mismatch: values that cannot be read as the schema type', async () => {
    const found = only(await validateData(await write({ age: "CASE WHEN i <= 3 THEN 'n/a' ELSE CAST((i % 50) + 18 AS VARCHAR) END" }), schema));
    assert.equal(found.id, 'type-mismatch:age');
    assert.equal(found.count, 3);
    assert.deepEqual(found.examples, ['n/a']);
  });

  it('nulls-over-limit: more nulls than maxNullShare, and any null in a non-nullable column', async () => {
    assert.equal(schema.columns.clicks?.maxNullShare, 0.15);
    const share = only(await validateData(await write({ clicks: 'CASE WHEN i % 4 = 0 THEN NULL ELSE i % 7 END' }), schema));
    assert.equal(share.id, 'nulls-over-limit:clicks');
    assert.equal(share.count, 50);
    const none = only(await validateData(await write({ country: "CASE WHEN i = 7 THEN NULL ELSE 'FR' END" }), schema));
    assert.equal(none.id, 'nulls-over-limit:country');
    assert.equal(none.count, 1);
    assert.equal(none.expected, 'no nulls');
  });

  it('out-of-range: values outside min and max', async () => {
    const found = only(await validateData(await write({ age: 'CASE WHEN i <= 7 THEN 100 + i ELSE (i % 50) + 18 END' }), schema));
    assert.equal(found.id, 'out-of-range:age');
    assert.equal(found.count, 7);
    assert.equal(found.examples.length, 5);
    assert.equal(found.expected, '18 ≤ value ≤ 67');
  });

  it('out-of-range: dates outside an ISO min and max; integers pass a float column', async () => {
    const dated: DataSchema = { ...schema, columns: { ...schema.columns, day: { type: 'date', min: '2024-01-01', max: '2024-01-20' }, score: { type: 'float', min: 0, max: 100 } } };
    const found = only(await validateData(await write({ score: 'i % 100' }), dated));
    assert.equal(found.id, 'out-of-range:day');
    // i % 30 in 20..29 puts the day after 2024-01-20: 10 rows in each of the 6 cycles in 1..180, and i = 200.
    assert.equal(found.count, 61);
    assert.equal(found.expected, '2024-01-01 ≤ value ≤ 2024-01-20');
  });

  it('type-mismatch: floats with a fraction in an integer column', async () => {
    const found = only(await validateData(await write({ age: 'CASE WHEN i <= 2 THEN 20.5 ELSE CAST((i % 50) + 18 AS DOUBLE) END' }), schema));
    assert.equal(found.id, 'type-mismatch:age');
    assert.equal(found.count, 2);
    assert.deepEqual(found.examples, ['20.5']);
  });

  it('unseen-category: values outside the allowed domain', async () => {
    const found = only(await validateData(await write({ country: "CASE WHEN i % 20 = 0 THEN 'XX' WHEN i = 199 THEN 'YY' ELSE 'FR' END" }), schema));
    assert.equal(found.id, 'unseen-category:country');
    assert.equal(found.count, 11);
    assert.deepEqual(found.examples, ['XX', 'YY']);
  });

  it('nan-in-float: NaN in a float column without allowNaN', async () => {
    const found = only(await validateData(await write({ score: "CASE WHEN i <= 4 THEN CAST('NaN' AS DOUBLE) ELSE i * 0.5 END" }), schema));
    assert.equal(found.id, 'nan-in-float:score');
    assert.equal(found.count, 4);
    const allowed: DataSchema = { ...schema, columns: { ...schema.columns, score: { type: 'float', allowNaN: true } } };
    assert.deepEqual((await validateData(await write({ score: "CASE WHEN i <= 4 THEN CAST('NaN' AS DOUBLE) ELSE i * 0.5 END" }), allowed)).anomalies, []);
  });

  it('duplicate-key: rows repeating a key value (count = rows beyond the first of each value)', async () => {
    assert.deepEqual(schema.dataset?.key, ['id']);
    const found = only(await validateData(await write({ id: 'CASE WHEN i <= 5 THEN 1 WHEN i <= 8 THEN 2 ELSE i END' }), schema));
    assert.equal(found.id, 'duplicate-key:id');
    assert.equal(found.count, 6);
    assert.deepEqual(found.examples, ['1', '2']);
  });

  it('duplicate-key: a composite dataset key', async () => {
    const composite: DataSchema = { ...schema, dataset: { key: ['country', 'day'] } };
    const found = only(await validateData(await write({}, 200), composite));
    assert.equal(found.id, 'duplicate-key:country,day');
    // 200 rows over 3 countries × 30 days: i % 3 and i % 30 are tied (30 is a multiple of 3), so 30 distinct pairs.
    assert.equal(found.count, 170);
    assert.equal(found.examples.length, 5);
  });

  it('row-count-out-of-bounds: fewer rows than minRows', async () => {
    assert.deepEqual([schema.dataset?.minRows, schema.dataset?.maxRows], [100, 300]);
    const found = only(await validateData(await write({}, 50), schema));
    assert.equal(found.id, 'row-count-out-of-bounds');
    assert.equal(found.column, null);
    assert.equal(found.count, 50);
    assert.equal(found.expected, '100 ≤ rows ≤ 300');
  });

  it('reports several anomalies in a stable order with a summary', async () => {
    const result = await validateData(await write({ clicks: null, extra: '1', age: 'CASE WHEN i = 1 THEN 999 ELSE 20 END' }), schema);
    assert.deepEqual(
      result.anomalies.map((found) => found.id),
      ['missing-column:clicks', 'new-column:extra', 'out-of-range:age'],
    );
    assert.deepEqual(result.summary, { 'missing-column': 1, 'new-column': 1, 'out-of-range': 1 });
    assert.equal(result.valid, false);
  });
});
