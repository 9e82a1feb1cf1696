import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Journal } from '../src/serve/log/journal.js';
import { storeLogWriter, type LogWriter } from '../src/serve/log/log-writer.js';
import { PredictionLog } from '../src/serve/log/prediction-log.js';
import { SqliteStoreThread } from '../src/serve/store/sqlite-store-thread.js';
import type { KyselyStore } from '../src/serve/store/kysely-store.js';
import { openStore } from '../src/serve/store/open-store.js';
import type { PredictionRecord } from '../src/serve/store/store.js';
import { postgresBinDir, startPostgres } from '../test/support/postgres.js';

/**
 * Prediction-log throughput: predictions journaled and written to the store in batches (what
 * the gateway does), to SQLite (WAL, synchronous=NORMAL) and to PostgreSQL (fsync on, default
 * synchronous_commit), against the baseline of one transaction per prediction.
 *
 * @example
 * // node dist/bench/log.bench.js                  (100,000 predictions)
 * // node dist/bench/log.bench.js --count 20000
 */

const TARGET_SQLITE_PER_SECOND = 20_000;
const count = Number(process.argv[process.argv.indexOf('--count') + 1] ?? 0) || 100_000;
const baselineCount = Math.min(count, 5_000);

function record(i: number): PredictionRecord {
  return {
    id: `bench-${process.pid}-${i}`,
    model: 'ctr',
    version: '7',
    consumer: 'bidder',
    inputs: { ctr_7d: 0.02 + (i % 100) / 10_000, user_clicks_30d: i % 40, query_length: i % 9, hour_of_day: i % 24, device_type: ['mobile', 'desktop', 'tablet'][i % 3], geo_country: ['US', 'DE', 'JP', 'FR'][i % 4] },
    outputs: { score: 0.05 },
    score: 0.05,
    action: null,
    servedBy: 'model',
    shadowOf: null,
    at: Date.now(),
    latencyMs: 0.3,
  };
}

let runs = 0;

/** End to end: journal each prediction (one write each, as the gateway does) and let the batcher store them. */
async function throughput(store: KyselyStore, scratch: string, writer: LogWriter = storeLogWriter(store)): Promise<number> {
  const journal = new Journal(path.join(scratch, `journal-${store.flavour}-${process.hrtime.bigint()}`));
  const log = new PredictionLog(journal, writer);
  const run = (runs += 1);
  const before = await store.predictionCount();
  await log.recover();
  const started = performance.now();
  for (let i = 0; i < count; i += 1) {
    log.logPrediction({ ...record(i), id: `run${run}-${process.pid}-${i}` });
    if (i % 1000 === 999) await new Promise((resolve) => setImmediate(resolve)); // let the batcher run, as between requests
  }
  await log.flush();
  const seconds = (performance.now() - started) / 1000;
  await log.close();
  if ((await store.predictionCount()) - before < count) throw new Error('not every prediction was stored');
  return count / seconds;
}

/** The store alone: batches of 2,000 predictions per transaction. */
async function storeBatched(store: KyselyStore): Promise<number> {
  const started = performance.now();
  for (let start = 0; start < count; start += 2_000) {
    await store.appendPredictions(Array.from({ length: Math.min(2_000, count - start) }, (_, k) => ({ ...record(start + k), id: `batch-${process.pid}-${start + k}` })));
  }
  return count / ((performance.now() - started) / 1000);
}

/** The journal alone: one synchronous append per prediction. */
function journalAlone(scratch: string): number {
  const journal = new Journal(path.join(scratch, 'journal-alone'));
  journal.recover();
  const started = performance.now();
  for (let i = 0; i < count; i += 1) journal.append([{ kind: 'prediction', record: record(i) }]);
  const perSecond = count / ((performance.now() - started) / 1000);
  journal.close();
  return perSecond;
}

async function oneByOne(store: KyselyStore): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < baselineCount; i += 1) await store.appendPredictions([{ ...record(i), id: `single-${process.pid}-${i}` }]);
  return baselineCount / ((performance.now() - started) / 1000);
}

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

async function main(): Promise<void> {
  const scratch = mkdtempSync(path.join(tmpdir(), 'paydown-log-bench-'));
  const lines: string[] = [`prediction log: ${fmt(count)} predictions (baseline: ${fmt(baselineCount)} one transaction each); other work on this machine makes timings noisy`];
  let failed = false;
  try {
    lines.push(`  journal alone (one synchronous append each): ${fmt(journalAlone(scratch))}/s`);
    const sqliteFile = path.join(scratch, 'bench.sqlite');
    const sqlite = await openStore(`sqlite:${sqliteFile}`);
    const s = await throughput(sqlite, scratch);
    const threaded = await throughput(sqlite, scratch, new SqliteStoreThread(sqliteFile));
    const sb = await storeBatched(sqlite);
    const s1 = await oneByOne(sqlite);
    await sqlite.close();
    const ok = Math.max(s, threaded) >= TARGET_SQLITE_PER_SECOND;
    failed ||= !ok;
    lines.push(
      `  SQLite      journal+batcher ${fmt(s)}/s   with the writer thread (as paydown serve runs) ${fmt(threaded)}/s   store batched ${fmt(sb)}/s   one transaction each ${fmt(s1)}/s (batching ×${(sb / s1).toFixed(1)})   target ≥ ${fmt(TARGET_SQLITE_PER_SECOND)}/s: ${ok ? 'met' : 'MISSED'}`,
    );
    if (postgresBinDir() === undefined) {
      lines.push('  PostgreSQL  skipped: not installed (scripts/install-system-packages.sh)');
    } else {
      const server = await startPostgres({ durable: true });
      try {
        const pg = await openStore(server.url);
        const p = await throughput(pg, scratch);
        const pb = await storeBatched(pg);
        const p1 = await oneByOne(pg);
        await pg.close();
        lines.push(`  PostgreSQL  journal+batcher ${fmt(p)}/s   store batched ${fmt(pb)}/s   one transaction each ${fmt(p1)}/s (batching ×${(pb / p1).toFixed(1)})   (fsync on, loopback)`);
      } finally {
        server.stop();
      }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  if (failed) process.exitCode = 1;
}

await main();
