import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { alignCategories, driftReport } from '../../src/data/drift.js';
import { chooseMethod, defaultDriftPolicy, parseColumnMethods } from '../../src/data/drift-policy.js';
import { ks2Sample, wasserstein1 } from '../../src/data/stats/index.js';
import type { ColumnProfile, DatasetProfile } from '../../src/data/profile-types.js';

// --- hand-made profiles, shaped as profileData makes them ---------------------------------

/** A seeded generator (mulberry32) with normal draws (Box–Muller), for reproducible drift tests. */
function rng(seed: number): { uniform: () => number; normal: (mean?: number, sd?: number) => number } {
  let a = seed >>> 0;
  const uniform = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = (mean = 0, sd = 1): number => mean + sd * Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
  return { uniform, normal };
}

function histogram(values: readonly number[], min: number, max: number, bins: number): { edges: number[]; counts: number[] } {
  if (max === min) return { edges: [min, max], counts: [values.length] };
  const edges = Array.from({ length: bins + 1 }, (_, i) => (i === bins ? max : min + ((max - min) * i) / bins));
  const counts = new Array<number>(bins).fill(0);
  for (const v of values) counts[Math.min(bins - 1, Math.floor(((v - min) / (max - min)) * bins))] += 1;
  return { edges, counts };
}

/** A numeric column profile as profileData would make it (exact quantiles, 1,000-bin fine histogram). */
function numericColumn(name: string, values: readonly number[], nulls = 0, bins = 1000): ColumnProfile {
  const sorted = [...values].sort((x, y) => x - y);
  const n = sorted.length;
  const mean = sorted.reduce((s, v) => s + v, 0) / n;
  const stddev = Math.sqrt(sorted.reduce((s, v) => s + (v - mean) ** 2, 0) / Math.max(1, n - 1));
  const q = (p: number): number => sorted[Math.min(n - 1, Math.floor(p * (n - 1)))];
  const min = sorted[0];
  const max = sorted[n - 1];
  return {
    name,
    sqlType: 'DOUBLE',
    kind: 'numeric',
    count: n + nulls,
    nulls: { count: nulls, share: nulls / (n + nulls) },
    distinct: { value: new Set(values).size, exact: true },
    numeric: {
      min,
      max,
      mean,
      stddev,
      quantiles: [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99].map((p) => ({ p, value: q(p) })),
      quantilesExact: true,
      histogram: histogram(values, min, max, 20),
      fineHistogram: histogram(values, min, max, bins),
      nan: 0,
      infinite: 0,
    },
  };
}

/** A categorical column profile from category counts; `limit` keeps only the most frequent ones. */
function categoricalColumn(name: string, counts: Readonly<Record<string, number>>, limit = 1000): ColumnProfile {
  const entries = Object.entries(counts).sort((a, b) => b[1] - a[1]);
  const top = entries.slice(0, limit).map(([value, count]) => ({ value, count }));
  const otherCount = entries.slice(limit).reduce((s, [, c]) => s + c, 0);
  const n = entries.reduce((s, [, c]) => s + c, 0);
  return {
    name,
    sqlType: 'VARCHAR',
    kind: 'categorical',
    count: n,
    nulls: { count: 0, share: 0 },
    distinct: { value: entries.length, exact: true },
    categorical: { top, otherCount, complete: entries.length <= limit },
  };
}

function profile(source: string, columns: readonly ColumnProfile[], groups?: DatasetProfile['groups']): DatasetProfile {
  const rows = columns.reduce((m, c) => Math.max(m, c.count), 0);
  return { format: 'paydown.profile/v1', source, createdAt: '2026-01-01T00:00:00.000Z', rows, columns, ...(groups === undefined ? {} : { groups }) };
}

function draws(n: number, seed: number, mean = 0, sd = 1): number[] {
  const r = rng(seed);
  return Array.from({ length: n }, () => Math.round(r.normal(mean, sd) * 1e6) / 1e6);
}

