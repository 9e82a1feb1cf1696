import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { compareShadow } from '../../../src/serve/responses/shadow-comparison.js';
import { StoredServingPlans } from '../../../src/serve/responses/serving-plans.js';
import { openStore } from '../../../src/serve/store/open-store.js';
import type { PredictionRecord } from '../../../src/serve/store/store.js';
import { createHarness, prediction, T0, type Harness } from './harness.js';

const pair = (id: string, country: string, live: number, shadow: number): PredictionRecord[] => [
  prediction({ id, model: 'ctr', version: '7', inputs: { country }, score: live, at: T0 }),
  prediction({ id: `${id}-shadow`, model: 'ctr', version: '8', inputs: { country }, score: shadow, shadowOf: id, at: T0 }),
];

describe('compareShadow (pure)', () => {
  it('pairs shadow predictions with the live ones and compares scores and decisions by slice', () => {
    const records = [...pair('a', 'US', 0.4, 0.6), ...pair('b', 'US', 0.7, 0.6), ...pair('c', 'DE', 0.2, 0.1), ...pair('d', 'DE', 0.9, 0.3), prediction({ model: 'ctr', score: 0.5, at: T0 })];
    const result = compareShadow(records, { threshold: 0.5, slices: ['country'] });
    assert.deepEqual(result.shadowVersions, ['8']);
    assert.equal(result.overall.pairs, 4);
    assert.ok(Math.abs(result.overall.meanDifference - (0.2 - 0.1 - 0.1 - 0.6) / 4) < 1e-12);
    assert.ok(Math.abs(result.overall.meanAbsoluteDifference - (0.2 + 0.1 + 0.1 + 0.6) / 4) < 1e-12);
    assert.equal(result.overall.flipShare, 0.5, 'a flips up (0.4 → 0.6), d flips down (0.9 → 0.3)');
    assert.deepEqual([result.overall.flipsUp, result.overall.flipsDown], [1, 1]);
    const [de, us] = result.slices;
    assert.deepEqual([de.slice, de.pairs, de.flipShare, de.flipsDown], ['country=DE', 2, 0.5, 1]);
    assert.deepEqual([us.slice, us.pairs, us.flipShare, us.flipsUp], ['country=US', 2, 0.5, 1]);
    assert.ok(Math.abs(us.meanDifference - 0.05) < 1e-12);
  });
});

describe('fallback and shadow responses', () => {
  let harness: Harness;
  before(async () => {
    harness = await createHarness();
  });
  after(async () => harness.close());

  it('fallback: a firing monitor with respond fallback serves the pinned version, audited with it', async () => {
    const records = Array.from({ length: 20 }, (_, i) => prediction({ model: 'ranker', score: 0.9, at: T0 + i }));
    await harness.predict(records);
    await harness.store.appendOutcomes(records.map((record) => ({ predictionId: record.id, label: 0, at: T0 + 50 })));
    harness.setNow(T0 + 60_000);
    await harness.extension.evaluateNow();
    assert.deepEqual(harness.extension.plans!.plan('ranker'), { mode: 'fallback', version: '2' });
    const entry = (await harness.store.listAudit(20)).find((candidate) => candidate.action === 'response.fallback')!;
    assert.equal(entry.actor, 'system');
    assert.equal(entry.target, 'ranker');
    assert.deepEqual((entry.details as { version: string }).version, '2');
    assert.deepEqual((await harness.store.getBreaker('@fallback/ranker'))?.open, true);
    const breakers = (await (await harness.request('/api/breakers')).json()) as { breakers: Array<{ model: string; kind: string; open: boolean }> };
    assert.deepEqual(breakers.breakers.map((breaker) => [breaker.model, breaker.kind, breaker.open]), [['ranker', 'fallback', true]]);
  });

  it('a second replica on the same database sees the plan after its refresh', async () => {
    const other = await openStore(`sqlite:${path.join(harness.dir, 'serve.sqlite')}`);
    try {
      const replica = new StoredServingPlans(other, () => harness.context.snapshot());
      assert.equal(replica.plan('ranker').mode, 'live', 'before its first refresh');
      await replica.refresh();
      assert.deepEqual(replica.plan('ranker'), { mode: 'fallback', version: '2' });
      await harness.request('/api/admin/breakers/ranker/reset', { method: 'POST', admin: true, body: JSON.stringify({ responses: ['fallback'] }) });
      assert.equal(harness.extension.plans!.plan('ranker').mode, 'live', 'the process that changed it knows at once');
      await replica.refresh();
      assert.equal(replica.plan('ranker').mode, 'live');
      const [latest] = await harness.store.listAudit(1);
      assert.deepEqual([latest.actor, latest.action, latest.target], ['admin', 'admin.reset.fallback', 'ranker']);
    } finally {
      await other.close();
    }
  });

  it('shadow: mirrors to the candidate, and GET /api/models/{model}/shadow compares it by slice', async () => {
    const records = Array.from({ length: 60 }, (_, i) => prediction({ model: 'ctr', inputs: { country: i % 2 === 0 ? 'US' : 'DE' }, score: 0.3, at: T0 + 100 + i }));
    await harness.predict(records);
    await harness.store.appendOutcomes(records.map((record) => ({ predictionId: record.id, label: 1, at: T0 + 200 })));
    harness.setNow(T0 + 120_000);
    await harness.extension.evaluateNow();
    assert.deepEqual(harness.extension.plans!.plan('ctr'), { mode: 'live', shadowVersion: '8' });
    await harness.store.appendPredictions(records.map((record, i) => prediction({ model: 'ctr', version: '8', inputs: record.inputs, score: i % 2 === 0 ? 0.6 : 0.35, shadowOf: record.id, at: record.at + 1 })));
    const response = await harness.request('/api/models/ctr/shadow?window=1h');
    assert.equal(response.status, 200);
    const body = (await response.json()) as { shadowActive: boolean; declaredShadow: string; threshold: number; overall: { pairs: number; flipShare: number }; slices: Array<{ slice: string; pairs: number; meanDifference: number; flipShare: number }> };
    assert.equal(body.shadowActive, true);
    assert.equal(body.declaredShadow, '8');
    assert.equal(body.threshold, 0.5, 'the model threshold');
    assert.deepEqual([body.overall.pairs, body.overall.flipShare], [60, 0.5]);
    assert.deepEqual(body.slices.map((slice) => [slice.slice, slice.pairs, slice.flipShare]), [['country=DE', 30, 0], ['country=US', 30, 1]]);
    assert.ok(Math.abs(body.slices[1].meanDifference - 0.3) < 1e-9);
    assert.equal((await harness.request('/api/models/nope/shadow')).status, 404);
    assert.equal((await harness.request('/api/models/ctr/shadow?window=soon')).status, 400);
  });

  it('a declared response the model cannot honour is logged, not faked', async () => {
    const bare = await createHarness({ systemYaml: 'kind: model\nid: m\nmonitors:\n  - { type: prediction-bias, minSamples: 1, respond: [alert, fallback] }\n' });
    try {
      const record = prediction({ model: 'm', score: 0.9, at: T0 });
      await bare.predict([record]);
      await bare.store.appendOutcomes([{ predictionId: record.id, label: 0, at: T0 + 1 }]);
      bare.setNow(T0 + 1000);
      await bare.extension.evaluateNow();
      assert.equal(bare.extension.plans!.plan('m').mode, 'live');
      assert.ok(bare.logs.some((line) => line.level === 'warn' && /declares no serving\.fallback version/.test(line.message)));
      assert.deepEqual(await bare.store.listBreakers(), []);
    } finally {
      await bare.close();
    }
  });
});
