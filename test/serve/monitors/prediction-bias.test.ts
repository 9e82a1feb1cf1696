import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { predictionBias } from '../../../src/serve/monitors/prediction-bias.js';
import type { AlertRecord, LabelledPrediction, PredictionRecord } from '../../../src/serve/store/store.js';
import { createHarness, HOUR, prediction, T0, type Harness } from './harness.js';

const row = (country: string, score: number | null, label: number | null): LabelledPrediction => ({ id: `${country}${score}${label}`, version: '1', inputs: { country }, score, label, at: T0 });

describe('predictionBias (pure)', () => {
  const rows = [row('US', 0.8, 1), row('US', 0.6, 0), row('DE', 0.1, 0), row('DE', 0.3, 1), row('DE', 0.9, null), row('US', null, 1)];

  it('compares the mean score with the label rate overall and per slice, ignoring unlabelled or unscored predictions', () => {
    const groups = predictionBias(rows, { slices: ['country'], tolerance: 0.1, minSamples: 2 });
    assert.deepEqual(groups.map((group) => group.slice), ['', 'country=DE', 'country=US']);
    const [overall, de, us] = groups;
    assert.equal(overall.samples, 4);
    assert.ok(Math.abs(overall.meanScore - 0.45) < 1e-12);
    assert.equal(overall.labelRate, 0.5);
    assert.ok(Math.abs(overall.bias - -0.05) < 1e-12);
    assert.equal(overall.exceeds, false, '|−0.05| is within 0.1');
    assert.ok(Math.abs(de.bias - -0.3) < 1e-12);
    assert.equal(de.exceeds, true);
    assert.ok(Math.abs(us.bias - 0.2) < 1e-12);
    assert.equal(us.exceeds, true);
  });

  it('does not fire a group below the minimum sample size', () => {
    const groups = predictionBias(rows, { slices: ['country'], tolerance: 0.1, minSamples: 3 });
    assert.deepEqual(groups.filter((group) => group.exceeds), []);
  });
});

