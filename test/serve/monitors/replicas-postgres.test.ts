import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startPostgres, type TempPostgres } from '../../support/postgres.js';
import { createHarness, prediction, T0, type Harness } from './harness.js';

describe('two replicas on one PostgreSQL database share counts, breakers and alerts', () => {
  let postgres: TempPostgres;
  let a: Harness;
  let b: Harness;
  before(async () => {
    postgres = await startPostgres();
    a = await createHarness({ database: postgres.url });
    b = await createHarness({ database: postgres.url });
    a.setNow(T0 + 60_000);
    b.setNow(T0 + 60_000);
  });
  after(async () => {
    await a?.close();
    await b?.close();
    postgres?.stop();
  });

  const block = (at: number) => prediction({ model: 'spam_filter', score: 0.9, action: 'block_ad', at });

  it('adds the actions counted by both to one limit: the replica whose count crosses it opens the breaker', async () => {
    await a.predict([1, 2, 3].map((i) => block(T0 + i)));
    await b.predict([4, 5, 6].map((i) => block(T0 + i)));
    await a.monitoring.flushActions();
    assert.equal(a.extension.plans!.plan('spam_filter').mode, 'live', 'three of five');
    await b.monitoring.flushActions();
    assert.equal(b.extension.plans!.plan('spam_filter').mode, 'safe-default', 'six of five, counted over both replicas');
    assert.equal(a.extension.plans!.plan('spam_filter').mode, 'live', 'the other replica learns at its next refresh');
    await a.monitoring.plans.refresh();
    assert.equal(a.extension.plans!.plan('spam_filter').mode, 'safe-default');
  });

  it('deduplicates the alert across replicas and audits the response once', async () => {
    await a.extension.evaluateNow();
    await b.extension.evaluateNow();
    const alerts = (await a.store.listAlerts()).filter((alert) => alert.monitor === 'spam_filter/action-limit');
    assert.equal(alerts.length, 1);
    assert.equal(alerts[0].state, 'firing');
    assert.ok(alerts[0].count >= 2);
    const responses = (await b.store.listAudit(100)).filter((entry) => entry.action === 'response.halt-actions');
    assert.equal(responses.length, 1);
  });

  it('a reset on one replica reaches the other within one refresh', async () => {
    const response = await a.request('/api/admin/breakers/spam_filter/reset', { method: 'POST', admin: true });
    assert.equal(response.status, 200);
    await b.monitoring.plans.refresh();
    assert.equal(b.extension.plans!.plan('spam_filter').mode, 'live');
    await b.extension.evaluateNow();
    assert.equal(b.extension.plans!.plan('spam_filter').mode, 'live', 'the restarted count is shared too');
  });
});
