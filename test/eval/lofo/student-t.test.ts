import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { summariseDrops } from '../../../src/eval/lofo/drop-summary.js';
import { regularizedBeta, studentTCdf, studentTQuantile, studentTTwoSided } from '../../../src/eval/lofo/student-t.js';

/**
 * Oracle tests against scipy (test/fixtures/lofo/student-t.json, written by
 * scripts/make-lofo-fixtures.py). A value v is accepted against scipy's s when
 * |v − s| ≤ 1e-12 or |v − s| ≤ 1e-9·|s|. scipy's own t.ppf is only good to about 1e-9 relative
 * in the far tails (its 0.9995 quantile at 1 degree of freedom is off by 1e-9), so quantiles are
 * checked against the fixture's 40-digit `exact` value to 1e-12 and against scipy to 1e-8, and
 * the confidence bounds (which use the quantile) against scipy to 1e-10 absolute.
 */
interface Fixture {
  scipy: string;
  beta: { x: number; a: number; b: number; value: number }[];
  tails: { t: number; df: number; twoSided: number; cdf: number }[];
  quantiles: { p: number; df: number; value: number; exact: number }[];
  paired: { full: number[]; without: number[]; confidence: number; statistic: number; pValue: number; ciLow: number; ciHigh: number }[];
}

const fixture = JSON.parse(readFileSync(new URL('../../../../test/fixtures/lofo/student-t.json', import.meta.url), 'utf8')) as Fixture;

function close(actual: number, expected: number, what: string, abs = 1e-12, rel = 1e-9): void {
  const error = Math.abs(actual - expected);
  assert.ok(error <= abs || error <= rel * Math.abs(expected), `${what}: got ${actual}, scipy ${fixture.scipy} says ${expected}`);
}

describe('Student t against scipy', () => {
  it('regularised incomplete beta matches scipy.special.betainc', () => {
    for (const c of fixture.beta) close(regularizedBeta(c.x, c.a, c.b), c.value, `I_${c.x}(${c.a}, ${c.b})`, 1e-14);
  });

  it('two-sided tails and the CDF match scipy.stats.t, tiny tails relatively', () => {
    for (const c of fixture.tails) {
      close(studentTTwoSided(c.t, c.df), c.twoSided, `2·sf(|${c.t}|, ${c.df})`, 1e-300);
      close(studentTCdf(c.t, c.df), c.cdf, `cdf(${c.t}, ${c.df})`, 1e-14);
    }
  });

  it('quantiles match scipy.stats.t.ppf', () => {
    for (const c of fixture.quantiles) {
      close(studentTQuantile(c.p, c.df), c.exact, `ppf(${c.p}, ${c.df}) exact`, 0, 1e-12);
      close(studentTQuantile(c.p, c.df), c.value, `ppf(${c.p}, ${c.df})`, 0, 1e-8);
    }
  });

  it('the paired test and its interval match scipy.stats.ttest_rel', () => {
    for (const c of fixture.paired) {
      const drops = c.full.map((value, i) => value - c.without[i]);
      const summary = summariseDrops(drops, c.confidence);
      const what = `ttest_rel(${c.full.length} folds, ${c.confidence})`;
      close(summary.t, c.statistic, `${what} statistic`);
      close(summary.pValue, c.pValue, `${what} p`);
      close(summary.ciLow, c.ciLow, `${what} low`, 1e-10);
      close(summary.ciHigh, c.ciHigh, `${what} high`, 1e-10);
    }
  });
});

describe('summariseDrops edge cases', () => {
  it('identical models in every fold: p = 1 and a zero-width interval at 0', () => {
    const summary = summariseDrops([0, 0, 0, 0]);
    assert.deepEqual([summary.mean, summary.std, summary.pValue, summary.ciLow, summary.ciHigh], [0, 0, 1, 0, 0]);
  });

  it('the same non-zero drop in every fold: p = 0', () => {
    const summary = summariseDrops([0.01, 0.01, 0.01]);
    assert.equal(summary.pValue, 0);
    assert.equal(summary.ciLow, 0.01);
  });

  it('refuses a single fold', () => {
    assert.throws(() => summariseDrops([0.1]), /at least 2 folds/);
  });
});
