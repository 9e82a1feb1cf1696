import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { PaydownError } from '../../src/errors.js';
import { gradientBoostedTrees, loadTrainingData, logisticRegression } from '../../src/learn/index.js';

const dir = mkdtempSync(path.join(tmpdir(), 'paydown-learn-'));

function csv(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

async function rejects(run: Promise<unknown>, pattern: RegExp): Promise<void> {
  await assert.rejects(run, (error: unknown) => error instanceof PaydownError && pattern.test(error.message));
}

describe('loading training data', () => {
  const file = csv('people.csv', 'age,city,score,label,amount\n30,paris,1,no,1.5\n,lyon,2,yes,2.5\n41,,3,no,4\n52,paris,1,yes,8\n');

  it('reads numeric columns as floats (NaN for null) and text columns as sorted category codes (-1 for null)', async () => {
    const data = await loadTrainingData(file, { target: 'label' });
    assert.equal(data.rowCount, 4);
    assert.deepEqual(data.columns.map((column) => `${column.name}:${column.kind}`), ['age:numeric', 'city:categorical', 'score:numeric', 'amount:numeric']);
    const [age, city] = data.columns;
    assert.ok(age.kind === 'numeric' && city.kind === 'categorical');
    assert.deepEqual(Array.from(age.values), [30, Number.NaN, 41, 52]);
    assert.deepEqual(city.categories, ['lyon', 'paris']);
    assert.deepEqual(Array.from(city.codes), [1, 0, -1, 1]);
  });

  it('makes a two-valued target binary, yes/true/1 being positive, and says so', async () => {
    const data = await loadTrainingData(file, { target: 'label', features: ['age'] });
    assert.equal(data.task, 'binary');
    assert.equal(data.positiveLabel, 'yes');
    assert.equal(data.negativeLabel, 'no');
    assert.deepEqual(Array.from(data.target), [0, 1, 0, 1]);
    const other = await loadTrainingData(csv('ab.csv', 'x,kind\n1,beta\n2,alpha\n3,beta\n'), { target: 'kind' });
    assert.equal(other.positiveLabel, 'beta', 'otherwise the second value in sorted order');
    assert.deepEqual(Array.from(other.target), [1, 0, 1]);
    const numbers = await loadTrainingData(csv('num.csv', 'x,flag\n1,10\n2,2\n3,10\n'), { target: 'flag' });
    assert.equal(numbers.positiveLabel, '10', 'numbers sort as numbers');
  });

  it('records the target and its positive label in model files fitted on loaded data', async () => {
    const data = await loadTrainingData(file, { target: 'label', features: ['score', 'city'] });
    const rows = Uint32Array.from([0, 1, 2, 3]);
    for (const learner of [logisticRegression(), gradientBoostedTrees({ maxIter: 1 })]) {
      const trainedOn = (learner.fit({ data, rows, features: [0, 1], seed: 1 }, data.task).toJSON() as { trainedOn: Record<string, unknown> }).trainedOn;
      assert.equal(trainedOn.target, 'label');
      assert.equal(trainedOn.positiveLabel, 'yes');
      assert.equal(trainedOn.rows, 4);
    }
  });

  it('makes a numeric target with more values a regression target', async () => {
    const data = await loadTrainingData(file, { target: 'amount', features: ['age', 'city'] });
    assert.equal(data.task, 'regression');
    assert.deepEqual(Array.from(data.target), [1.5, 2.5, 4, 8]);
  });

  it('treats listed numeric columns as categorical', async () => {
    const data = await loadTrainingData(file, { target: 'label', features: ['score', 'age'], categorical: ['score'] });
    const score = data.columns[0];
    assert.ok(score.kind === 'categorical');
    assert.deepEqual(score.categories, ['1', '2', '3']);
    assert.deepEqual(Array.from(score.codes), [0, 1, 2, 0]);
  });

  it('explains a missing target or feature, null targets, and targets that are neither binary nor numeric', async () => {
    await rejects(loadTrainingData(file, { target: 'clicked' }), /no target column 'clicked'/);
    await rejects(loadTrainingData(file, { target: 'label', features: ['age', 'height'] }), /no feature column 'height'/);
    await rejects(loadTrainingData(file, { target: 'age' }), /missing in 1 of 4 rows/);
    await rejects(loadTrainingData(file, { target: 'label', features: ['label'] }), /cannot also be a feature/);
    await rejects(loadTrainingData(file, { target: 'label', features: ['age'], categorical: ['city'] }), /not among the features/);
    await rejects(loadTrainingData(csv('three.csv', 'x,colour\n1,red\n2,green\n3,blue\n'), { target: 'colour' }), /3 distinct text values; it must be binary/);
    await rejects(loadTrainingData(csv('one.csv', 'x,label\n1,yes\n2,yes\n'), { target: 'label' }), /single value/);
    await rejects(loadTrainingData(path.join(dir, 'absent.csv'), { target: 'label' }), /no such file/);
  });
});
