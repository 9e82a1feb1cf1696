import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { PaydownError } from '../../src/errors.js';
import { quoteLiteral, validityWords } from '../../src/data/duckdb.js';
import { driftReport } from '../../src/data/drift.js';
import { profileAgainst, profileData, profileOpened } from '../../src/data/profile.js';
import type { ColumnProfile, DatasetProfile } from '../../src/data/profile-types.js';
import { openData, type OpenData } from '../../src/data/read-data.js';
import type { NumericAccumulator } from '../../src/data/scan/numeric-accumulator.js';
import { scanNumeric, type NumericScan } from '../../src/data/scan/scan-numeric.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'paydown-scan-feed-'));
const file = path.join(scratch, 'mixed.parquet');
const rows = 50_000;

/**
 * 50,000 rows in row groups of 10,000 (so a row group ends inside a chunk of 2,048): a double with
 * nulls, NaN and ±∞, a skewed double, a BIGINT with nulls, and a group number (3 groups).
 */
before(async () => {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const x = `CASE WHEN i % 97 = 0 THEN NULL WHEN i % 211 = 0 THEN 'NaN'::DOUBLE WHEN i % 307 = 0 THEN 'inf'::DOUBLE WHEN i % 401 = 0 THEN '-inf'::DOUBLE ELSE (hash(i) % 100003) / 100003.0 * 50 - 10 END`;
  const y = `exp((hash(i + 7) % 1000) / 100.0)`;
  const z = `CASE WHEN i % 13 = 0 THEN NULL ELSE (hash(i + 3) % 1000)::BIGINT - 500 END`;
  await connection.run(
    `COPY (SELECT i, ${x} AS x, ${y} AS y, ${z} AS z, (i % 3)::INTEGER AS g FROM range(${rows}) t(i)) TO ${quoteLiteral(file)} (FORMAT parquet, ROW_GROUP_SIZE 10000)`,
  );
  connection.closeSync();
  instance.closeSync();
});
after(() => rmSync(scratch, { recursive: true, force: true }));

const targets = [
  { name: 'x', lo: -10, hi: 40 },
  { name: 'y', lo: 1, hi: 22_000 },
  { name: 'z', lo: -500, hi: 499 },
];

async function withOneThread<T>(opened: OpenData, work: () => Promise<T>): Promise<T> {
  await opened.session.run('SET threads = 1');
  try {
    return await work();
  } finally {
    await opened.session.run('SET threads = 2');
  }
}

function sameAccumulator(fed: NumericAccumulator, streamed: NumericAccumulator, label: string): void {
  for (const field of ['rows', 'finite', 'nulls', 'nan', 'infinite', 'min', 'max', 'mean', 'squares'] as const) {
    assert.equal(fed[field], streamed[field], `${label}: ${field}`);
  }
  assert.deepEqual(Array.from(fed.counts), Array.from(streamed.counts), `${label}: histogram`);
  assert.equal(fed.sketch?.estimate(), streamed.sketch?.estimate(), `${label}: distinct`);
}

function sameScan(fed: NumericScan, streamed: NumericScan): void {
  assert.equal(fed.rows, streamed.rows);
  assert.deepEqual(fed.groupRows, streamed.groupRows);
  fed.columns.forEach((column, k) => sameAccumulator(column, streamed.columns[k], targets[k].name));
  fed.groups.forEach((group, g) => group.forEach((column, k) => sameAccumulator(column, streamed.groups[g][k], `group ${g} ${targets[k].name}`)));
}

describe('validityWords', () => {
  it('reads DuckDB 64-bit validity words as 32-bit words, row for row', () => {
    // rows 0, 40, 64 + 63 and 128 + 31 are valid
    const mask = BigUint64Array.from([1n | (1n << 40n), 1n << 63n, 1n << 31n]);
    const asBytes = new Uint8Array(mask.buffer);
    for (const source of [mask, asBytes]) {
      const validity = validityWords(source, 3);
      assert.equal(validity.length, 6);
      const valid = Array.from({ length: 192 }, (_unused, row) => row).filter((row) => (validity[row >>> 5] & (1 << (row & 31))) !== 0);
      assert.deepEqual(valid, [0, 40, 127, 159]);
    }
  });
});

describe('SqlSession.feed', () => {
  it('hands every row to JavaScript in row order on one DuckDB thread', async () => {
    const opened = await openData(file);
    try {
      const firsts: number[] = [];
      let seen = 0;
      await withOneThread(opened, () =>
        opened.session.feed(['i'], opened.relation, (columns, count) => {
          firsts.push(columns[0].items[0]);
          seen += count;
        }),
      );
      assert.equal(seen, rows);
      assert.equal(firsts[0], 0);
      assert.ok(
        firsts.every((first, at) => at === 0 || first > firsts[at - 1]),
        'chunks out of row order',
      );
    } finally {
      opened.close();
    }
  });

  it('fails with a PaydownError when the chunk handler throws', async () => {
    const opened = await openData(file);
    try {
      await assert.rejects(
        withOneThread(opened, () =>
          opened.session.feed(['x'], opened.relation, () => {
            throw new Error('handler broke');
          }),
        ),
        (error: unknown) => error instanceof PaydownError && /handler broke/.test(error.message),
      );
    } finally {
      opened.close();
    }
  });
});

