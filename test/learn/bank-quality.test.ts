import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { gradientBoostedTrees, loadTrainingData, logisticRegression, type LoadedTrainingData, type TrainingData } from '../../src/learn/index.js';
import { BANK_CSV, foldRows, readFixture, rocAuc } from './support.js';

/**
 * The quality bar: on real data (UCI bank marketing, 45,211 rows), on the same 4 folds
 * (row index mod 4), each built-in learner's test AUC is within 0.01 of scikit-learn's with the
 * same settings, fold by fold and on average (test/fixtures/learn/bank-auc.json, written by
 * scripts/make-learner-fixtures.py).
 */
interface BankFixture {
  readonly numeric: readonly string[];
  readonly categorical: readonly string[];
  readonly results: ReadonlyArray<{ readonly fold: number; readonly testRows: number; readonly testPositives: number; readonly logisticAuc: number; readonly gbdtAuc: number }>;
  readonly meanLogisticAuc: number;
  readonly meanGbdtAuc: number;
}

const fixture = readFixture<BankFixture>('bank-auc.json');
const TOLERANCE = 0.01;

describe('built-in learners on UCI bank marketing, against scikit-learn', () => {
  let data: LoadedTrainingData;
  before(async () => {
    data = await loadTrainingData(BANK_CSV, { target: 'y', read: { delimiter: ';' } });
  });

  it('reads the data as scikit-learn sees it: the same rows, positives and column kinds', () => {
    assert.equal(data.rowCount, 45211);
    assert.equal(data.task, 'binary');
    assert.ok(data.positiveLabel === 'yes' || data.positiveLabel === 'true', `positive label ${data.positiveLabel}`);
    for (const result of fixture.results) {
      const test = foldRows(data.rowCount, 4, result.fold, 'test');
      assert.equal(test.length, result.testRows);
      assert.equal(test.reduce((sum, row) => sum + data.target[row], 0), result.testPositives);
    }
    for (const column of data.columns) assert.equal(column.kind, fixture.numeric.includes(column.name) ? 'numeric' : 'categorical', column.name);
  });

  for (const [learnerName, make, key, meanKey] of [
    ['logistic regression (C=1)', () => logisticRegression({ C: 1 }), 'logisticAuc', 'meanLogisticAuc'],
    ['gradient-boosted trees (100 trees, 31 leaves, lr 0.1, min 20 per leaf)', () => gradientBoostedTrees({ maxIter: 100, learningRate: 0.1, maxLeafNodes: 31, minSamplesLeaf: 20 }), 'gbdtAuc', 'meanGbdtAuc'],
  ] as const) {
    it(`${learnerName}: test AUC within ${TOLERANCE} of scikit-learn on every fold and on average`, (t) => {
      const learner = make();
      const features = data.columns.map((_, index) => index);
      const ours: number[] = [];
      for (const result of fixture.results) {
        const train = foldRows(data.rowCount, 4, result.fold, 'train');
        const test = foldRows(data.rowCount, 4, result.fold, 'test');
        const started = performance.now();
        const model = learner.fit({ data, rows: train, features, seed: 1 }, 'binary');
        const seconds = (performance.now() - started) / 1000;
        const auc = rocAuc(Array.from(test, (row) => data.target[row]), model.predict(data, test));
        ours.push(auc);
        t.diagnostic(`fold ${result.fold}: AUC ${auc.toFixed(4)} (scikit-learn ${result[key].toFixed(4)}), fit ${seconds.toFixed(2)} s`);
        assert.ok(Math.abs(auc - result[key]) <= TOLERANCE, `fold ${result.fold}: AUC ${auc.toFixed(4)} vs scikit-learn ${result[key].toFixed(4)}`);
      }
      const mean = ours.reduce((sum, auc) => sum + auc, 0) / ours.length;
      assert.ok(Math.abs(mean - fixture[meanKey]) <= TOLERANCE, `mean AUC ${mean.toFixed(4)} vs scikit-learn ${fixture[meanKey].toFixed(4)}`);
    });
  }

  it('logistic regression reaches the same optimum as scikit-learn (coefficients and probabilities, 2,000 rows)', () => {
    const exact = readFixture<CoefficientFixture>('logistic-coefficients.json');
    const rows = Uint32Array.from({ length: 2000 }, (_, i) => i);
    const features = [...exact.numeric, ...exact.categorical].map((name) => data.columns.findIndex((column) => column.name === name));
    const model = logisticRegression({ C: exact.C, tolerance: 1e-10 }).fit({ data, rows, features, seed: 1 }, 'binary');
    const marital = data.columns[features[features.length - 1]];
    assert.deepEqual(marital.kind === 'categorical' ? marital.categories : [], exact.categories[0]);
    assert.ok(Math.abs(model.coefficients[0] - exact.intercept) <= 1e-5, `intercept ${model.coefficients[0]} vs ${exact.intercept}`);
    exact.coefficients.forEach((expected, k) => {
      assert.ok(Math.abs(model.coefficients[k + 1] - expected) <= 1e-5, `coefficient ${k}: ${model.coefficients[k + 1]} vs ${expected}`);
    });
    const probabilities = model.predict(data, rows);
    exact.probabilities.forEach((expected, i) => assert.ok(Math.abs(probabilities[i] - expected) <= 1e-5, `row ${i}: ${probabilities[i]} vs ${expected}`));
  });

  it('gradient-boosted regression trees: test MSE of age close to scikit-learn (fold 0)', () => {
    const regression = readFixture<RegressionFixture>('gbdt-regression.json');
    const age = data.columns.find((column) => column.name === 'age');
    assert.ok(age?.kind === 'numeric');
    const ageData: TrainingData = { columns: data.columns, target: age.values, rowCount: data.rowCount };
    const features = regression.features.map((name) => data.columns.findIndex((column) => column.name === name));
    const train = foldRows(data.rowCount, 4, 0, 'train');
    const test = foldRows(data.rowCount, 4, 0, 'test');
    const predictions = gradientBoostedTrees().fit({ data: ageData, rows: train, features, seed: 1 }, 'regression').predict(ageData, test);
    let squares = 0;
    test.forEach((row, i) => {
      squares += (predictions[i] - age.values[row]) ** 2;
    });
    const mse = squares / test.length;
    assert.ok(mse < 0.6 * regression.baselineMse, `MSE ${mse} vs predicting the mean ${regression.baselineMse}`);
    assert.ok(Math.abs(mse - regression.testMse) <= 0.03 * regression.testMse, `MSE ${mse.toFixed(2)} vs scikit-learn ${regression.testMse.toFixed(2)} (3% allowed)`);
  });
});

interface CoefficientFixture {
  readonly numeric: readonly string[];
  readonly categorical: readonly string[];
  readonly categories: readonly (readonly string[])[];
  readonly C: number;
  readonly intercept: number;
  readonly coefficients: readonly number[];
  readonly probabilities: readonly number[];
}

interface RegressionFixture {
  readonly features: readonly string[];
  readonly testMse: number;
  readonly baselineMse: number;
}
