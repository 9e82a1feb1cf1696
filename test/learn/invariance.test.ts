import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { gradientBoostedTrees, logisticRegression } from '../../src/learn/index.js';
import { allRows, dataOf, numeric } from './support.js';

/**
 * Properties that follow from the design: trees see only the order of a numeric feature (its
 * bins), and the logistic regression standardises numeric features, so neither depends on the
 * units a feature is measured in.
 */
describe('learner invariances', () => {
  const sample = fc.record({
    values: fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 120, maxLength: 200 }),
    threshold: fc.integer({ min: 5, max: 35 }),
    scale: fc.double({ min: 0.01, max: 1000, noNaN: true }),
    shift: fc.double({ min: -1e4, max: 1e4, noNaN: true }),
  });

  it('trees give the same scores after a strictly increasing transform of a feature', () => {
    fc.assert(
      fc.property(sample, ({ values, threshold, scale, shift }) => {
        const y = values.map((value, i) => (value > threshold !== (i % 7 === 0) ? 1 : 0));
        if (y.every((label) => label === y[0])) return;
        const original = dataOf([numeric('x', values)], y);
        const transformed = dataOf([numeric('x', values.map((value) => Math.exp(value / 10) * scale + shift))], y);
        const fit = (data: typeof original): Float64Array => gradientBoostedTrees({ maxIter: 5, minSamplesLeaf: 5 }).fit({ data, rows: allRows(data), features: [0], seed: 1 }, 'binary').predict(data, allRows(data));
        assert.deepEqual(fit(transformed), fit(original));
      }),
      { numRuns: 25, seed: 7 },
    );
  });

  it('logistic regression gives the same scores after rescaling and shifting a feature', () => {
    fc.assert(
      fc.property(sample, ({ values, threshold, scale, shift }) => {
        const y = values.map((value, i) => (value > threshold !== (i % 5 === 0) ? 1 : 0));
        if (y.every((label) => label === y[0])) return;
        const original = dataOf([numeric('x', values)], y);
        const transformed = dataOf([numeric('x', values.map((value) => value * scale + shift))], y);
        const fit = (data: typeof original): Float64Array => logisticRegression({ tolerance: 1e-10 }).fit({ data, rows: allRows(data), features: [0], seed: 1 }, 'binary').predict(data, allRows(data));
        const a = fit(original);
        const b = fit(transformed);
        a.forEach((score, i) => assert.ok(Math.abs(score - b[i]) < 1e-6, `row ${i}: ${score} vs ${b[i]}`));
      }),
      { numRuns: 25, seed: 7 },
    );
  });
});
