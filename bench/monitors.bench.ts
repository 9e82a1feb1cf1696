/**
 * Monitors benchmark: what watching costs.
 * 1. The prediction hook: counting actions in memory and flushing them every 100 ms, against the
 *    baseline of one atomic counter write per action (what the batching avoids).
 * 2. One evaluation of prediction bias (2 slice columns) and input drift (6 columns) over a
 *    window of N labelled predictions in SQLite, against the baseline of only reading the rows,
 *    and the longest the event loop is held up: on this thread, and with the store thread.
 * Figures are printed; timings on a shared machine are noisy.
 *
 *   node dist/bench/monitors.bench.js [--rows 100000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DatasetProfile } from '../src/data/profile-types.js';
import { ActionCounter, actionCounterKey } from '../src/serve/monitors/action-limit.js';
import { evaluateInputDrift, readReferenceProfile } from '../src/serve/monitors/input-drift.js';
import type { MonitorSpec } from '../src/serve/monitors/monitor-spec.js';
import { evaluatePredictionBias } from '../src/serve/monitors/prediction-bias.js';
import { openStore } from '../src/serve/store/open-store.js';
import { SqliteStoreThread, storeOnThreads } from '../src/serve/store/sqlite-store-thread.js';
import type { PredictionRecord } from '../src/serve/store/store.js';
import { median } from './measure-child.js';

const rowsFlag = process.argv.indexOf('--rows');
const ROWS = rowsFlag >= 0 ? Number(process.argv[rowsFlag + 1]) : 100_000;
const T0 = Date.UTC(2026, 0, 5);
const HOUR = 3_600_000;
const dir = mkdtempSync(path.join(tmpdir(), 'paydown-monitors-bench-'));
const file = path.join(dir, 'serve.sqlite');
const store = await openStore(`sqlite:${file}`);

const limit = { action: 'block_ad', max: 1e12, perMs: HOUR };
const monitor = (type: MonitorSpec['type'], extra: Partial<MonitorSpec> = {}): MonitorSpec => ({
  id: `ctr/${type}`,
  model: 'ctr',
  type,
  windowMs: HOUR,
  tolerance: 0.02,
  minSamples: 100,
  slices: [],
  respond: ['alert'],
  limits: [limit],
  ...extra,
});

async function time(work: () => Promise<unknown>, repeat: number): Promise<number> {
  const runs: number[] = [];
  for (let i = 0; i < repeat; i += 1) {
    const started = performance.now();
    await work();
    runs.push(performance.now() - started);
  }
  return median(runs);
}

// 1. the prediction hook
const HOOK_CALLS = 1_000_000;
const counter = new ActionCounter(store, () => Promise.resolve());
const actionMonitor = monitor('action-limit');
const hookStarted = performance.now();
for (let i = 0; i < HOOK_CALLS; i += 1) {
  counter.count(actionMonitor, limit, T0 + (i % 1000));
  if (i % 20_000 === 19_999) await counter.flush();
}
await counter.flush();
const hookMs = performance.now() - hookStarted;
const DIRECT = 20_000;
const directStarted = performance.now();
for (let i = 0; i < DIRECT; i += 1) await store.addToCounter(actionCounterKey('direct', 'block_ad'), T0, 1);
const directMs = performance.now() - directStarted;
const counted = await store.addToCounter(actionCounterKey('ctr', 'block_ad'), T0, 0);
process.stdout.write(`action counting (SQLite): batched hook ${((hookMs * 1e6) / HOOK_CALLS).toFixed(0)} ns per action (${HOOK_CALLS.toLocaleString('en')} counted: ${counted.toLocaleString('en')}), `);
process.stdout.write(`baseline one counter write per action ${((directMs * 1000) / DIRECT).toFixed(1)} µs per action\n`);

// 2. evaluation over a window
const countries = ['US', 'DE', 'JP', 'FR', 'GB'];
const devices = ['mobile', 'desktop', 'tablet'];
const batch: PredictionRecord[] = [];
for (let i = 0; i < ROWS; i += 1) {
  batch.push({
    id: `p${i}`,
    model: 'ctr',
    version: '7',
    consumer: 'bidder',
    inputs: { ctr_7d: 0.01 + ((i * 7919) % 7000) / 100_000, user_clicks_30d: i % 21, query_length: 1 + (i % 10), hour_of_day: i % 24, device_type: devices[i % 3], geo_country: countries[i % 5] },
    outputs: { score: 0.1 },
    score: 0.1,
    action: null,
    servedBy: 'model',
    shadowOf: null,
    at: T0 + Math.floor((i * (HOUR - 1000)) / ROWS),
    latencyMs: 1,
  });
  if (batch.length === 5000) {
    await store.appendPredictions(batch.splice(0));
  }
}
await store.appendPredictions(batch.splice(0));
for (let i = 0; i < ROWS; i += 5000) await store.appendOutcomes(Array.from({ length: Math.min(5000, ROWS - i) }, (_, j) => ({ predictionId: `p${i + j}`, label: (i + j) % 10 === 0 ? 1 : 0, at: T0 })));
const now = T0 + HOUR - 1;
const reference: DatasetProfile = await readReferenceProfile(process.cwd(), 'examples/ad-click/reference/ctr-inputs.profile.json');
const readOnly = await time(() => store.labelledPredictions('ctr', now - HOUR, now), 5);
const bias = await time(() => evaluatePredictionBias(store, monitor('prediction-bias', { slices: ['geo_country', 'device_type'] }), now), 5);
/** The longest the event loop (the gateway) was held up while `work` ran. */
async function longestStall(work: () => Promise<unknown>): Promise<number> {
  let last = performance.now();
  let longest = 0;
  const ticker = setInterval(() => {
    const at = performance.now();
    longest = Math.max(longest, at - last);
    last = at;
  }, 1);
  await new Promise((resolve) => setTimeout(resolve, 20));
  await work();
  await new Promise((resolve) => setTimeout(resolve, 20));
  clearInterval(ticker);
  return longest;
}
const stallWhole = await longestStall(() => store.labelledPredictions('ctr', now - HOUR, now));
const stallParts = await longestStall(() => evaluatePredictionBias(store, monitor('prediction-bias', { slices: ['geo_country', 'device_type'] }), now));
const thread = new SqliteStoreThread(file);
const writer = new SqliteStoreThread(file);
const onThread = storeOnThreads(store, { reader: thread, writer });
const stallThread = await longestStall(() => evaluatePredictionBias(onThread, monitor('prediction-bias', { slices: ['geo_country', 'device_type'] }), now));
const biasThread = await time(() => evaluatePredictionBias(onThread, monitor('prediction-bias', { slices: ['geo_country', 'device_type'] }), now), 5);
const driftThread = await time(() => evaluateInputDrift(onThread, monitor('input-drift', { tolerance: 0.2 }), reference, now), 5);
const stallDriftThread = await longestStall(() => evaluateInputDrift(onThread, monitor('input-drift', { tolerance: 0.2 }), reference, now));
await thread.close();
await writer.close();
const listOnly = await time(() => store.listPredictions('ctr', now - HOUR, now, 5_000), 5);
const drift = await time(() => evaluateInputDrift(store, monitor('input-drift', { tolerance: 0.2 }), reference, now), 5);
process.stdout.write(`prediction bias over ${ROWS.toLocaleString('en')} labelled predictions, 2 slice columns: ${bias.toFixed(0)} ms (baseline: reading the rows ${readOnly.toFixed(0)} ms)\n`);
process.stdout.write(`  longest event-loop stall: ${stallParts.toFixed(0)} ms summing the window in 60 parts on this thread, vs ${stallWhole.toFixed(0)} ms reading its rows at once\n`);
process.stdout.write(`  with the store thread (as paydown serve runs it on SQLite): ${biasThread.toFixed(0)} ms, longest event-loop stall ${stallThread.toFixed(0)} ms\n`);
process.stdout.write(`input drift over the newest 5,000 predictions, 6 columns: ${drift.toFixed(0)} ms (baseline: reading the rows ${listOnly.toFixed(0)} ms)\n`);
process.stdout.write(`  with the store thread: ${driftThread.toFixed(0)} ms, longest event-loop stall ${stallDriftThread.toFixed(0)} ms\n`);
await store.close();
rmSync(dir, { recursive: true, force: true });
