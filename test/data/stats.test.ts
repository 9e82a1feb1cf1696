import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import {
  alignCounts,
  chiSquareHomogeneity,
  chiSquareSurvival,
  jensenShannonDistance,
  kolmogorovSurvival,
  ks2Sample,
  ksFromHistograms,
  ksLimitPValue,
  ksPValue,
  lInfinityDistance,
  logGamma,
  populationStabilityIndex,
  rebin,
  wasserstein1,
  wasserstein1FromHistograms,
} from '../../src/data/stats/index.js';
import type { Histogram } from '../../src/data/profile-types.js';

/**
 * Oracle tests: every statistic against scipy's output in test/fixtures/stats (written by
 * scripts/make-stat-fixtures.py). Tolerances: a value v is accepted against scipy's s when
 * |v − s| ≤ ABS or |v − s| ≤ REL·|s|, with REL = 1e-9 and ABS = 1e-12 (p-values: ABS = 1e-14,
 * so tiny p-values are checked relatively). Histogram statistics are checked against the raw
 * statistic with their own stated error bound.
 */
const REL = 1e-9;
const ABS = 1e-12;

function fixture<T>(name: string): { scipy: string; cases: T[] } {
  return JSON.parse(readFileSync(new URL(`../../../test/fixtures/stats/${name}`, import.meta.url), 'utf8')) as { scipy: string; cases: T[] };
}

const worst = new Map<string, { abs: number; rel: number }>();

function close(stat: string, actual: number, expected: number, what: string, abs = ABS, rel = REL): void {
  const err = Math.abs(actual - expected);
  const relErr = expected === 0 ? (err === 0 ? 0 : Number.POSITIVE_INFINITY) : err / Math.abs(expected);
  const w = worst.get(stat) ?? { abs: 0, rel: 0 };
  worst.set(stat, { abs: Math.max(w.abs, err), rel: Math.max(w.rel, Number.isFinite(relErr) ? relErr : w.rel) });
  assert.ok(err <= abs || err <= rel * Math.abs(expected), `${what}: got ${actual}, scipy ${expected} (abs ${err}, rel ${relErr})`);
}

