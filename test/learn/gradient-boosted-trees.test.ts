import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PaydownError } from '../../src/errors.js';
import { gradientBoostedTrees, parseModelFile, type GbdtModelFile, type TrainingData } from '../../src/learn/index.js';
import { allRows, categorical, dataOf, numeric, random, rocAuc } from './support.js';

describe('gradient-boosted trees', () => {
  const next = random(5);
  const n = 2000;
  const x = Array.from({ length: n }, () => next() * 10);
  /** Whole numbers 0-9: few enough distinct values for one bin each, so splits can be exact. */
  const whole = x.map(Math.floor);
  const noise = Array.from({ length: n }, () => next());
  const city = Array.from({ length: n }, (_, i) => ['paris', 'lyon', 'nice', 'lille', 'brest', 'metz'][i % 6]);

  it('separates classes that depend only on a category, whatever the category order', () => {
    const y = city.map((value) => (value === 'nice' || value === 'brest' ? 1 : 0));
    const data = dataOf([categorical('city', city), numeric('noise', noise)], y);
    const model = gradientBoostedTrees({ maxIter: 10 }).fit({ data, rows: allRows(data), features: [0, 1], seed: 1 }, 'binary');
    const scores = model.predict(data, allRows(data));
    assert.equal(rocAuc(y, scores), 1);
    const first = (model.toJSON() as GbdtModelFile).trees[0][0];
    assert.ok('categories' in first, 'the first split is on the category');
    const left = [...first.categories].sort().join(',');
    assert.ok(left === 'brest,nice' || left === 'lille,lyon,metz,paris', `left: ${left}`);
  });

  it('learns where missing values go', () => {
    const withGaps = whole.map((value, i) => (i % 4 === 0 ? Number.NaN : value));
    const y = withGaps.map((value) => (Number.isNaN(value) || value >= 8 ? 1 : 0));
    const data = dataOf([numeric('x', withGaps)], y);
    const model = gradientBoostedTrees({ maxIter: 20 }).fit({ data, rows: allRows(data), features: [0], seed: 1 }, 'binary');
    const scores = model.predict(data, allRows(data));
    assert.equal(rocAuc(y, scores), 1);
    const servable = parseModelFile(JSON.parse(JSON.stringify(model.toJSON())), 'model.json');
    assert.ok(servable.predictOne({ x: null }) > 0.9 && servable.predictOne({ x: 9 }) > 0.9 && servable.predictOne({ x: 2 }) < 0.1);
  });

  it('never splits on a constant feature: the model predicts the base rate', () => {
    const y = noise.map((value) => (value < 0.3 ? 1 : 0));
    const data = dataOf([numeric('constant', x.map(() => 1))], y);
    const model = gradientBoostedTrees({ maxIter: 5 }).fit({ data, rows: allRows(data), features: [0], seed: 1 }, 'binary');
    const file = model.toJSON() as GbdtModelFile;
    assert.ok(file.trees.every((tree) => tree.length === 1 && 'leaf' in tree[0]));
    const rate = y.filter((label) => label === 1).length / n;
    assert.ok(Math.abs(model.predict(data, allRows(data))[0] - rate) < 1e-9);
  });

  it('fits a regression close to a step function with squared error', () => {
    const target = whole.map((value, i) => (value < 5 ? 10 : 20) + noise[i] * 0.1);
    const data = dataOf([numeric('x', whole)], target);
    const model = gradientBoostedTrees({ maxIter: 50 }).fit({ data, rows: allRows(data), features: [0], seed: 1 }, 'regression');
    const predictions = model.predict(data, allRows(data));
    let squares = 0;
    for (let i = 0; i < n; i++) squares += (predictions[i] - target[i]) ** 2;
    assert.ok(squares / n < 0.01, `MSE ${squares / n}`);
    assert.equal((model.toJSON() as GbdtModelFile).link, 'identity');
  });

  it('respects maxLeafNodes and minSamplesLeaf', () => {
    const y = x.map((value, i) => (value + noise[i] * 3 > 6 ? 1 : 0));
    const data = dataOf([numeric('x', x), numeric('noise', noise)], y);
    const file = gradientBoostedTrees({ maxIter: 3, maxLeafNodes: 4, minSamplesLeaf: 300 }).fit({ data, rows: allRows(data), features: [0, 1], seed: 1 }, 'binary').toJSON() as GbdtModelFile;
    for (const tree of file.trees) assert.ok(tree.filter((node) => 'leaf' in node).length <= 4);
  });

  it('is deterministic: the same request gives the same model and scores', () => {
    const y = x.map((value, i) => (value * noise[i] > 2 ? 1 : 0));
    const data = dataOf([numeric('x', x), numeric('noise', noise), categorical('city', city)], y);
    const rows = allRows(data).filter((row) => row % 3 !== 0);
    const fit = (seed: number): unknown => gradientBoostedTrees({ maxIter: 20 }).fit({ data, rows, features: [0, 1, 2], seed }, 'binary').toJSON();
    assert.deepEqual(fit(1), fit(1));
    assert.deepEqual(fit(1), fit(2));
  });

  it('writes a model file that the serve side scores exactly as the fitted model does', () => {
    const y = x.map((value, i) => (value * noise[i] > 2 || city[i] === 'metz' ? 1 : 0));
    const gappy = x.map((value, i) => (i % 9 === 0 ? Number.NaN : value));
    const data = dataOf([numeric('x', gappy), numeric('noise', noise), categorical('city', city.map((value, i) => (i % 13 === 0 ? null : value)))], y);
    const rows = allRows(data);
    const model = gradientBoostedTrees({ maxIter: 30 }).fit({ data, rows, features: [0, 1, 2], seed: 1 }, 'binary');
    const servable = parseModelFile(JSON.parse(JSON.stringify(model.toJSON())), 'model.json');
    const scores = model.predict(data, rows);
    for (let i = 0; i < 300; i++) {
      const inputs = { x: Number.isNaN(gappy[i]) ? null : gappy[i], noise: noise[i], city: i % 13 === 0 ? null : city[i] };
      assert.ok(Math.abs(servable.predictOne(inputs) - scores[i]) < 1e-12, `row ${i}`);
    }
  });

  it('scores the data it was fitted on exactly as a copy of that data (bins or raw values)', () => {
    const y = x.map((value, i) => (value * noise[i] > 2 || city[i] === 'metz' ? 1 : 0));
    const gappy = x.map((value, i) => (i % 9 === 0 ? Number.NaN : value));
    const columns = [numeric('x', gappy), numeric('noise', noise), categorical('city', city.map((value, i) => (i % 13 === 0 ? null : value)))];
    const copyOf = (data: TrainingData): TrainingData => dataOf(data.columns.map((column) => (column.kind === 'numeric' ? numeric(column.name, [...column.values]) : { ...column, codes: column.codes.slice() })), [...data.target]);
    const infinite = gappy.map((value, i) => (i % 500 === 1 ? Number.POSITIVE_INFINITY : value));
    const missingIsPositive = gappy.map((value) => (Number.isNaN(value) ? 1 : 0));
    for (const data of [dataOf(columns, y), dataOf([numeric('x', infinite), ...columns.slice(1)], missingIsPositive)]) {
      const rows = allRows(data);
      const model = gradientBoostedTrees({ maxIter: 30 }).fit({ data, rows: rows.filter((row) => row % 4 !== 0), features: [0, 1, 2], seed: 1 }, 'binary');
      assert.deepEqual(model.predict(data, rows), model.predict(copyOf(data), rows));
    }
  });

  it('refuses a single class and bad settings with clear errors', () => {
    const data = dataOf([numeric('x', [1, 2, 3])], [0, 0, 0]);
    assert.throws(() => gradientBoostedTrees().fit({ data, rows: allRows(data), features: [0], seed: 1 }, 'binary'), (error: unknown) => error instanceof PaydownError && /single class/.test(error.message));
    assert.throws(() => gradientBoostedTrees({ maxBins: 300 }), (error: unknown) => error instanceof PaydownError && /maxBins/.test(error.message));
    assert.throws(() => gradientBoostedTrees({ learningRate: -1 }), (error: unknown) => error instanceof PaydownError && /learningRate/.test(error.message));
  });
});
