import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { isAdminAuthorization } from '../../../src/serve/admin-token.js';
import { ADMIN_TOKEN, createHarness, prediction, T0, type Harness } from './harness.js';

describe('admin authorization (the core check the admin routes use)', () => {
  const hash = '7c1a5eb4d1b1d7c2b4a2b0cb8a0b2c5f3c0b8f8f0b0d5c5a2e4a3b2c1d0e9f8a';
  it('accepts only Bearer with the token whose SHA-256 is stored', async () => {
    const { createHash } = await import('node:crypto');
    const stored = createHash('sha256').update('s3cret').digest('hex');
    assert.equal(isAdminAuthorization('Bearer s3cret', stored), true);
    assert.equal(isAdminAuthorization('bearer s3cret', stored), true);
    assert.equal(isAdminAuthorization('Bearer s3cre', stored), false);
    assert.equal(isAdminAuthorization('Basic s3cret', stored), false);
    assert.equal(isAdminAuthorization(undefined, stored), false);
    assert.equal(isAdminAuthorization('Bearer s3cret', hash), false);
    assert.equal(isAdminAuthorization('Bearer s3cret', 'not-hex'), false, 'a malformed stored hash refuses, never throws');
  });
});

describe('read and admin APIs', () => {
  let harness: Harness;
  before(async () => {
    harness = await createHarness();
    const records = Array.from({ length: 20 }, (_, i) => prediction({ model: 'ranker', score: 0.9, at: T0 + i }));
    await harness.predict(records);
    await harness.store.appendOutcomes(records.map((record) => ({ predictionId: record.id, label: 0, at: T0 + 50 })));
    harness.setNow(T0 + 60_000);
    await harness.extension.evaluateNow();
    await harness.store.createToken({ id: 'tok1', consumer: 'ads-frontend', secretHash: 'ab'.repeat(32), createdAt: T0, revokedAt: null });
  });
  after(async () => harness.close());

  it('GET /api/monitors lists every monitor with its settings, state and series', async () => {
    const body = (await (await harness.request('/api/monitors')).json()) as {
      monitors: Array<{ id: string; type: string; firing: boolean; respond: string[]; series: Array<{ slice: string; points: Array<{ value: number; samples: number }> }>; lastEvaluation: { outcomes: unknown[] } }>;
    };
    assert.deepEqual(body.monitors.map((monitor) => monitor.id), ['ctr/prediction-bias', 'ctr/input-drift', 'ctr/upstream-freshness', 'ranker/prediction-bias', 'spam_filter/action-limit']);
    const ranker = body.monitors.find((monitor) => monitor.id === 'ranker/prediction-bias')!;
    assert.equal(ranker.firing, true);
    assert.deepEqual(ranker.respond, ['alert', 'fallback']);
    assert.equal(ranker.series[0].slice, '');
    assert.ok(Math.abs(ranker.series[0].points[0].value - 0.9) < 1e-9);
    assert.equal(ranker.series[0].points[0].samples, 20);
    assert.equal((await harness.request('/api/monitors?since=forever')).status, 400);
  });

  it('GET /api/alerts filters by state; bad parameters get a 400', async () => {
    const firing = (await (await harness.request('/api/alerts?state=firing')).json()) as { alerts: Array<{ key: string }> };
    assert.ok(firing.alerts.some((alert) => alert.key === 'ranker/prediction-bias'));
    const resolved = (await (await harness.request('/api/alerts?state=resolved')).json()) as { alerts: unknown[] };
    assert.deepEqual(resolved.alerts, []);
    assert.equal((await harness.request('/api/alerts?state=open')).status, 400);
    assert.equal((await harness.request('/api/audit?limit=-1')).status, 400);
  });

  it('an admin resolves an alert by id, audited', async () => {
    const firing = (await (await harness.request('/api/alerts?state=firing')).json()) as { alerts: Array<{ id: number; key: string }> };
    const target = firing.alerts.find((alert) => alert.key === 'ranker/prediction-bias')!;
    assert.equal((await harness.request(`/api/admin/alerts/${target.id}/resolve`, { method: 'POST' })).status, 401);
    const response = await harness.request(`/api/admin/alerts/${target.id}/resolve`, { method: 'POST', admin: true });
    assert.equal(response.status, 200);
    assert.equal(((await response.json()) as { alert: { state: string } }).alert.state, 'resolved');
    const [entry] = ((await (await harness.request('/api/audit?limit=1')).json()) as { audit: Array<{ actor: string; action: string; target: string }> }).audit;
    assert.deepEqual([entry.actor, entry.action, entry.target], ['admin', 'admin.alert.resolve', 'ranker/prediction-bias']);
    assert.equal((await harness.request(`/api/admin/alerts/${target.id}/resolve`, { method: 'POST', admin: true })).status, 404, 'no longer firing');
  });

  it('an admin lists tokens without their hashes and revokes one, audited', async () => {
    assert.equal((await harness.request('/api/admin/tokens')).status, 401);
    const listed = await (await harness.request('/api/admin/tokens', { admin: true })).text();
    assert.ok(!listed.includes('abab'), 'no secret hash');
    assert.deepEqual((JSON.parse(listed) as { tokens: Array<{ id: string; consumer: string }> }).tokens.map((token) => [token.id, token.consumer]), [['tok1', 'ads-frontend']]);
    const response = await harness.request('/api/admin/tokens/tok1/revoke', { method: 'POST', admin: true });
    assert.deepEqual(await response.json(), { id: 'tok1', consumer: 'ads-frontend', revoked: true, alreadyRevoked: false });
    assert.notEqual((await harness.store.findToken('tok1'))?.revokedAt, null);
    const [entry] = await harness.store.listAudit(1);
    assert.deepEqual([entry.action, entry.target, entry.details], ['admin.token.revoke', 'tok1', { consumer: 'ads-frontend' }]);
    const again = (await (await harness.request('/api/admin/tokens/tok1/revoke', { method: 'POST', admin: true })).json()) as { alreadyRevoked: boolean };
    assert.equal(again.alreadyRevoked, true);
    assert.equal((await harness.store.listAudit(5)).filter((candidate) => candidate.action === 'admin.token.revoke').length, 1, 'a second revoke is not audited again');
    assert.equal((await harness.request('/api/admin/tokens/nope/revoke', { method: 'POST', admin: true })).status, 404);
  });

  it('rejects a malformed reset body with 400 and never echoes the admin token', async () => {
    const response = await harness.request('/api/admin/breakers/ranker/reset', { method: 'POST', admin: true, body: '{"responses": ["reboot"]}' });
    assert.equal(response.status, 400);
    assert.ok(!(await response.text()).includes(ADMIN_TOKEN));
    assert.equal((await harness.request('/api/admin/breakers/ranker/reset', { method: 'POST', admin: true, body: 'not json' })).status, 400);
  });
});
