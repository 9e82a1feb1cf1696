import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { PaydownError } from '../../src/errors.js';
import { parseModelFile, readModelFile } from '../../src/learn/index.js';

const linear = {
  format: 'paydown.model/v1',
  kind: 'linear',
  task: 'binary',
  link: 'logistic',
  features: ['age', 'job'],
  intercept: -1,
  weights: { age: 0.05 },
  impute: { age: 40 },
  missingWeights: { age: 0.5 },
  categorical: { job: { admin: 0.25, student: 1 } },
};

const tree = {
  format: 'paydown.model/v1',
  kind: 'gbdt',
  task: 'regression',
  link: 'identity',
  features: ['age', 'job'],
  categorical: ['job'],
  baseScore: 10,
  trees: [
    [
      { feature: 'age', threshold: 30, missing: 'right', left: 1, right: 2 },
      { leaf: -1 },
      { feature: 'job', categories: ['student'], missing: 'left', left: 3, right: 4 },
      { leaf: 2 },
      { leaf: 5 },
    ],
    [{ leaf: 0.5 }],
  ],
};

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

function fails(run: () => unknown, pattern: RegExp): void {
  assert.throws(run, (error: unknown) => error instanceof PaydownError && pattern.test(`${error.message} ${error.problems.map((problem) => problem.message).join(' ')}`));
}

describe('model files (paydown.model/v1)', () => {
  it('scores a linear model: weights on raw values, imputed and indicated missing values, one-hot categories', () => {
    const model = parseModelFile(linear, 'linear.json');
    assert.equal(model.kind, 'linear');
    assert.deepEqual(model.features, ['age', 'job']);
    assert.deepEqual(model.categorical, ['job']);
    assert.equal(model.predictOne({ age: 50, job: 'student' }), sigmoid(-1 + 2.5 + 1));
    assert.equal(model.predictOne({ age: null, job: 'admin' }), sigmoid(-1 + 0.05 * 40 + 0.5 + 0.25));
    assert.equal(model.predictOne({ age: '20', job: 'pilot' }), sigmoid(-1 + 1), 'numeric text is read; an unknown category adds nothing');
    assert.equal(model.predictOne({}), sigmoid(-1 + 2 + 0.5));
  });

  it('walks trees: thresholds, categories, missing directions, summed leaves', () => {
    const model = parseModelFile(tree, 'tree.json');
    assert.deepEqual(model.categorical, ['job']);
    assert.equal(model.predictOne({ age: 25, job: 'student' }), 10 - 1 + 0.5);
    assert.equal(model.predictOne({ age: 30, job: 'admin' }), 10 - 1 + 0.5, 'x <= threshold goes left');
    assert.equal(model.predictOne({ age: 31, job: 'student' }), 10 + 2 + 0.5);
    assert.equal(model.predictOne({ age: 31, job: 'admin' }), 10 + 5 + 0.5);
    assert.equal(model.predictOne({ age: null, job: null }), 10 + 2 + 0.5, 'missing follows the learned direction');
    assert.equal(model.predictOne({ age: 31, job: 'unseen' }), 10 + 5 + 0.5, 'unknown categories go right');
  });

  it('rejects inputs of the wrong type with a clear error', () => {
    const model = parseModelFile(linear, 'linear.json');
    fails(() => model.predictOne({ age: 'old' }), /input 'age' must be a number/);
    fails(() => model.predictOne({ age: 3, job: { name: 'x' } }), /input 'job' must be a category/);
  });

  it('rejects what is not a model file, naming the field and its line', () => {
    fails(() => parseModelFile([], 'm.json'), /expected a JSON object/);
    fails(() => parseModelFile({ ...linear, format: 'paydown.model/v2' }, 'm.json'), /'format' must be 'paydown.model\/v1'/);
    fails(() => parseModelFile({ ...linear, kind: 'forest' }, 'm.json'), /unknown model kind "forest"/);
    fails(() => parseModelFile({ ...linear, weigths: {} }, 'm.json'), /unknown field 'weigths'/);
    fails(() => parseModelFile({ ...linear, link: 'probit' }, 'm.json'), /link/);
    fails(() => parseModelFile({ ...linear, features: ['age'] }, 'm.json'), /'job' has weights but is not listed/);
    fails(() => parseModelFile({ ...linear, features: ['age', 'job', 'extra'] }, 'm.json'), /'extra' has no weight/);
    fails(() => parseModelFile({ ...tree, trees: [[{ feature: 'age', threshold: 1, missing: 'left', left: 1, right: 5 }, { leaf: 0 }]] }, 'm.json'), /child 5 must come after its parent and exist/);
    fails(() => parseModelFile({ ...tree, trees: [[{ feature: 'height', threshold: 1, missing: 'left', left: 1, right: 2 }, { leaf: 0 }, { leaf: 1 }]] }, 'm.json'), /'height', which is not listed/);
    fails(() => parseModelFile({ ...tree, trees: [[{ feature: 'job', threshold: 1, missing: 'left', left: 1, right: 2 }, { leaf: 0 }, { leaf: 1 }]] }, 'm.json'), /categorical but split on a threshold/);
    fails(() => parseModelFile({ ...tree, trees: [[{ leaf: 0 }, { leaf: 1 }]] }, 'm.json'), /not reachable/);
  });

  it('reads a file from disk and points problems at line and column', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'paydown-model-'));
    const good = path.join(dir, 'good.json');
    writeFileSync(good, JSON.stringify(tree, null, 2));
    assert.equal(readModelFile(good).predictOne({ age: 1 }), 9.5);
    const bad = path.join(dir, 'bad.json');
    const text = JSON.stringify({ ...linear, intercept: 'high' }, null, 2);
    writeFileSync(bad, text);
    const line = text.split('\n').findIndex((entry) => entry.includes('"intercept"')) + 1;
    assert.throws(
      () => readModelFile(bad),
      (error: unknown) => error instanceof PaydownError && error.problems.some((problem) => problem.location?.file === bad && problem.location.line === line && /expected number/.test(problem.message)),
    );
    const broken = path.join(dir, 'broken.json');
    writeFileSync(broken, '{ "format": ');
    fails(() => readModelFile(broken), /is not JSON/);
    fails(() => readModelFile(path.join(dir, 'absent.json')), /cannot read/);
  });
});
