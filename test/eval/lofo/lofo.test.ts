import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PaydownError } from '../../../src/errors.js';
import { lofo, type LofoOptions } from '../../../src/eval/lofo/lofo.js';
import type { LofoResult } from '../../../src/eval/lofo/result.js';
import { syntheticData } from './synthetic.js';

const data = syntheticData(3000, 11);
const base: LofoOptions = {
  target: 'clicked',
  task: 'binary',
  folds: 4,
  seed: 5,
  epsilon: 0.002,
  trainer: { kind: 'builtin', learner: { name: 'logistic' } },
  workers: 1,
};

/** The result without the fields that depend on the clock. */
function stable(result: LofoResult): LofoResult {
  return { ...result, createdAt: '', elapsedMs: 0 };
}

describe('lofo with the built-in logistic regression', () => {
  it('finds what the data was built with: signal and colour help, noise does not', async () => {
    const result = await lofo(data, { ...base, features: ['signal', 'noise', 'colour'] });
    const byName = new Map(result.results.map((r) => [r.name, r]));
    assert.equal(result.results[0].name, 'signal');
    assert.equal(byName.get('signal')!.verdict, 'keep');
    assert.equal(byName.get('colour')!.verdict, 'keep');
    assert.equal(byName.get('noise')!.verdict, 'remove');
    assert.ok(Math.abs(byName.get('noise')!.drop.mean) < 0.002);
    assert.ok(byName.get('signal')!.drop.pValue < 0.01);
    assert.ok(result.full.mean > 0.75, `full AUC ${result.full.mean}`);
    const means = result.results.map((r) => r.drop.mean);
    assert.deepEqual(means, [...means].sort((a, b) => b - a));
    for (const entry of result.results) {
      assert.equal(entry.folds.length, 4);
      for (const fold of entry.folds) assert.equal(fold.drop, fold.full - fold.without);
    }
  });

  it('a correlated pair looks weak one by one but matters as a group', async () => {
    const result = await lofo(data, { ...base, features: ['signal', 'twin', 'colour'], groups: [{ name: 'both', members: ['signal', 'twin'] }] });
    const byName = new Map(result.results.map((r) => [r.name, r]));
    const both = byName.get('both')!;
    assert.equal(both.kind, 'group');
    assert.deepEqual(both.members, ['signal', 'twin']);
    assert.ok(both.drop.mean > 0.1, `group drop ${both.drop.mean}`);
    assert.ok(byName.get('twin')!.drop.mean < 0.01);
    assert.ok(both.drop.mean > byName.get('signal')!.drop.mean + byName.get('twin')!.drop.mean);
  });

  it('gives the same result for the same seed whatever the number of worker threads', async () => {
    const one = await lofo(data, { ...base, workers: 1 });
    const three = await lofo(data, { ...base, workers: 3 });
    assert.deepEqual(stable(three), stable(one));
    const otherSeed = await lofo(data, { ...base, seed: 6, workers: 2 });
    assert.notDeepEqual(otherSeed.full.folds, one.full.folds);
  });

  it('orients log loss so that a helping feature has a positive drop', async () => {
    const result = await lofo(data, { ...base, metric: 'logloss', features: ['signal', 'noise'] });
    const signal = result.results.find((r) => r.name === 'signal')!;
    assert.equal(result.higherIsBetter, false);
    assert.ok(signal.drop.mean > 0.05);
    for (const fold of signal.folds) assert.equal(fold.drop, fold.without - fold.full);
  });

  it('refuses a metric of the wrong task, unknown features and groups, and a single feature', async () => {
    await assert.rejects(lofo(data, { ...base, metric: 'rmse' }), /rmse needs a regression target/);
    await assert.rejects(lofo(data, { ...base, features: ['signal', 'nope'] }), /no column 'nope'/);
    await assert.rejects(lofo(data, { ...base, groups: [{ name: 'g', members: ['signal', 'ghost'] }] }), /'ghost', which is not among the features/);
    await assert.rejects(lofo(data, { ...base, features: ['signal'] }), (e: unknown) => e instanceof PaydownError && /at least 2 features/.test(e.message));
  });

  it('names the fold and the feature set when a fit fails in a worker', async () => {
    const broken = { ...data, columns: data.columns.map((c) => (c.name === 'noise' && c.kind === 'numeric' ? { ...c, values: c.values.map((v, i) => (i === 7 ? Infinity : v)) } : c)) };
    await assert.rejects(lofo(broken, { ...base, workers: 2 }), (e: unknown) => e instanceof PaydownError && /LOFO failed in fold \d of 4, the model (with every feature|without feature '\w+')/.test(e.message));
  });
});

describe('lofo on a regression target', () => {
  it('measures rmse drops with the ridge variant of the linear learner', async () => {
    const signal = data.columns[0].kind === 'numeric' ? data.columns[0].values : new Float64Array(0);
    const regression = { ...data, target: signal.map((v, i) => 2 * v + Math.sin(i)) };
    const result = await lofo(regression, { ...base, task: 'regression', features: ['signal', 'noise', 'colour'] });
    assert.equal(result.metric, 'rmse');
    assert.equal(result.results[0].name, 'signal');
    assert.ok(result.results[0].drop.mean > 1);
    assert.equal(result.results.find((r) => r.name === 'noise')!.verdict, 'remove');
  });
});
