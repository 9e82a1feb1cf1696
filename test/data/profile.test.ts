import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { profileData } from '../../src/data/profile.js';
import type { ColumnProfile } from '../../src/data/profile-types.js';
import { quoteLiteral } from '../../src/data/duckdb.js';

const fixtures = fileURLToPath(new URL('../../../test/fixtures/data/', import.meta.url));
const csv = path.join(fixtures, 'profile-basic.csv');
const scratch = mkdtempSync(path.join(tmpdir(), 'paydown-profile-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

interface NumericExpected {
  count: number;
  nulls: number;
  distinct: number;
  min: number;
  max: number;
  mean: number;
  stddev: number;
  quantiles: Array<{ p: number; value: number }>;
  fineHistogramTotal: number;
  displayHistogram: number[];
}
interface Expected {
  rows: number;
  amount: NumericExpected;
  count: NumericExpected;
  'my country': { distinct: number; top: Array<{ value: string; count: number }>; length: { min: number; max: number; mean: number } };
}
const expected = JSON.parse(readFileSync(path.join(fixtures, 'profile-basic.expected.json'), 'utf8')) as Expected;

async function convert(format: 'parquet' | 'json', file: string): Promise<void> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const target = format === 'json' ? `(FORMAT json)` : `(FORMAT parquet)`;
  await connection.run(`COPY (SELECT * FROM read_csv(${quoteLiteral(csv)})) TO ${quoteLiteral(file)} ${target}`);
  connection.closeSync();
  instance.closeSync();
}

function close(actual: number, wanted: number, label: string): void {
  assert.ok(Math.abs(actual - wanted) <= 1e-9 * Math.max(1, Math.abs(wanted)), `${label}: ${actual} != ${wanted}`);
}

function column(columns: readonly ColumnProfile[], name: string): ColumnProfile {
  const found = columns.find((entry) => entry.name === name);
  assert.ok(found, `no column ${name}`);
  return found;
}

function checkNumeric(profile: ColumnProfile, reference: NumericExpected): void {
  const numeric = profile.numeric;
  assert.ok(numeric);
  assert.equal(profile.count, reference.count);
  assert.equal(profile.nulls.count, reference.nulls);
  assert.deepEqual(profile.distinct, { value: reference.distinct, exact: true });
  close(numeric.min, reference.min, 'min');
  close(numeric.max, reference.max, 'max');
  close(numeric.mean, reference.mean, 'mean');
  close(numeric.stddev, reference.stddev, 'stddev');
  assert.equal(numeric.quantilesExact, true);
  reference.quantiles.forEach((q, at) => close(numeric.quantiles[at]?.value ?? Number.NaN, q.value, `p${q.p}`));
  assert.deepEqual(numeric.histogram.counts, reference.displayHistogram);
  assert.equal(numeric.fineHistogram.counts.length, 1000);
  assert.equal(numeric.fineHistogram.edges.length, 1001);
  assert.equal(numeric.fineHistogram.counts.reduce((a, b) => a + b, 0), reference.fineHistogramTotal);
}

describe('profileData against pandas/numpy reference values', () => {
  const files: Array<[string, () => Promise<string>]> = [
    ['csv', () => Promise.resolve(csv)],
    ['parquet', async () => { const file = path.join(scratch, 'basic.parquet'); await convert('parquet', file); return file; }],
    ['jsonl', async () => { const file = path.join(scratch, 'basic.jsonl'); await convert('json', file); return file; }],
  ];
  for (const [format, make] of files) {
    it(`matches on ${format}`, async () => {
      const profile = await profileData(await make());
      assert.equal(profile.format, 'paydown.profile/v1');
      assert.equal(profile.rows, expected.rows);
      checkNumeric(column(profile.columns, 'amount'), expected.amount);
      checkNumeric(column(profile.columns, 'count'), expected.count);
      const country = column(profile.columns, 'my country');
      assert.equal(country.kind, 'categorical');
      assert.equal(country.distinct.value, expected['my country'].distinct);
      assert.deepEqual(country.categorical?.top, expected['my country'].top);
      assert.equal(country.categorical?.complete, true);
      assert.equal(country.categorical?.otherCount, 0);
      assert.equal(country.categorical?.length?.min, expected['my country'].length.min);
      assert.equal(country.categorical?.length?.max, expected['my country'].length.max);
      close(country.categorical?.length?.mean ?? 0, expected['my country'].length.mean, 'length mean');
    });
  }
});

describe('profileData edge cases', () => {
  it('counts NaN and infinities apart from nulls, an all-null column has no numeric stats', async () => {
    const file = path.join(scratch, 'special.csv');
    writeFileSync(file, 'x,empty,"a b ü"\n1.5,,p\nnan,,q\ninf,,p\n,,\n2.5,,p\n');
    const profile = await profileData(file, { columnTypes: { x: 'DOUBLE', empty: 'DOUBLE' } });
    const x = column(profile.columns, 'x');
    assert.equal(x.numeric?.nan, 1);
    assert.equal(x.numeric?.infinite, 1);
    assert.equal(x.nulls.count, 1);
    assert.equal(x.numeric?.min, 1.5);
    assert.equal(x.numeric?.max, 2.5);
    const empty = column(profile.columns, 'empty');
    assert.equal(empty.nulls.count, 5);
    assert.equal(empty.numeric, undefined);
    const spaced = column(profile.columns, 'a b ü');
    assert.deepEqual(spaced.categorical?.top, [{ value: 'p', count: 3 }, { value: 'q', count: 1 }]);
  });

  it('marks top values incomplete beyond the category limit', async () => {
    const file = path.join(scratch, 'many.csv');
    writeFileSync(file, `k\n${Array.from({ length: 30 }, (_v, i) => `v${i % 12}`).join('\n')}\n`);
    const profile = await profileData(file, { categoryLimit: 10 });
    const k = column(profile.columns, 'k');
    assert.equal(k.kind, 'text');
    assert.equal(k.categorical?.complete, false);
    assert.equal(k.categorical?.top.length, 10);
    assert.equal((k.categorical?.otherCount ?? 0) + (k.categorical?.top ?? []).reduce((a, b) => a + b.count, 0), 30);
  });

  it('groups by day and by slice', async () => {
    const file = path.join(scratch, 'timed.csv');
    writeFileSync(file, 'ts,country,v\n2024-01-01 10:00:00,DE,1\n2024-01-01 11:00:00,FR,2\n2024-01-02 09:00:00,DE,3\n');
    const profile = await profileData(file, { by: 'day', time: 'ts', slice: 'country' });
    assert.deepEqual(
      profile.groups?.map((group) => [group.key, group.rows]),
      [
        [{ ts: '2024-01-01', country: 'DE' }, 1],
        [{ ts: '2024-01-01', country: 'FR' }, 1],
        [{ ts: '2024-01-02', country: 'DE' }, 1],
      ],
    );
  });
});
