import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { KyselyStore } from '../../../src/serve/store/kysely-store.js';
import type { PredictionRecord } from '../../../src/serve/store/store.js';

/** Opens an empty, migrated store; `cleanup` closes it and removes what it made. */
export type OpenEmptyStore = () => Promise<{ store: KyselyStore; cleanup: () => Promise<void> }>;

export function prediction(id: string, overrides: Partial<PredictionRecord> = {}): PredictionRecord {
  return {
    id,
    model: 'ctr',
    version: '7',
    consumer: 'bidder',
    inputs: { country: 'DE', ctr_7d: 0.02 },
    outputs: [{ name: 'score', data: [0.1] }],
    score: 0.1,
    action: null,
    servedBy: 'model',
    shadowOf: null,
    at: 1_000,
    latencyMs: 0.5,
    ...overrides,
  };
}

/** The behaviour every back end of the serve store must have; run once per database. */
export function storeContract(name: string, open: OpenEmptyStore): void {
  describe(`serve store contract: ${name}`, () => {
    let store: KyselyStore;
    let cleanup: () => Promise<void>;

    before(async () => {
      ({ store, cleanup } = await open());
    });
    after(async () => {
      await cleanup();
    });

    it('migrating twice changes nothing', async () => {
      await store.migrate();
      assert.equal(await store.predictionCount(), 0);
    });

    it('keeps tokens, finds them by id and revokes once', async () => {
      await store.createToken({ id: 'tok1', consumer: 'bidder', secretHash: 'ab'.repeat(32), createdAt: 10, revokedAt: null });
      await store.createToken({ id: 'tok2', consumer: 'ad_server', secretHash: 'cd'.repeat(32), createdAt: 11, revokedAt: null });
      assert.deepEqual(await store.findToken('tok1'), { id: 'tok1', consumer: 'bidder', secretHash: 'ab'.repeat(32), createdAt: 10, revokedAt: null });
      assert.equal(await store.findToken('nope'), undefined);
      assert.equal(await store.revokeToken('tok1', 20), true);
      assert.equal(await store.revokeToken('tok1', 30), false, 'a revoked token is not revoked again');
      assert.equal(await store.revokeToken('nope', 30), false);
      const listed = await store.listTokens();
      assert.deepEqual(
        listed.map((t) => [t.id, t.revokedAt]),
        [
          ['tok1', 20],
          ['tok2', null],
        ],
      );
    });

    it('appends predictions idempotently by id and round-trips every field', async () => {
      const first = prediction('p1', { inputs: { country: 'FR', n: 3, flag: true }, action: 'show_ad', latencyMs: 1.25 });
      await store.appendPredictions([first, prediction('p2', { at: 2_000, score: 0.9 })]);
      await store.appendPredictions([prediction('p1', { score: 0.5 }), prediction('p3', { at: 3_000, shadowOf: 'p2', version: '8' })]);
      assert.equal(await store.predictionCount(), 3);
      const listed = await store.listPredictions('ctr', 0, 10_000, 10);
      assert.deepEqual(
        listed.map((p) => p.id),
        ['p3', 'p2', 'p1'],
        'newest first',
      );
      assert.deepEqual(
        listed.find((p) => p.id === 'p1'),
        first,
        'the first write of an id wins; a replay does not overwrite it',
      );
      assert.deepEqual(await store.listPredictions('ctr', 1_500, 2_500, 10).then((l) => l.map((p) => p.id)), ['p2'], 'window is [since, until)');
      assert.deepEqual(await store.listPredictions('other', 0, 10_000, 10), []);
    });

    it('reads the inputs of live predictions only, newest first, within the window and the limit', async () => {
      await store.appendPredictions([
        prediction('i1', { model: 'drifty', at: 1_000, inputs: { n: 1 } }),
        prediction('i2', { model: 'drifty', at: 2_000, inputs: { n: 2, country: 'DE' } }),
        prediction('i3', { model: 'drifty', at: 3_000, inputs: { n: 3 }, shadowOf: 'i2', version: '8' }),
        prediction('i4', { model: 'drifty', at: 4_000, inputs: { n: 4 } }),
        prediction('i5', { model: 'drifty_other', at: 2_500, inputs: { n: 5 } }),
      ]);
      assert.deepEqual(await store.liveInputColumns('drifty', 0, 10_000, 10), { rows: 3, columns: { n: [4, 2, 1], country: [null, 'DE', null] } }, 'shadows and other models left out, newest first');
      assert.deepEqual(await store.liveInputColumns('drifty', 0, 10_000, 2), { rows: 2, columns: { n: [4, 2], country: [null, 'DE'] } }, 'the newest within the limit');
      assert.deepEqual(await store.liveInputColumns('drifty', 2_000, 4_000, 10), { rows: 1, columns: { n: [2], country: ['DE'] } }, 'window is [since, until)');
      assert.deepEqual(await store.liveInputColumns('drifty', 5_000, 6_000, 10), { rows: 0, columns: {} });
    });

    it('joins outcomes to live predictions only; a later outcome replaces an earlier one', async () => {
      await store.appendOutcomes([
        { predictionId: 'p1', label: 0, at: 5_000 },
        { predictionId: 'p2', label: 1, at: 5_000 },
      ]);
      await store.appendOutcomes([{ predictionId: 'p1', label: 1, at: 6_000 }]);
      assert.equal(await store.outcomeCount(), 2);
      const labelled = await store.labelledPredictions('ctr', 0, 10_000);
      assert.deepEqual(
        labelled.map((p) => [p.id, p.score, p.label]),
        [
          ['p1', 0.1, 1],
          ['p2', 0.9, 1],
        ],
        'the shadow prediction p3 is left out',
      );
      assert.deepEqual(labelled[0].inputs, { country: 'FR', n: 3, flag: true });
    });

    it('sums scores and labels by the database, overall and per input value, as the rows would give', async () => {
      const inputs = [{ country: 'FR', n: 3, flag: true }, { country: 'DE', n: 0.25 }, { country: 'FR', n: 3, nested: { a: 1 } }, { n: null }, { country: 'DE', n: 7, flag: false }];
      const batch = inputs.map((input, i) => prediction(`sum-${i}`, { model: 'sums', inputs: input, score: 0.1 + i / 10, at: 1_000 + i }));
      await store.appendPredictions([...batch, prediction('sum-unscored', { model: 'sums', score: null, at: 1_100 }), prediction('sum-shadow', { model: 'sums', shadowOf: 'sum-0', at: 1_100 })]);
      await store.appendOutcomes([...batch.slice(0, 4).map((p, i) => ({ predictionId: p.id, label: i % 2, at: 5_000 })), { predictionId: 'sum-unscored', label: 1, at: 5_000 }, { predictionId: 'sum-shadow', label: 1, at: 5_000 }]);
      const sums = await store.labelSums('sums', 0, 10_000, ['country', 'n', 'flag', 'nested', 'absent']);
      const byKey = new Map(sums.map((s) => [`${s.column ?? ''}=${JSON.stringify(s.value)}`, [s.samples, Number(s.scoreSum.toFixed(12)), s.labelSum]]));
      assert.deepEqual(
        Object.fromEntries(byKey),
        {
          '=null': [4, 1, 2],
          'country="FR"': [2, 0.4, 0],
          'country="DE"': [1, 0.2, 1],
          'n=3': [2, 0.4, 0],
          'n=0.25': [1, 0.2, 1],
          'flag=true': [1, 0.1, 0],
          'nested={"a":1}': [1, 0.3, 0],
        },
        'unlabelled (sum-4), unscored and shadow predictions are left out; null and absent inputs are in no group',
      );
      const window = await store.labelSums('sums', 1_002, 1_004, []);
      assert.deepEqual(
        window.map((s) => [s.column, s.samples, Number(s.scoreSum.toFixed(12)), s.labelSum]),
        [[null, 2, 0.7, 1]],
        'window is [since, until)',
      );
    });

    it('writes a large batch in one call', async () => {
      const batch = Array.from({ length: 2_500 }, (_, i) => prediction(`bulk-${i}`, { model: 'bulk', at: 10_000 + i }));
      await store.appendPredictions(batch);
      const found = await store.storedPredictionIds(batch.map((p) => p.id));
      assert.equal(found.size, 2_500);
      assert.equal((await store.labelledPredictions('bulk', 0, 20_000)).length, 2_500);
    });

    it('adds to counters atomically, per key and window', async () => {
      const totals = await Promise.all(Array.from({ length: 20 }, () => store.addToCounter('rate:bidder', 60_000, 1)));
      assert.deepEqual(
        [...totals].sort((a, b) => a - b),
        Array.from({ length: 20 }, (_, i) => i + 1),
        'every concurrent increment sees a distinct total',
      );
      assert.equal(await store.addToCounter('rate:bidder', 120_000, 2.5), 2.5, 'a new window starts from zero');
      assert.equal(await store.addToCounter('rate:other', 60_000, 1), 1);
    });

    it('deduplicates firing alerts by key and opens a new one after resolving', async () => {
      const first = await store.fireAlert({ key: 'bias:ctr', monitor: 'prediction-bias', model: 'ctr', severity: 'warning', message: 'bias 0.03', details: { value: 0.03 } }, 100);
      assert.equal(first.isNew, true);
      assert.equal(first.alert.state, 'firing');
      const again = await store.fireAlert({ key: 'bias:ctr', monitor: 'prediction-bias', model: 'ctr', severity: 'critical', message: 'bias 0.05', details: { value: 0.05 } }, 200);
      assert.equal(again.isNew, false);
      assert.equal(again.alert.id, first.alert.id);
      assert.deepEqual([again.alert.count, again.alert.firstAt, again.alert.lastAt, again.alert.message, again.alert.severity], [2, 100, 200, 'bias 0.05', 'critical']);
      assert.deepEqual(again.alert.details, { value: 0.05 });
      const resolved = await store.resolveAlert('bias:ctr', 300);
      assert.equal(resolved?.state, 'resolved');
      assert.equal(resolved?.resolvedAt, 300);
      assert.equal(await store.resolveAlert('bias:ctr', 400), undefined, 'nothing open to resolve');
      const reopened = await store.fireAlert({ key: 'bias:ctr', monitor: 'prediction-bias', model: 'ctr', severity: 'warning', message: 'again' }, 500);
      assert.equal(reopened.isNew, true);
      assert.notEqual(reopened.alert.id, first.alert.id);
      assert.equal((await store.listAlerts({ state: 'firing' })).length, 1);
      assert.equal((await store.listAlerts()).length, 2);
      assert.equal((await store.listAlerts({ limit: 1 }))[0].id, reopened.alert.id, 'most recent first');
    });

    it('concurrent firings of one key leave one open alert', async () => {
      const results = await Promise.all(Array.from({ length: 10 }, (_, i) => store.fireAlert({ key: 'race', monitor: 'm', severity: 'warning', message: `m${i}` }, 1_000 + i)));
      assert.equal(results.filter((r) => r.isNew).length, 1);
      const open = (await store.listAlerts({ state: 'firing' })).filter((a) => a.key === 'race');
      assert.equal(open.length, 1);
      assert.equal(open[0].count, 10);
    });

    it('opens and closes breakers, reporting whether the state changed', async () => {
      assert.equal(await store.getBreaker('spam_filter'), undefined);
      assert.equal(await store.setBreaker('spam_filter', false, null, 1), false, 'a missing breaker is closed already');
      assert.equal(await store.setBreaker('spam_filter', true, 'block_ad over limit', 2), true);
      assert.equal(await store.setBreaker('spam_filter', true, 'again', 3), false);
      assert.deepEqual(await store.getBreaker('spam_filter'), { model: 'spam_filter', open: true, reason: 'block_ad over limit', changedAt: 2 });
      assert.equal(await store.setBreaker('spam_filter', false, 'reset by admin', 4), true);
      assert.deepEqual(await store.getBreaker('spam_filter'), { model: 'spam_filter', open: false, reason: 'reset by admin', changedAt: 4 });
      assert.deepEqual(
        (await store.listBreakers()).map((b) => b.model),
        ['spam_filter'],
      );
    });

    it('keeps an append-only audit log the database refuses to change', async () => {
      const a = await store.appendAudit({ actor: 'system', action: 'breaker.open', target: 'spam_filter', details: { reason: 'limit' } }, 10);
      const b = await store.appendAudit({ actor: 'bidder', action: 'gateway.refused', target: 'spam_filter' }, 11);
      assert.ok(b.id > a.id);
      assert.deepEqual(
        (await store.listAudit(10)).map((e) => [e.actor, e.action, e.target, e.details]),
        [
          ['bidder', 'gateway.refused', 'spam_filter', null],
          ['system', 'breaker.open', 'spam_filter', { reason: 'limit' }],
        ],
      );
      await assert.rejects(store.rawExecute('UPDATE audit SET actor = \'x\''), /append-only/);
      await assert.rejects(store.rawExecute('DELETE FROM audit'), /append-only/);
      assert.equal((await store.listAudit(10)).length, 2);
    });

    it('stores lineage and the last completion of each written dataset', async () => {
      const event = (type: string, at: number) => ({
        at,
        eventType: type,
        jobNamespace: 'airflow',
        jobName: 'click_join',
        inputs: [{ namespace: 'kafka', name: 'impressions' }],
        outputs: [{ namespace: 'warehouse', name: 'click_log' }],
        raw: { eventType: type },
      });
      await store.appendLineage(event('START', 100));
      assert.equal(await store.lastCompletion('warehouse', 'click_log'), undefined, 'a START is no completion');
      await store.appendLineage(event('COMPLETE', 200));
      await store.appendLineage(event('COMPLETE', 150));
      assert.equal(await store.lastCompletion('warehouse', 'click_log'), 200, 'an older event arriving late does not move it back');
      const listed = await store.listLineage(10);
      assert.equal(listed.length, 3);
      assert.deepEqual(listed[0].outputs, [{ namespace: 'warehouse', name: 'click_log' }]);
      assert.deepEqual(listed[0].raw, { eventType: 'COMPLETE' });
    });

    it('records heartbeats, keeping the latest', async () => {
      assert.equal(await store.lastHeartbeat('click_log'), undefined);
      await store.recordHeartbeat('click_log', 500);
      await store.recordHeartbeat('click_log', 400);
      assert.equal(await store.lastHeartbeat('click_log'), 500);
    });

    it('keeps monitor values per monitor in time order', async () => {
      await store.appendMonitorValues([
        { monitor: 'ctr/prediction-bias', model: 'ctr', slice: '', at: 20, value: 0.01, samples: 1200 },
        { monitor: 'ctr/prediction-bias', model: 'ctr', slice: 'country=DE', at: 10, value: 0.04, samples: 300 },
        { monitor: 'other', model: null, slice: '', at: 10, value: 1, samples: 1 },
      ]);
      const values = await store.listMonitorValues('ctr/prediction-bias', 15);
      assert.deepEqual(values, [{ monitor: 'ctr/prediction-bias', model: 'ctr', slice: '', at: 20, value: 0.01, samples: 1200 }]);
      assert.equal((await store.listMonitorValues('ctr/prediction-bias', 0)).length, 2);
    });
  });
}
