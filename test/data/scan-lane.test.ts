import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { PaydownError } from '../../src/errors.js';
import { quoteLiteral } from '../../src/data/duckdb.js';
import { driftReport } from '../../src/data/drift.js';
import { profileAgainst, profileOpened } from '../../src/data/profile.js';
import { openData } from '../../src/data/read-data.js';
import { HyperLogLog } from '../../src/data/scan/hyperloglog.js';
import { NumericAccumulator } from '../../src/data/scan/numeric-accumulator.js';
import { ScanLane } from '../../src/data/scan/scan-lane.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'paydown-scan-lane-'));
const file = path.join(scratch, 'five.parquet');
const rows = 30_000;

/** 30,000 rows in row groups of 7,000: five numeric columns (nulls, NaN, ±∞ in `a`), a slice column and a category. */
before(async () => {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const a = `CASE WHEN i % 89 = 0 THEN NULL WHEN i % 233 = 0 THEN 'NaN'::DOUBLE WHEN i % 331 = 0 THEN 'inf'::DOUBLE ELSE (hash(i) % 100003) / 100003.0 * 40 - 5 END`;
  const columns = [`${a} AS a`, `exp((hash(i + 1) % 1000) / 200.0) AS b`, `(hash(i + 2) % 50)::INTEGER AS c`, `(hash(i + 3) % 1000003) / 7.0 AS d`, `sqrt(i) AS e`];
  await connection.run(
    `COPY (SELECT ${columns.join(', ')}, (i % 4)::VARCHAR AS s, 'k' || (hash(i + 9) % 7)::VARCHAR AS k FROM range(${rows}) t(i)) TO ${quoteLiteral(file)} (FORMAT parquet, ROW_GROUP_SIZE 7000)`,
  );
  connection.closeSync();
  instance.closeSync();
});
after(() => rmSync(scratch, { recursive: true, force: true }));

const now = new Date('2026-12-03T00:00:00Z');
const oneThread = { now, exactRows: 0, parallelValues: Number.POSITIVE_INFINITY };
const twoThreads = { now, exactRows: 0, parallelValues: 1 };

describe('the numeric scan in two threads (ScanLane)', () => {
  it('gives the same profile, to the last bit, as one thread', async () => {
    const opened = await openData(file);
    try {
      const single = await profileOpened(opened, oneThread);
      const split = await profileOpened(opened, twoThreads);
      assert.equal(split.columns.filter((column) => column.kind === 'numeric').length, 5);
      assert.ok(split.columns.some((column) => column.numeric !== undefined && column.numeric.nan > 0 && column.nulls.count > 0));
      assert.deepEqual(split, single);
    } finally {
      opened.close();
    }
  });

  it('gives the same grouped profile, and the same drift report without the sketch', async () => {
    const opened = await openData(file);
    try {
      const single = await profileOpened(opened, { ...oneThread, slice: 's' });
      const split = await profileOpened(opened, { ...twoThreads, slice: 's' });
      assert.equal(split.groups?.length, 4);
      assert.deepEqual(split, single);
      const current = await profileAgainst(opened, single, { ...twoThreads, distinctSketch: false });
      const currentHere = await profileAgainst(opened, single, { ...oneThread, distinctSketch: false });
      assert.deepEqual(driftReport(single, current), driftReport(single, currentHere));
    } finally {
      opened.close();
    }
  });

  it('does not keep the process alive when neither used nor closed', () => {
    const module = (relative: string): string => JSON.stringify(new URL(relative, import.meta.url).href);
    const script = path.join(scratch, 'unused-lane.mjs');
    writeFileSync(
      script,
      `import { openData } from ${module('../../src/data/read-data.js')};
      import { ScanLane } from ${module('../../src/data/scan/scan-lane.js')};
      const opened = await openData(${JSON.stringify(file)});
      const lane = ScanLane.open(opened);
      opened.close();
      process.stdout.write(lane === undefined ? 'no lane' : 'lane');`,
    );
    const child = spawnSync(process.execPath, [script], { encoding: 'utf8', timeout: 20_000 });
    assert.equal(child.stdout, 'lane');
    assert.equal(child.status, 0, `exit ${child.status} ${child.signal ?? ''} ${child.stderr}`);
  });

  it("reports the thread's failure as the error of the scan, and a lane not used lets its thread go", async () => {
    const opened = await openData(file);
    try {
      const lane = ScanLane.open(opened);
      assert.ok(lane !== undefined);
      await assert.rejects(lane.scan(opened.relation, [{ name: 'missing', lo: 0, hi: 1 }], 10, undefined, true), (error: unknown) => error instanceof PaydownError && /missing/.test(error.message));
      await assert.rejects(lane.scan(opened.relation, [{ name: 'a', lo: 0, hi: 1 }], 10, undefined, true), /scans once/);
      const unused = ScanLane.open(opened);
      unused?.close();
      unused?.close();
    } finally {
      opened.close();
    }
  });
});

describe('NumericAccumulator.state and HyperLogLog.registers', () => {
  it('cross threads as plain data and come back equal', () => {
    const column = new NumericAccumulator(0, 10, 100);
    column.addChunk(Float64Array.from([1, 2.5, Number.NaN, 7, Number.POSITIVE_INFINITY, 9.99, -0, 3]), null, Int32Array.from({ length: 8 }, (_unused, i) => i), 8);
    const copy = NumericAccumulator.fromState(structuredClone(column.state()));
    for (const field of ['rows', 'finite', 'nulls', 'nan', 'infinite', 'min', 'max', 'mean', 'squares', 'bins', 'lo', 'hi'] as const) assert.equal(copy[field], column[field], field);
    assert.deepEqual(Array.from(copy.counts), Array.from(column.counts));
    assert.equal(copy.sketch?.estimate(), column.sketch?.estimate());
    assert.equal(copy.sketch?.estimate(), 6);
    assert.throws(() => HyperLogLog.fromRegisters(new Uint8Array(7)), RangeError);
  });
});
