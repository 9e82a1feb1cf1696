import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { Journal } from '../../../src/serve/log/journal.js';
import { PredictionLog } from '../../../src/serve/log/prediction-log.js';
import { openStore } from '../../../src/serve/store/open-store.js';
import { prediction } from './store-contract.js';

describe('prediction journal and log', () => {
  it('rotates segments, deletes a segment once all its records are stored, and leaves nothing after close', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'paydown-journal-'));
    const store = await openStore(`sqlite:${path.join(dir, 'db.sqlite')}`);
    try {
      const journal = new Journal(path.join(dir, 'journal'), { segmentBytes: 2_000 });
      const log = new PredictionLog(store, journal, { batchSize: 7, intervalMs: 1 });
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
      const second = new PredictionLog(store, new Journal(journalDir));
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
      const log = new PredictionLog(flaky, new Journal(path.join(dir, 'journal')), { intervalMs: 1, onError: (error) => errors.push(error) });
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
});
