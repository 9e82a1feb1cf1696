import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { PaydownError } from '../../../src/errors.js';
import { stratifiedFolds } from '../../../src/eval/lofo/folds.js';
import { verdictOf } from '../../../src/eval/lofo/verdict.js';

function binaryTarget(values: readonly number[]): Float64Array {
  return Float64Array.from(values);
}

describe('stratifiedFolds', () => {
  it('gives every fold the same share of each class, give or take one row, and sizes within one', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 20, maxLength: 300 }), fc.integer({ min: 2, max: 6 }), fc.nat(), (labels, k, seed) => {
        const target = binaryTarget(labels.map((b) => (b ? 1 : 0)));
        const ones = labels.filter(Boolean).length;
        fc.pre(ones >= k && labels.length - ones >= k);
        const split = stratifiedFolds(target, 'binary', k, seed);
        const sizes = split.validation.map((rows) => rows.length);
        assert.ok(Math.max(...sizes) - Math.min(...sizes) <= 1);
        const positives = split.validation.map((rows) => [...rows].filter((row) => target[row] === 1).length);
        assert.ok(Math.max(...positives) - Math.min(...positives) <= 1);
        for (let f = 0; f < k; f += 1) {
          assert.equal(split.training[f].length + split.validation[f].length, labels.length);
          for (const row of split.validation[f]) assert.equal(split.foldOf[row], f);
          for (const row of split.training[f]) assert.notEqual(split.foldOf[row], f);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('is the same for the same seed and different for another', () => {
    const target = binaryTarget(Array.from({ length: 500 }, (_, i) => (i % 3 === 0 ? 1 : 0)));
    const a = stratifiedFolds(target, 'binary', 5, 7);
    const b = stratifiedFolds(target, 'binary', 5, 7);
    const c = stratifiedFolds(target, 'binary', 5, 8);
    assert.deepEqual(a.foldOf, b.foldOf);
    assert.notDeepEqual(a.foldOf, c.foldOf);
  });

  it('spreads a regression target over every fold (each fold sees low and high values)', () => {
    const target = Float64Array.from({ length: 1000 }, (_, i) => (i * 7919) % 1000);
    const split = stratifiedFolds(target, 'regression', 4, 1);
    for (const rows of split.validation) {
      assert.equal(rows.length, 250);
      const values = [...rows].map((row) => target[row]).sort((x, y) => x - y);
      assert.ok(values[0] < 4 && values[values.length - 1] > 995);
      const mean = values.reduce((s, v) => s + v, 0) / values.length;
      assert.ok(Math.abs(mean - 499.5) < 2, `fold mean ${mean}`);
    }
  });

  it('refuses a class with fewer rows than folds, more folds than rows, and fewer than 2 folds', () => {
    const target = binaryTarget([1, 0, 0, 0, 0, 1, 0, 0]);
    assert.throws(() => stratifiedFolds(target, 'binary', 3, 1), (e: unknown) => e instanceof PaydownError && /2 row\(s\) of class 1; 3 folds/.test(e.message));
    assert.throws(() => stratifiedFolds(target, 'regression', 9, 1), /9 folds need at least 9 rows/);
    assert.throws(() => stratifiedFolds(target, 'binary', 1, 1), /at least 2/);
  });
});

describe('verdictOf', () => {
  it('decides from the interval with 3 folds or more and from the mean with 2', () => {
    assert.equal(verdictOf({ mean: 0.0002, ciLow: -0.0001, ciHigh: 0.0004 }, 5, 0.0005), 'remove');
    assert.equal(verdictOf({ mean: 0.002, ciLow: 0.001, ciHigh: 0.003 }, 5, 0.0005), 'keep');
    assert.equal(verdictOf({ mean: 0.0007, ciLow: 0.0001, ciHigh: 0.0013 }, 5, 0.0005), 'inconclusive');
    assert.equal(verdictOf({ mean: 0.0004, ciLow: -0.01, ciHigh: 0.01 }, 2, 0.0005), 'remove');
    assert.equal(verdictOf({ mean: 0.0006, ciLow: -0.01, ciHigh: 0.01 }, 2, 0.0005), 'keep');
  });
});