function multinomial(n: number, probs: Readonly<Record<string, number>>, seed: number): Record<string, number> {
  const r = rng(seed);
  const keys = Object.keys(probs);
  const out: Record<string, number> = {};
  for (let i = 0; i < n; i += 1) {
    let u = r.uniform();
    let k = keys[keys.length - 1];
    for (const key of keys) {
      u -= probs[key];
      if (u < 0) {
        k = key;
        break;
      }
    }
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}

describe('drift policy', () => {
  it('picks tests for small samples and distances for large ones', () => {
    assert.equal(chooseMethod('x', 'numeric', 500, 800, defaultDriftPolicy), 'ks');
    assert.equal(chooseMethod('x', 'numeric', 500, 1001, defaultDriftPolicy), 'wasserstein');
    assert.equal(chooseMethod('c', 'categorical', 1000, 1000, defaultDriftPolicy), 'chi-square');
    assert.equal(chooseMethod('c', 'categorical', 1000, 5000, defaultDriftPolicy), 'jensen-shannon');
  });
  it('honours and checks per-column overrides', () => {
    const policy = { ...defaultDriftPolicy, columnMethods: parseColumnMethods(['x=psi', 'a=b=l-infinity']) };
    assert.equal(chooseMethod('x', 'numeric', 10, 10, policy), 'psi');
    assert.equal(chooseMethod('a=b', 'categorical', 10, 10, policy), 'l-infinity');
    assert.throws(() => chooseMethod('a=b', 'numeric', 10, 10, policy), /does not apply/);
    assert.throws(() => parseColumnMethods(['x=t-test']), /COLUMN=METHOD/);
  });
});

describe('driftReport on numeric columns', () => {
  it('finds no drift between samples of one distribution', () => {
    const report = driftReport(profile('a', [numericColumn('x', draws(20000, 1))]), profile('b', [numericColumn('x', draws(20000, 2))]));
    const [x] = report.columns;
    assert.equal(x.method, 'wasserstein');
    assert.equal(x.drifted, false);
    assert.equal(report.drifted, false);
    assert.ok(x.errorBound !== null && x.errorBound > 0 && x.errorBound < 0.01);
  });
  it('flags a large shift with the normalised Wasserstein distance', () => {
    const report = driftReport(profile('a', [numericColumn('x', draws(20000, 1))]), profile('b', [numericColumn('x', draws(20000, 2, 0.5))]));
    const [x] = report.columns;
    assert.equal(x.drifted, true);
    assert.ok(Math.abs((x.statistic ?? 0) - 0.5) < 0.05, `W1/std ≈ 0.5, got ${x.statistic}`);
    assert.equal(report.drifted, true);
  });
  it('does not alarm on a negligible shift of a large sample, although a KS test would', () => {
    const ref = draws(50000, 3);
    const cur = draws(50000, 4, 0.03);
    assert.ok(ks2Sample(ref, cur).pValue < 0.05, 'the shift is statistically significant');
    const [x] = driftReport(profile('a', [numericColumn('x', ref)]), profile('b', [numericColumn('x', cur)])).columns;
    assert.equal(x.method, 'wasserstein');
    assert.equal(x.drifted, false);
  });
  it('is exact from raw values of small samples (matches ks2Sample)', () => {
    const ref = draws(300, 5);
    const cur = draws(400, 6, 0.4);
    const report = driftReport({ profile: profile('a', [numericColumn('x', ref)]), samples: { x: ref } }, { profile: profile('b', [numericColumn('x', cur)]), samples: { x: cur } });
    const [x] = report.columns;
    const oracle = ks2Sample(ref, cur);
    assert.equal(x.method, 'ks');
    assert.equal(x.exact, true);
    assert.equal(x.errorBound, 0);
    assert.equal(x.statistic, oracle.statistic);
    assert.equal(x.pValue, oracle.pValue);
    assert.equal(x.drifted, true);
  });
  it('bounds the KS statistic when the reference is only a profile', () => {
    const ref = draws(300, 5);
    const cur = draws(400, 6, 0.4);
    const [x] = driftReport(profile('a', [numericColumn('x', ref)]), { profile: profile('b', [numericColumn('x', cur)]), samples: { x: cur } }).columns;
    const exact = ks2Sample(ref, cur).statistic;
    assert.equal(x.exact, false);
    assert.ok(x.errorBound !== null && Math.abs((x.statistic ?? 0) - exact) <= x.errorBound, `${x.statistic} ± ${x.errorBound} vs ${exact}`);
  });
  it('Wasserstein from raw values equals scipy-checked wasserstein1 divided by the std', () => {
    const ref = draws(2000, 7);
    const cur = draws(2000, 8, 0, 2);
    const refProfile = numericColumn('x', ref);
    const [x] = driftReport({ profile: profile('a', [refProfile]), samples: { x: ref } }, { profile: profile('b', [numericColumn('x', cur)]), samples: { x: cur } }).columns;
    assert.equal(x.exact, true);
    assert.ok(Math.abs((x.statistic ?? 0) - wasserstein1(ref, cur) / (refProfile.numeric?.stddev ?? 1)) < 1e-12);
  });
  it('computes PSI when asked', () => {
    const report = driftReport(profile('a', [numericColumn('x', draws(5000, 9))]), profile('b', [numericColumn('x', draws(5000, 10, 1))]), { policy: { columnMethods: { x: 'psi' } } });
    const [x] = report.columns;
    assert.equal(x.method, 'psi');
    assert.ok((x.statistic ?? 0) > 0.25);
    assert.equal(x.drifted, true);
  });
});

describe('driftReport on categorical columns', () => {
  const probs = { a: 0.5, b: 0.3, c: 0.15, d: 0.05 };
  it('uses chi-square on small samples', () => {
    const [c] = driftReport(profile('a', [categoricalColumn('c', multinomial(500, probs, 1))]), profile('b', [categoricalColumn('c', multinomial(600, { a: 0.2, b: 0.3, c: 0.3, d: 0.2 }, 2))])).columns;
    assert.equal(c.method, 'chi-square');
    assert.equal(c.exact, true);
    assert.ok((c.pValue ?? 1) < 1e-6);
    assert.equal(c.drifted, true);
  });
  it('needs an effect size next to the p-value', () => {
    const [c] = driftReport(profile('a', [categoricalColumn('c', { a: 500, b: 500 })]), profile('b', [categoricalColumn('c', { a: 440, b: 560 })])).columns;
    assert.ok((c.pValue ?? 1) < 0.05, 'significant');
    assert.ok((c.effectSize ?? 1) < 0.1, 'but small');
    assert.equal(c.drifted, false);
  });
  it('uses the JS distance on large samples and ignores negligible shifts', () => {
    const [c] = driftReport(profile('a', [categoricalColumn('c', multinomial(100000, probs, 3))]), profile('b', [categoricalColumn('c', multinomial(100000, { a: 0.49, b: 0.31, c: 0.15, d: 0.05 }, 4))])).columns;
    assert.equal(c.method, 'jensen-shannon');
    assert.equal(c.drifted, false);
  });
  it('handles categories unseen in the reference', () => {
    const [c] = driftReport(profile('a', [categoricalColumn('c', { a: 3000, b: 3000 })]), profile('b', [categoricalColumn('c', { a: 2000, b: 2000, new: 2000 })])).columns;
    assert.equal(c.drifted, true);
    assert.ok(Math.abs((c.statistic ?? 0) - Math.sqrt(0.5 * (2 * 0.5 * Math.log2(0.5 / (5 / 12))) + 0.5 * (2 * (1 / 3) * Math.log2((1 / 3) / (5 / 12)) + (1 / 3) * Math.log2(2)))) < 1e-12);
  });
  it('merges categories not known on both sides into one other bucket', () => {
    const ref = categoricalColumn('c', { a: 50, b: 30, c: 20, d: 1 }, 2).categorical;
    const cur = categoricalColumn('c', { a: 40, c: 35, b: 25 }, 3).categorical;
    assert.ok(ref !== undefined && cur !== undefined);
    const aligned = alignCategories(ref, cur);
    assert.deepEqual(aligned.categories, ['a', 'b', '(other)']);
    assert.deepEqual(aligned.reference, [50, 30, 21]);
    assert.deepEqual(aligned.current, [40, 25, 35]);
    assert.equal(aligned.exact, false);
  });
});

describe('dataset verdict and slices', () => {
  it('reports missing and new columns without counting them', () => {
    const report = driftReport(profile('a', [numericColumn('x', draws(100, 1)), categoricalColumn('gone', { a: 1 })]), profile('b', [numericColumn('x', draws(100, 2)), categoricalColumn('new', { a: 1 })]));
    assert.deepEqual(
      report.columns.map((c) => [c.column, c.status]),
      [
        ['x', 'compared'],
        ['gone', 'skipped'],
        ['new', 'skipped'],
      ],
    );
    assert.equal(report.summary.compared, 1);
  });
  it('drifts when the share of drifted columns reaches the threshold', () => {
    const ref = profile('a', [numericColumn('x', draws(5000, 1)), numericColumn('y', draws(5000, 2)), numericColumn('z', draws(5000, 3))]);
    const cur = profile('b', [numericColumn('x', draws(5000, 4, 1)), numericColumn('y', draws(5000, 5)), numericColumn('z', draws(5000, 6))]);
    const report = driftReport(ref, cur);
    assert.equal(report.summary.drifted, 1);
    assert.equal(report.drifted, false);
    assert.equal(driftReport(ref, cur, { policy: { driftShare: 0.3 } }).drifted, true);
  });
  it('compares slice by slice', () => {
    const group = (country: string, seed: number, shift: number) => ({ key: { country }, rows: 3000, columns: [numericColumn('x', draws(3000, seed, shift))] });
    const ref = profile('a', [numericColumn('x', draws(6000, 1))], [group('fr', 1, 0), group('de', 2, 0), group('it', 9, 0)]);
    const cur = profile('b', [numericColumn('x', draws(6000, 3, 0.3))], [group('fr', 3, 0), group('de', 4, 1), group('es', 5, 0)]);
    const report = driftReport(ref, cur, { slice: 'country' });
    assert.deepEqual(report.slices?.map((s) => [s.key.country, s.summary.datasetDrifted]), [
      ['fr', false],
      ['de', true],
    ]);
    assert.deepEqual(report.unmatchedSlices, { reference: ['it'], current: ['es'] });
    assert.equal(report.drifted, true);
    assert.throws(() => driftReport(profile('a', []), cur, { slice: 'country' }), /no groups/);
  });
});