describe('prediction-bias monitor on the SQLite store', () => {
  let harness: Harness;
  before(async () => {
    harness = await createHarness();
  });
  after(async () => harness.close());

  async function biasAlerts(state?: 'firing' | 'resolved'): Promise<AlertRecord[]> {
    return (await harness.store.listAlerts(state === undefined ? {} : { state })).filter((alert) => alert.monitor === 'ctr/prediction-bias');
  }

  /** Logs n predictions of `ctr` per country with the given score and share of positive labels. */
  async function traffic(at: number, perCountry: Record<string, { n: number; score: number; positives: number }>): Promise<void> {
    const records: PredictionRecord[] = [];
    const outcomes: Array<{ predictionId: string; label: number; at: number }> = [];
    for (const [country, { n, score, positives }] of Object.entries(perCountry)) {
      for (let i = 0; i < n; i += 1) {
        const record = prediction({ model: 'ctr', inputs: { country, clicks_7d: (i % 10) + 0.5 }, score, at: at + i });
        records.push(record);
        outcomes.push({ predictionId: record.id, label: i < positives ? 1 : 0, at: at + i + 1000 });
      }
    }
    await harness.predict(records);
    await harness.store.appendOutcomes(outcomes);
  }

  it('passes when predictions match the observed label rate, and records the values', async () => {
    await traffic(T0, { US: { n: 60, score: 0.3, positives: 18 }, DE: { n: 60, score: 0.3, positives: 18 } });
    harness.setNow(T0 + 10 * 60_000);
    const report = await harness.extension.evaluateNow();
    const outcome = report.outcomes.find((candidate) => candidate.monitor.id === 'ctr/prediction-bias')!;
    assert.equal(outcome.firing, false);
    const values = await harness.store.listMonitorValues('ctr/prediction-bias', T0);
    assert.deepEqual(values.map((value) => [value.slice, value.samples]).sort(), [['', 120], ['country=DE', 60], ['country=US', 60]]);
    assert.ok(values.every((value) => Math.abs(value.value) < 1e-9));
    assert.deepEqual(await biasAlerts('firing'), []);
  });

  it('does not fire on a biased slice with fewer labelled predictions than minSamples', async () => {
    await traffic(T0 + HOUR + 60_000, { US: { n: 200, score: 0.3, positives: 60 }, DE: { n: 40, score: 0.3, positives: 20 } });
    harness.setNow(T0 + 2 * HOUR);
    const report = await harness.extension.evaluateNow();
    const outcome = report.outcomes.find((candidate) => candidate.monitor.id === 'ctr/prediction-bias')!;
    const groups = (outcome.details as { groups: Array<{ slice: string; bias: number; samples: number }> }).groups;
    assert.ok(Math.abs(groups.find((group) => group.slice === 'country=DE')!.bias - -0.2) < 1e-9, 'DE is biased');
    assert.ok(Math.abs(groups[0].bias - (0.3 - 80 / 240)) < 1e-9, 'overall within tolerance');
    assert.equal(outcome.firing, false);
  });

  it('fires on one biased slice, opens one alert, turns the shadow on and audits both', async () => {
    await traffic(T0 + 2 * HOUR + 60_000, { US: { n: 60, score: 0.3, positives: 18 }, DE: { n: 50, score: 0.3, positives: 40 } });
    harness.setNow(T0 + 3 * HOUR);
    const report = await harness.extension.evaluateNow();
    const outcome = report.outcomes.find((candidate) => candidate.monitor.id === 'ctr/prediction-bias')!;
    assert.equal(outcome.firing, true);
    assert.match(outcome.message, /country=DE: mean score 0\.300 vs label rate 0\.800 \(bias -0\.500, n=50\)/);
    const firing = await biasAlerts('firing');
    assert.deepEqual(firing.map((alert) => alert.key), ['ctr/prediction-bias']);
    assert.deepEqual(harness.extension.plans!.plan('ctr'), { mode: 'live', shadowVersion: '8' });
    const audit = (await harness.store.listAudit(50)).filter((entry) => JSON.stringify(entry.details).includes('ctr/prediction-bias'));
    assert.deepEqual(audit.map((entry) => `${entry.action} ${entry.target}`).sort(), ['response.alert ctr', 'response.shadow ctr']);
  });

  it('resolves when the next window is calibrated again; the shadow stays until a person resets it', async () => {
    await traffic(T0 + 3 * HOUR + 60_000, { US: { n: 60, score: 0.3, positives: 18 }, DE: { n: 60, score: 0.3, positives: 18 } });
    harness.setNow(T0 + 4 * HOUR);
    await harness.extension.evaluateNow();
    const [alert] = await biasAlerts();
    assert.equal(alert.state, 'resolved');
    assert.equal(alert.resolvedAt, T0 + 4 * HOUR);
    assert.equal(harness.extension.plans!.plan('ctr').shadowVersion, '8');
  });
});

describe('monitors at start-up', () => {
  it('evaluates every monitor once when started, before the first interval, so a restarted server shows a bias already in the store', async () => {
    const harness = await createHarness();
    try {
      const records: PredictionRecord[] = [];
      for (let i = 0; i < 60; i += 1) records.push(prediction({ model: 'ranker', inputs: { clicks_7d: 1 }, score: 0.9, at: T0 + i }));
      await harness.predict(records);
      await harness.store.appendOutcomes(records.map((record) => ({ predictionId: record.id, label: 0, at: T0 + 1_000 })));
      harness.setNow(T0 + HOUR / 2);
      const beforeStart = harness.monitoring.last;
      assert.equal(beforeStart, undefined, 'nothing evaluated before start');
      await harness.extension.start!(harness.context);
      const last = harness.monitoring.last;
      assert.ok(last !== undefined, 'start() evaluated the monitors');
      assert.equal(last.at, T0 + HOUR / 2);
      const ranker = last.outcomes.find((outcome) => outcome.key === 'ranker/prediction-bias');
      assert.equal(ranker?.firing, true, 'a mean score of 0.9 against no positive label is a bias of +0.9');
      const alerts = await harness.store.listAlerts({ state: 'firing' });
      assert.deepEqual(alerts.map((alert) => alert.monitor), ['ranker/prediction-bias']);
    } finally {
      await harness.close();
    }
  });
});
