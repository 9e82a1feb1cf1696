import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { actionCounterKey, windowStart } from '../../../src/serve/monitors/action-limit.js';
import { resolveMonitors } from '../../../src/serve/monitors/monitor-spec.js';
import { createHarness, HOUR, prediction, T0, type Harness } from './harness.js';

describe('action-limit monitor: breaker open → safe default → admin reset', () => {
  let harness: Harness;
  before(async () => {
    harness = await createHarness();
  });
  after(async () => harness.close());

  const block = (at: number) => prediction({ model: 'spam_filter', score: 0.9, action: 'block_ad', at });

  it('resolves the limit of the declared action from the manifest', () => {
    const monitor = resolveMonitors(harness.context.snapshot().system).find((candidate) => candidate.id === 'spam_filter/action-limit')!;
    assert.deepEqual(monitor.limits, [{ action: 'block_ad', max: 5, perMs: HOUR }]);
    assert.deepEqual(monitor.respond, ['alert', 'halt-actions'], 'an action limit halts actions unless told otherwise');
  });

  it('counts actions in the shared counter of the window and stays closed at the limit', async () => {
    harness.setNow(T0 + 60_000);
    await harness.predict([1, 2, 3, 4, 5].map((i) => block(T0 + i)));
    await harness.predict([prediction({ model: 'spam_filter', score: 0.1, action: null, at: T0 + 6 })]);
    await harness.predict([prediction({ model: 'spam_filter', score: 0.9, action: 'block_ad', shadowOf: 'x', at: T0 + 7 })]);
    await harness.monitoring.flushActions();
    assert.equal(await harness.store.addToCounter(actionCounterKey('spam_filter', 'block_ad'), windowStart(T0, HOUR), 0), 5, 'five live actions; none counted for no action or a shadow');
    assert.equal(harness.extension.plans!.plan('spam_filter').mode, 'live');
    assert.deepEqual(await harness.store.listBreakers(), []);
  });

  it('opens the breaker on the action over the limit: plan safe-default, alert, audit', async () => {
    await harness.predict([block(T0 + 10)]);
    await harness.monitoring.flushActions();
    assert.deepEqual(harness.extension.plans!.plan('spam_filter'), { mode: 'safe-default' });
    const breaker = await harness.store.getBreaker('spam_filter');
    assert.equal(breaker?.open, true);
    assert.match(breaker?.reason ?? '', /block_ad 6 > 5/);
    const [alert] = await harness.store.listAlerts({ state: 'firing' });
    assert.equal(alert.key, 'spam_filter/action-limit');
    assert.equal(alert.severity, 'critical');
    const actions = (await harness.store.listAudit(10)).map((entry) => entry.action);
    assert.deepEqual(actions.sort(), ['response.alert', 'response.halt-actions']);
  });

  it('keeps the breaker open and the alert firing across evaluations and windows until a person resets it', async () => {
    harness.setNow(T0 + 2 * HOUR);
    await harness.extension.evaluateNow();
    assert.equal(harness.extension.plans!.plan('spam_filter').mode, 'safe-default');
    assert.equal((await harness.store.listAlerts({ state: 'firing' })).filter((alert) => alert.monitor === 'spam_filter/action-limit').length, 1);
  });

  it('refuses the reset without the admin token, and with a wrong one', async () => {
    const none = await harness.request('/api/admin/breakers/spam_filter/reset', { method: 'POST' });
    assert.equal(none.status, 401);
    const wrong = await harness.request('/api/admin/breakers/spam_filter/reset', { method: 'POST', headers: { authorization: 'Bearer nope' } });
    assert.equal(wrong.status, 401);
    const body = await wrong.text();
    assert.ok(!body.includes('nope'), 'the token is not echoed');
    assert.equal(harness.extension.plans!.plan('spam_filter').mode, 'safe-default');
  });

  it('an admin reset closes the breaker, resolves the alert, audits, and restarts the count of the window', async () => {
    harness.setNow(T0 + 30 * 60_000);
    const response = await harness.request('/api/admin/breakers/spam_filter/reset', { method: 'POST', admin: true });
    assert.equal(response.status, 200);
    const body = (await response.json()) as { closed: string[]; plan: { mode: string } };
    assert.deepEqual(body.closed, ['halt-actions']);
    assert.equal(body.plan.mode, 'live');
    assert.equal(harness.extension.plans!.plan('spam_filter').mode, 'live');
    assert.equal((await harness.store.getBreaker('spam_filter'))?.open, false);
    assert.deepEqual((await harness.store.listAlerts({ state: 'firing' })).filter((alert) => alert.monitor === 'spam_filter/action-limit'), []);
    const [latest] = await harness.store.listAudit(1);
    assert.deepEqual([latest.actor, latest.action, latest.target], ['admin', 'admin.reset.halt-actions', 'spam_filter']);
    await harness.extension.evaluateNow();
    assert.equal(harness.extension.plans!.plan('spam_filter').mode, 'live', 'the six actions already counted in this window no longer trip it');
    await harness.predict([1, 2, 3, 4, 5].map((i) => block(T0 + 30 * 60_000 + i)));
    await harness.monitoring.flushActions();
    assert.equal(harness.extension.plans!.plan('spam_filter').mode, 'live', 'five more are within the limit');
    await harness.predict([block(T0 + 30 * 60_000 + 9)]);
    await harness.monitoring.flushActions();
    assert.equal(harness.extension.plans!.plan('spam_filter').mode, 'safe-default', 'the sixth after the reset trips it again');
  });

  it('answers 404 for an unknown model', async () => {
    const response = await harness.request('/api/admin/breakers/nope/reset', { method: 'POST', admin: true });
    assert.equal(response.status, 404);
  });
});