describe('scanNumeric fed by DuckDB', () => {
  it('accumulates exactly what the streamed scan accumulates (nulls, NaN, ±∞, integers)', async () => {
    const opened = await openData(file);
    try {
      const streamed = await scanNumeric(opened.session, opened.relation, targets, 1000);
      const fed = await withOneThread(opened, () => scanNumeric(opened.session, opened.relation, targets, 1000, undefined, 'feed'));
      assert.equal(fed.rows, rows);
      assert.ok(fed.columns[0].nan > 0 && fed.columns[0].infinite > 0 && fed.columns[0].nulls > 0);
      sameScan(fed, streamed);
    } finally {
      opened.close();
    }
  });

  it('accumulates the same per group', async () => {
    const opened = await openData(file);
    try {
      const grouping = { fromSql: `(SELECT *, g AS paydown_group FROM ${opened.relation})`, groups: 3 };
      const streamed = await scanNumeric(opened.session, opened.relation, targets, 1000, grouping);
      const fed = await withOneThread(opened, () => scanNumeric(opened.session, opened.relation, targets, 1000, grouping, 'feed'));
      assert.equal(fed.groups.length, 3);
      assert.equal(
        fed.groupRows.reduce((sum, n) => sum + n, 0),
        rows,
      );
      sameScan(fed, streamed);
    } finally {
      opened.close();
    }
  });
});

/** The profile with mean and stddev rounded to 12 significant digits (they depend on how rows fall into chunks). */
function rounded(profile: DatasetProfile): unknown {
  const round = (columns: readonly ColumnProfile[]): unknown[] =>
    columns.map((c) => (c.numeric === undefined ? c : { ...c, numeric: { ...c.numeric, mean: c.numeric.mean.toPrecision(12), stddev: c.numeric.stddev.toPrecision(12) } }));
  return { ...profile, source: '', columns: round(profile.columns), groups: profile.groups?.map((group) => ({ ...group, columns: round(group.columns) })) };
}

describe('profileData on Parquet', () => {
  it('gives the profile of the same rows in CSV, and sets the session back to its threads', async () => {
    const csv = path.join(scratch, 'mixed.csv');
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    await connection.run(`COPY (SELECT * FROM read_parquet(${quoteLiteral(file)})) TO ${quoteLiteral(csv)} (HEADER)`);
    connection.closeSync();
    instance.closeSync();
    const now = new Date('2026-12-02T00:00:00Z');
    const types = { i: 'BIGINT', x: 'DOUBLE', y: 'DOUBLE', z: 'BIGINT', g: 'INTEGER' };
    const opened = await openData(file);
    try {
      const fromParquet = await profileOpened(opened, { now, exactRows: 0, slice: 'g' });
      const fromCsv = await profileData(csv, { now, exactRows: 0, slice: 'g', columnTypes: types });
      assert.equal(fromParquet.groups?.length, 3);
      assert.deepEqual(rounded(fromParquet), rounded(fromCsv));
      assert.deepEqual(await opened.session.query(`SELECT current_setting('threads') AS threads`), [{ threads: '2' }]);
    } finally {
      opened.close();
    }
  });
});

describe('profileAgainst without the distinct sketch', () => {
  it('gives the same profile but for the numeric distinct counts, and the same drift report', async () => {
    const now = new Date('2026-12-02T00:00:00Z');
    const opened = await openData(file);
    try {
      const reference = await profileOpened(opened, { now, exactRows: 0 });
      const sketched = await profileAgainst(opened, reference, { now, exactRows: 0 });
      const unsketched = await profileAgainst(opened, reference, { now, exactRows: 0, distinctSketch: false });
      const numeric = sketched.columns.filter((column) => column.kind === 'numeric');
      assert.ok(numeric.length >= 3 && numeric.every((column) => column.distinct.value > 0));
      for (const column of unsketched.columns) {
        if (column.kind === 'numeric') assert.deepEqual(column.distinct, { value: 0, exact: false }, column.name);
      }
      const withoutDistinct = (profile: DatasetProfile): unknown => ({ ...profile, columns: profile.columns.map((column) => (column.kind === 'numeric' ? { ...column, distinct: null } : column)) });
      assert.deepEqual(withoutDistinct(unsketched), withoutDistinct(sketched));
      assert.deepEqual(driftReport(reference, unsketched), driftReport(reference, sketched));
    } finally {
      opened.close();
    }
  });
});
