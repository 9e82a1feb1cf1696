import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PaydownError } from '../../src/errors.js';
import { logisticRegression, parseModelFile } from '../../src/learn/index.js';
import { allRows, categorical, dataOf, numeric, random } from './support.js';

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

describe('logistic regression', () => {
  const next = random(11);
  const n = 400;
  const x = Array.from({ length: n }, () => next() * 4 - 2);
  const colour = Array.from({ length: n }, (_, i) => ['red', 'green', 'blue'][i % 3]);
  const y = x.map((value, i) => (next() < sigmoid(1.5 * value + (colour[i] === 'red' ? 1 : -0.5)) ? 1 : 0));

  it('learns the direction and size of a numeric effect and a categorical one', () => {
    const data = dataOf([numeric('x', x), categorical('colour', colour)], y);
    const model = logisticRegression({ C: 100 }).fit({ data, rows: allRows(data), features: [0, 1], seed: 1 }, 'binary');
    const file = model.toJSON() as { weights: Record<string, number>; categorical: Record<string, Record<string, number>> };
    assert.ok(file.weights.x > 1 && file.weights.x < 2.2, `weight of x ${file.weights.x}`);
    const weights = file.categorical.colour;
    assert.ok(weights.red - weights.blue > 0.8 && weights.red - weights.green > 0.8, JSON.stringify(weights));
  });

  it('stays finite on separable data: the penalty bounds the weights, and a stronger penalty shrinks them', () => {
    const separable = dataOf([numeric('x', [-3, -2, -1, 1, 2, 3])], [0, 0, 0, 1, 1, 1]);
    const weight = (C: number): number => (logisticRegression({ C }).fit({ data: separable, rows: allRows(separable), features: [0], seed: 1 }, 'binary').toJSON() as { weights: Record<string, number> }).weights.x;
    const loose = weight(10);
    const tight = weight(0.1);
    assert.ok(Number.isFinite(loose) && loose > tight && tight > 0, `C=10: ${loose}, C=0.1: ${tight}`);
  });

  it('gives a constant feature zero weight and does not fail on it', () => {
    const data = dataOf([numeric('x', x), numeric('constant', x.map(() => 7))], y);
    const model = logisticRegression().fit({ data, rows: allRows(data), features: [0, 1], seed: 1 }, 'binary');
    assert.equal((model.toJSON() as { weights: Record<string, number> }).weights.constant, 0);
  });

  it('imputes missing numbers with the training mean and learns a missing indicator', () => {
    const withGaps = x.map((value, i) => (i % 5 === 0 ? Number.NaN : value));
    const target = y.map((label, i) => (i % 5 === 0 ? 1 : label));
    const data = dataOf([numeric('x', withGaps)], target);
    const model = logisticRegression().fit({ data, rows: allRows(data), features: [0], seed: 1 }, 'binary');
    const file = model.toJSON() as { impute: Record<string, number>; missingWeights: Record<string, number> };
    const present = withGaps.filter((value) => !Number.isNaN(value));
    assert.ok(Math.abs(file.impute.x - present.reduce((a, b) => a + b, 0) / present.length) < 1e-12);
    assert.ok(file.missingWeights.x > 1, `missing indicator weight ${file.missingWeights.x}`);
    const scores = model.predict(data, allRows(data));
    assert.ok(scores.every((score) => score > 0 && score < 1));
  });

  it('fits only the requested rows and features, and the same request gives the same model', () => {
    const data = dataOf([numeric('x', x), categorical('colour', colour), numeric('noise', x.map(() => next()))], y);
    const rows = allRows(data).filter((row) => row % 2 === 0);
    const first = logisticRegression().fit({ data, rows, features: [0, 2], seed: 1 }, 'binary').toJSON();
    const second = logisticRegression().fit({ data, rows, features: [0, 2], seed: 99 }, 'binary').toJSON();
    assert.deepEqual(first, second);
    assert.deepEqual((first as { features: string[] }).features, ['x', 'noise']);
    assert.equal((first as { trainedOn: { rows: number } }).trainedOn.rows, 200);
  });

  it('writes a model file that the serve side scores exactly as the fitted model does', () => {
    const data = dataOf([numeric('x', x.map((value, i) => (i % 7 === 0 ? Number.NaN : value))), categorical('colour', colour.map((value, i) => (i % 11 === 0 ? null : value)))], y);
    const rows = allRows(data);
    const model = logisticRegression().fit({ data, rows, features: [0, 1], seed: 1 }, 'binary');
    const servable = parseModelFile(JSON.parse(JSON.stringify(model.toJSON())), 'model.json');
    const scores = model.predict(data, rows);
    for (let i = 0; i < 50; i++) {
      const xi = data.columns[0].kind === 'numeric' ? data.columns[0].values[i] : 0;
      const inputs = { x: Number.isNaN(xi) ? null : xi, colour: i % 11 === 0 ? null : colour[i] };
      assert.ok(Math.abs(servable.predictOne(inputs) - scores[i]) < 1e-12, `row ${i}`);
    }
  });

  it('fits a ridge regression for regression tasks', () => {
    const target = x.map((value) => 3 * value + 2);
    const data = dataOf([numeric('x', x)], target);
    const model = logisticRegression({ C: 1e6 }).fit({ data, rows: allRows(data), features: [0], seed: 1 }, 'regression');
    const file = model.toJSON() as { weights: Record<string, number>; intercept: number; link: string };
    assert.equal(file.link, 'identity');
    assert.ok(Math.abs(file.weights.x - 3) < 1e-3 && Math.abs(file.intercept - 2) < 1e-3, JSON.stringify(file));
  });

  it('refuses a single class, a non-binary target and a bad C with clear errors', () => {
    const oneClass = dataOf([numeric('x', [1, 2, 3])], [1, 1, 1]);
    assert.throws(() => logisticRegression().fit({ data: oneClass, rows: allRows(oneClass), features: [0], seed: 1 }, 'binary'), (error: unknown) => error instanceof PaydownError && /single class/.test(error.message));
    const notBinary = dataOf([numeric('x', [1, 2, 3])], [0, 1, 2]);
    assert.throws(() => logisticRegression().fit({ data: notBinary, rows: allRows(notBinary), features: [0], seed: 1 }, 'binary'), (error: unknown) => error instanceof PaydownError && /0 or 1/.test(error.message));
    assert.throws(() => logisticRegression({ C: 0 }), (error: unknown) => error instanceof PaydownError && /C must be a positive/.test(error.message));
  });
});