after(() => {
  const lines = [...worst].map(([k, v]) => `  ${k.padEnd(28)} max abs ${v.abs.toExponential(2)}  max rel ${v.rel.toExponential(2)}`);
  process.stdout.write(`# oracle agreement with scipy:\n${lines.map((l) => `# ${l}`).join('\n')}\n`);
});

interface KsCase {
  name: string;
  x: number[];
  y: number[];
  method: 'exact' | 'asymp';
  statistic: number;
  pvalue: number;
  kstwobign_pvalue: number;
}

describe('two-sample Kolmogorov–Smirnov (scipy.stats.ks_2samp)', () => {
  const { cases } = fixture<KsCase>('ks.json');
  for (const c of cases) {
    it(c.name, () => {
      const r = ks2Sample(c.x, c.y, c.method);
      close('ks statistic', r.statistic, c.statistic, 'statistic');
      if (c.method === 'exact') {
        assert.equal(r.method, 'exact');
        close('ks p exact', r.pValue, c.pvalue, 'exact p-value', 1e-14);
      } else {
        close('ks p asymp (kstwobign)', r.pValue, c.kstwobign_pvalue, 'asymptotic p-value', 1e-14);
        close('ks p limit (kstwobign)', ksLimitPValue(r.statistic, c.x.length, c.y.length), c.kstwobign_pvalue, 'limit p-value', 1e-14);
      }
    });
  }
  it('rejects empty samples and drops NaN', () => {
    assert.throws(() => ks2Sample([], [1]));
    assert.deepEqual(ks2Sample([1, 2, Number.NaN, 3], [4, 5, 6]), ks2Sample([1, 2, 3], [4, 5, 6]));
  });
  it('ksPValue gives the p-value of a given D by the same rules', () => {
    for (const c of cases.filter((k) => k.method === 'exact')) {
      assert.equal(ksPValue(c.statistic, c.x.length, c.y.length).pValue, ks2Sample(c.x, c.y).pValue);
    }
    const asymp = cases.find((k) => k.method === 'asymp' && k.x.length > 100);
    assert.ok(asymp !== undefined);
    close('ks p asymp', ksPValue(asymp.statistic, asymp.x.length, asymp.y.length, 'asymp').pValue, asymp.kstwobign_pvalue, 'ksPValue asymp', 1e-14);
  });
  it('auto picks exact up to 10,000 values', () => {
    assert.equal(ks2Sample([1, 2, 3], [2, 3, 4]).method, 'exact');
  });
});

describe('Kolmogorov distribution (scipy.stats.kstwobign.sf)', () => {
  for (const c of fixture<{ z: number; sf: number }>('kolmogorov.json').cases) {
    it(`z = ${c.z}`, () => close('kstwobign sf', kolmogorovSurvival(c.z), c.sf, `sf(${c.z})`, 1e-15));
  }
});

describe('chi-square survival (scipy.stats.chi2.sf)', () => {
  for (const c of fixture<{ x: number; dof: number; sf: number }>('chi2-sf.json').cases) {
    it(`x = ${c.x}, dof = ${c.dof}`, () => close('chi2 sf', chiSquareSurvival(c.x, c.dof), c.sf, `sf(${c.x}; ${c.dof})`, 1e-300));
  }
  it('log-gamma at known points', () => {
    close('logGamma', logGamma(1), 0, 'lgamma(1)');
    close('logGamma', logGamma(0.5), Math.log(Math.sqrt(Math.PI)), 'lgamma(0.5)');
    close('logGamma', logGamma(10), Math.log(362880), 'lgamma(10)');
  });
});

interface CategoricalCase {
  name: string;
  reference: Record<string, number>;
  current: Record<string, number>;
  chi2: { statistic: number; pvalue: number; dof: number };
  jensenshannon: number;
  psi: number;
  linf: number;
}

describe('category statistics (chi2_contingency, jensenshannon base 2, PSI, L∞)', () => {
  for (const c of fixture<CategoricalCase>('categorical.json').cases) {
    it(c.name, () => {
      const aligned = alignCounts(c.reference, c.current);
      const chi = chiSquareHomogeneity(aligned.reference, aligned.current);
      close('chi2 statistic', chi.statistic, c.chi2.statistic, 'chi2 statistic');
      assert.equal(chi.dof, c.chi2.dof);
      close('chi2 p-value', chi.pValue, c.chi2.pvalue, 'chi2 p-value', 1e-14);
      close('jensen-shannon', jensenShannonDistance(aligned.reference, aligned.current), c.jensenshannon, 'JS distance');
      close('psi', populationStabilityIndex(aligned.reference, aligned.current), c.psi, 'PSI');
      close('l-infinity', lInfinityDistance(aligned.reference, aligned.current), c.linf, 'L∞');
    });
  }
});

describe('Wasserstein-1 (scipy.stats.wasserstein_distance)', () => {
  for (const c of fixture<{ name: string; u: number[]; v: number[]; distance: number }>('wasserstein.json').cases) {
    it(c.name, () => close('wasserstein raw', wasserstein1(c.u, c.v), c.distance, 'W1'));
  }
});

interface HistogramCase {
  name: string;
  reference: Histogram;
  current: Histogram;
  ks_raw: number;
  wasserstein_raw: number;
  bin_width_reference: number;
  bin_width_current: number;
}

describe('statistics from histograms, within their stated bounds of the raw statistic', () => {
  for (const c of fixture<HistogramCase>('histograms.json').cases) {
    it(c.name, () => {
      const ks = ksFromHistograms(c.reference, c.current);
      assert.ok(ks.lower <= c.ks_raw + 1e-12 && c.ks_raw <= ks.upper + 1e-12, `raw KS ${c.ks_raw} outside [${ks.lower}, ${ks.upper}]`);
      assert.ok(Math.abs(ks.statistic - c.ks_raw) <= ks.errorBound + 1e-12);
      const w = worst.get('ks from histograms') ?? { abs: 0, rel: 0 };
      worst.set('ks from histograms', { abs: Math.max(w.abs, Math.abs(ks.statistic - c.ks_raw)), rel: Math.max(w.rel, Math.abs(ks.statistic - c.ks_raw) / c.ks_raw) });
      const wd = wasserstein1FromHistograms(c.reference, c.current);
      const err = Math.abs(wd.distance - c.wasserstein_raw);
      assert.ok(err <= wd.errorBound + 1e-12, `W1 ${wd.distance} vs raw ${c.wasserstein_raw}: ${err} > bound ${wd.errorBound}`);
      assert.ok(wd.errorBound <= (c.bin_width_reference + c.bin_width_current) / 2 + 1e-12, 'bound is at most half the two bin widths');
      const ww = worst.get('wasserstein from histograms') ?? { abs: 0, rel: 0 };
      worst.set('wasserstein from histograms', { abs: Math.max(ww.abs, err), rel: Math.max(ww.rel, err / c.wasserstein_raw) });
    });
  }
  it('identical histograms give zero', () => {
    const h = { edges: [0, 1, 2, 3], counts: [1, 5, 2] };
    assert.equal(ksFromHistograms(h, h).statistic, 0);
    assert.equal(wasserstein1FromHistograms(h, h).distance, 0);
  });
  it('a point mass (zero-width bin) against a uniform bin', () => {
    const point = { edges: [1, 1], counts: [10] };
    const uniform = { edges: [0, 2], counts: [10] };
    close('wasserstein from histograms', wasserstein1FromHistograms(point, uniform).distance, 0.5, 'W1(δ1, U[0,2])');
    close('ks from histograms', ksFromHistograms(point, uniform).statistic, 0.5, 'KS(δ1, U[0,2])');
  });
  it('rebin keeps the total and is exact on shared edges', () => {
    const h = { edges: [0, 1, 2, 3, 4], counts: [1, 2, 3, 4] };
    assert.deepEqual(rebin(h, [0, 2, 4]), [3, 7]);
    const r = rebin(h, [-1, 0.5, 5]);
    close('rebin', r[0] + r[1], 10, 'rebin total');
  });
});
