import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { Journal } from '../../../src/serve/log/journal.js';
import { storeLogWriter } from '../../../src/serve/log/log-writer.js';
import { PredictionLog } from '../../../src/serve/log/prediction-log.js';
import { SqliteStoreThread } from '../../../src/serve/store/sqlite-store-thread.js';
import { openStore } from '../../../src/serve/store/open-store.js';
import { prediction } from './store-contract.js';

describe('prediction journal and log', () => {
  it('rotates segments, deletes a segment once all its records are stored, and leaves nothing after close', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'paydown-journal-'));
    const store = await openStore(`sqlite:${path.join(dir, 'db.sqlite')}`);
    try {
      const journal = new Journal(path.join(dir, 'journal'), { segmentBytes: 2_000 });
      const log = new PredictionLog(journal, storeLogWriter(store), { batchSize: 7, intervalMs: 1 });
      assert.equal(await log.recover(), 0);
      for (let i = 0; i < 60; i += 1) log.logPrediction(prediction(`r${i}`));
      log.logOutcomes([{ predictionId: 'r0', label: 1, at: 5 }]);
      assert.ok(journal.currentSegment > 3, 'the journal rotated');
      await log.flush();
      assert.equal(await store.predictionCount(), 60);
      assert.equal(await store.outcomeCount(), 1);
      const left = readdirSync(journal.dir).filter((name) => name.endsWith('.jsonl'));
      assert.deepEqual(left, [`${String(journal.currentSegment).padStart(6, '0')}.jsonl`], 'only the open segment is left');
      await log.close();
      assert.deepEqual(readdirSync(journal.dir), [], 'a clean stop leaves no journal and no lock');
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('replays what a killed process left, skipping a torn last line, and refuses a journal in use', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'paydown-journal-'));
    const store = await openStore(`sqlite:${path.join(dir, 'db.sqlite')}`);
    try {
      const journalDir = path.join(dir, 'journal');
      const first = new Journal(journalDir);
      first.recover();
      first.append([{ kind: 'prediction', record: prediction('a') }, { kind: 'prediction', record: prediction('b') }, { kind: 'outcome', record: { predictionId: 'a', label: 1, at: 9 } }]);
      appendFileSync(path.join(journalDir, '000001.jsonl'), '{"kind":"prediction","record":{"id":"c"');
      // The first process dies without closing. A lock held by a live process refuses a second
      // one; a lock left by a dead process is taken over.
      writeFileSync(path.join(journalDir, 'lock'), `${process.ppid}\n`);
      assert.throws(() => new Journal(journalDir), /in use by process/);
      writeFileSync(path.join(journalDir, 'lock'), '4194000\n');
      const second = new PredictionLog(new Journal(journalDir), storeLogWriter(store));
      assert.equal(await second.recover(), 3);
      assert.deepEqual([...(await store.storedPredictionIds(['a', 'b', 'c']))].sort(), ['a', 'b']);
      assert.equal((await store.storedOutcomes(['a'])).get('a'), 1);
      await second.close();
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps records queued while the store fails and writes them once it works again', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'paydown-journal-'));
    const store = await openStore(`sqlite:${path.join(dir, 'db.sqlite')}`);
    const errors: unknown[] = [];
    let failing = true;
    const flaky = new Proxy(store, {
      get(target, property, receiver) {
        if (property === 'appendPredictions' && failing) return () => Promise.reject(new Error('database unavailable'));
        const value = Reflect.get(target, property, receiver) as unknown;
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
    try {
      const log = new PredictionLog(new Journal(path.join(dir, 'journal')), storeLogWriter(flaky), { intervalMs: 1, onError: (error) => errors.push(error) });
      await log.recover();
      log.logPrediction(prediction('q1'));
      await new Promise((resolve) => setTimeout(resolve, 30));
      assert.ok(errors.length >= 1);
      assert.equal(log.depth, 1, 'the record waits in the queue');
      failing = false;
      await log.flush();
      assert.equal(log.depth, 0);
      assert.deepEqual([...(await store.storedPredictionIds(['q1']))], ['q1']);
      await log.close();
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stores through a writer thread with its own SQLite connection, visible to the server connection after flush', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'paydown-journal-'));
    const file = path.join(dir, 'db.sqlite');
    const store = await openStore(`sqlite:${file}`);
    try {
      const writer = new SqliteStoreThread(file);
      const log = new PredictionLog(new Journal(path.join(dir, 'journal')), writer, { batchSize: 50, intervalMs: 1 });
      await log.recover();
      for (let i = 0; i < 500; i += 1) log.logPrediction(prediction(`w${i}`));
      log.logOutcomes([{ predictionId: 'w3', label: 1, at: 7 }]);
      await log.flush();
      assert.equal(log.committed, 501);
      assert.equal(await store.predictionCount(), 500);
      assert.equal((await store.storedOutcomes(['w3'])).get('w3'), 1);
      await log.close();
      assert.deepEqual(readdirSync(path.join(dir, 'journal')), [], 'a clean stop leaves no journal');
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails the batches of a writer thread that cannot open its database, keeps them queued, and stores them once a new thread can', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'paydown-journal-'));
    const folder = path.join(dir, 'data');
    const errors: unknown[] = [];
    try {
      writeFileSync(folder, 'a file where the database folder should be');
      const log = new PredictionLog(new Journal(path.join(dir, 'journal')), new SqliteStoreThread(path.join(folder, 'db.sqlite')), {
        intervalMs: 1,
        onError: (error) => errors.push(error),
      });
      await log.recover();
      log.logPrediction(prediction('kept'));
      while (errors.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      assert.equal(log.depth, 1, 'the record stays queued (and journaled) for a retry');
      rmSync(folder);
      const store = await openStore(`sqlite:${path.join(folder, 'db.sqlite')}`);
      await log.flush();
      assert.deepEqual([...(await store.storedPredictionIds(['kept']))], ['kept']);
      await log.close();
      await store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
