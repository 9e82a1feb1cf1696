import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { openStore } from '../../../src/serve/store/open-store.js';
import { BACKGROUND_NICE } from '../../../src/serve/store/background-priority.js';
import { SqliteStoreThread, storeOnThreads } from '../../../src/serve/store/sqlite-store-thread.js';
import { prediction } from './store-contract.js';

describe('SQLite store thread', () => {
  it('answers the window reads on the reader thread and every other call on the writer thread', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'paydown-store-thread-'));
    const file = path.join(dir, 'db.sqlite');
    const store = await openStore(`sqlite:${file}`);
    const thread = new SqliteStoreThread(file);
    // The writer is given another database file, so where each call ran shows in which file it left its mark.
    const writerFile = path.join(dir, 'writer.sqlite');
    const writerStore = await openStore(`sqlite:${writerFile}`);
    const writer = new SqliteStoreThread(writerFile);
    try {
      const batch = Array.from({ length: 300 }, (_, i) => prediction(`t${i}`, { inputs: { country: ['DE', 'FR', 'JP'][i % 3] }, score: (i % 10) / 10, at: 1_000 + i }));
      await store.appendPredictions(batch);
      await store.appendOutcomes(batch.map((p, i) => ({ predictionId: p.id, label: i % 4 === 0 ? 1 : 0, at: 9_000 })));
      const viaThread = storeOnThreads(store, { reader: thread, writer });
      assert.deepEqual(await viaThread.labelSums('ctr', 0, 5_000, ['country']), await store.labelSums('ctr', 0, 5_000, ['country']));
      assert.deepEqual(await viaThread.listPredictions('ctr', 0, 5_000, 50), await store.listPredictions('ctr', 0, 5_000, 50));
      assert.deepEqual(await viaThread.labelledPredictions('ctr', 1_100, 1_200), await store.labelledPredictions('ctr', 1_100, 1_200));
      await viaThread.createToken({ id: 'tk', consumer: 'bidder', secretHash: 'ab'.repeat(32), createdAt: 1, revokedAt: null });
      assert.equal((await writerStore.findToken('tk'))?.consumer, 'bidder', 'other calls run on the writer thread');
      assert.equal(await store.findToken('tk'), undefined, 'and not on the server connection');
      assert.equal((await viaThread.findToken('tk'))?.consumer, 'bidder', 'small reads too');
      assert.equal(await viaThread.addToCounter('rate:x', 0, 2), 2);
      assert.equal(await writerStore.addToCounter('rate:x', 0, 0), 2);
    } finally {
      await thread.close();
      await writer.close();
      await writerStore.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects a failing call with the database error and keeps answering the next ones', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'paydown-store-thread-'));
    const file = path.join(dir, 'db.sqlite');
    const store = await openStore(`sqlite:${file}`);
    const thread = new SqliteStoreThread(file);
    try {
      const token = { id: 'dup', consumer: 'bidder', secretHash: 'ab'.repeat(32), createdAt: 1, revokedAt: null };
      await thread.call('createToken', token);
      await assert.rejects(thread.call('createToken', token), /UNIQUE/);
      assert.equal((await store.findToken('dup'))?.consumer, 'bidder', 'the first call was committed');
      assert.deepEqual(await thread.call('labelSums', 'ctr', 0, 1, []), [{ column: null, value: null, samples: 0, scoreSum: 0, labelSum: 0 }]);
      await thread.close();
      await assert.rejects(thread.call('listTokens'), /closed/, 'a call after close is refused, not given a new worker');
    } finally {
      await thread.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('runs its worker at background priority, leaving the server thread at the process priority', { skip: !existsSync('/proc/thread-self') && 'threads have their own priority only on Linux' }, async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'paydown-store-thread-'));
    const file = path.join(dir, 'db.sqlite');
    const store = await openStore(`sqlite:${file}`);
    const thread = new SqliteStoreThread(file);
    try {
      const before = threadNiceValues();
      await thread.call('listTokens');
      const added = [...threadNiceValues()].filter(([tid]) => !before.has(tid));
      assert.ok(
        added.some(([, nice]) => nice === BACKGROUND_NICE),
        `a new thread runs at nice ${BACKGROUND_NICE}: ${JSON.stringify(added)}`,
      );
      assert.equal(threadNiceValues().get(process.pid), before.get(process.pid), 'the server thread keeps its priority');
    } finally {
      await thread.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** The nice value of every thread of this process, by thread id (Linux /proc). */
function threadNiceValues(): Map<number, number> {
  const values = new Map<number, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    // Fields after the command name (in parentheses, which may hold spaces): nice is the 17th.
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    values.set(Number(tid), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]));
  }
  return values;
}
