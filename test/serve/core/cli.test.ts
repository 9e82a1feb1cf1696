import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { openStore } from '../../../src/serve/store/open-store.js';
import { prediction } from './store-contract.js';
import { runPaydown } from '../../support/run-paydown.js';
import { tinySystem } from './fixture-system.js';

const dir = tinySystem();
const database = `sqlite:${path.join(dir, 'cli.sqlite')}`;
after(() => rmSync(dir, { recursive: true, force: true }));

describe('paydown token', () => {
  it('creates a token once, lists it without the secret, and revokes it (audited)', async () => {
    const created = runPaydown(['token', 'create', 'reader', '--system', dir, '--database', database], dir);
    assert.equal(created.code, 0, created.stderr);
    const token = created.stdout.trim();
    assert.match(token, /^pd_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    const id = token.split('_')[1];
    const listed = runPaydown(['token', 'list', '--system', dir, '--database', database, '--format', 'json'], dir);
    const tokens = (JSON.parse(listed.stdout) as { tokens: { id: string; consumer: string; revokedAt: number | null }[] }).tokens;
    assert.deepEqual(
      tokens.map((t) => [t.id, t.consumer, t.revokedAt]),
      [[id, 'reader', null]],
    );
    assert.ok(!listed.stdout.includes(token.slice(16)), 'the secret is never listed');
    const text = runPaydown(['token', 'list', '--system', dir, '--database', database], dir);
    assert.match(text.stdout, new RegExp(`${id}\\s+reader`));
    const revoked = runPaydown(['token', 'revoke', id, '--system', dir, '--database', database], dir);
    assert.equal(revoked.code, 0, revoked.stderr);
    const again = runPaydown(['token', 'revoke', id, '--system', dir, '--database', database], dir);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /already revoked/);
    const store = await openStore(database);
    try {
      const audit = await store.listAudit(10);
      assert.deepEqual(
        audit.map((e) => [e.action, e.target]),
        [
          ['token.revoke', id],
          ['token.create', id],
        ],
      );
      const stored = await store.findToken(id);
      assert.notEqual(stored?.secretHash, token.split('_').slice(2).join('_'), 'only a hash is stored');
    } finally {
      await store.close();
    }
  });

  it('refuses a consumer that is not declared, and a database URL it cannot use, without a stack trace', () => {
    const unknown = runPaydown(['token', 'create', 'readr', '--system', dir, '--database', database], dir);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /no consumer readr is declared.*did you mean 'reader'/);
    const bad = runPaydown(['token', 'list', '--system', dir, '--database', 'mysql://x'], dir);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--database wants sqlite:FILE or postgres/);
    const unreachable = runPaydown(['token', 'list', '--system', dir, '--database', 'postgres://nobody:secret@127.0.0.1:1/none'], dir);
    assert.equal(unreachable.code, 2);
    assert.match(unreachable.stderr, /cannot open the database postgres:\/\/nobody:\*\*\*@127\.0\.0\.1:1\/none/);
    for (const run of [unknown, bad, unreachable]) assert.doesNotMatch(run.stderr, /\n\s+at |secret@/);
  });
});

describe('paydown outcomes import', () => {
  it('imports labels from CSV and JSON lines, idempotently, and reports rows it skipped', async () => {
    const store = await openStore(database);
    await store.appendPredictions([prediction('p1', { model: 'm' }), prediction('p2', { model: 'm' }), prediction('p3', { model: 'm' })]);
    await store.close();
    const csv = path.join(dir, 'labels.csv');
    writeFileSync(csv, 'prediction_id,label\np1,1\np2,0\n,1\np3,maybe\n');
    const first = runPaydown(['outcomes', 'import', csv, '--system', dir, '--database', database], dir);
    assert.equal(first.code, 1, first.stderr);
    assert.match(first.stdout, /imported 2 outcomes/);
    assert.match(first.stdout, /skipped 2 rows:\n {2}row 3: no prediction id\n {2}row 4: label is not a number/);
    const jsonl = path.join(dir, 'labels.jsonl');
    writeFileSync(jsonl, '{"predictionId":"p3","label":true}\n{"predictionId":"p1","label":0}\n');
    const second = runPaydown(['outcomes', 'import', jsonl, '--system', dir, '--database', database], dir);
    assert.equal(second.code, 0, second.stderr);
    const reopened = await openStore(database);
    try {
      const labelled = await reopened.labelledPredictions('m', 0, 10_000);
      assert.deepEqual(
        labelled.map((p) => [p.id, p.label]),
        [
          ['p1', 0],
          ['p2', 0],
          ['p3', 1],
        ],
      );
      assert.equal(await reopened.outcomeCount(), 3);
    } finally {
      await reopened.close();
    }
    const missing = runPaydown(['outcomes', 'import', path.join(dir, 'system.yaml'), '--format', 'csv', '--system', dir, '--database', database], dir);
    assert.equal(missing.code, 2);
  });
});
