import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { DatasetProfile } from '../../../src/data/profile-types.js';
import { inputDrift } from '../../../src/serve/monitors/input-drift.js';
import { inputColumnsOf } from '../../../src/serve/store/input-columns.js';
import { createHarness, prediction, REFERENCE_PROFILE, T0, type Harness } from './harness.js';

const reference = REFERENCE_PROFILE as unknown as DatasetProfile;
const EPS = 1e-4;
const term = (p: number, q: number): number => (q - p) * Math.log(q / p);
const repeat = <T>(value: T, n: number): T[] => Array.from({ length: n }, () => value);
const driftOf = (rows: readonly Record<string, unknown>[], options: { threshold: number; minSamples: number }): ReturnType<typeof inputDrift> => inputDrift(reference, inputColumnsOf(rows), options);

describe('inputDrift (pure)', () => {
  it('is 0 for inputs distributed like the reference', () => {
    const inputs = [...repeat('US', 50), ...repeat('DE', 30), ...repeat('JP', 20)].map((country, i) => ({ country, clicks_7d: (i % 5) * 2 + 1 }));
    const drifts = driftOf(inputs, { threshold: 0.2, minSamples: 50 });
    assert.deepEqual(drifts.map((drift) => [drift.column, drift.samples, drift.drifted]), [['country', 100, false], ['clicks_7d', 100, false]]);
    for (const drift of drifts) assert.ok(Math.abs(drift.psi) < 1e-12, `${drift.column}: ${drift.psi}`);
  });

  it('computes the PSI of categories on the reference top values (empty shares floored at 1e-4)', () => {
    const [country] = driftOf(repeat({ country: 'US' }, 100), { threshold: 0.2, minSamples: 50 });
    const expected = term(0.5, 1) + term(0.3, EPS) + term(0.2, EPS);
    assert.ok(Math.abs(country.psi - expected) < 1e-12, `${country.psi} vs ${expected}`);
    assert.equal(country.drifted, true);
  });

  it('bins numbers on the reference histogram edges plus a bin below and above its range', () => {
    const above = driftOf(repeat({ clicks_7d: 12 }, 100), { threshold: 0.2, minSamples: 50 })[0];
    const expected = 5 * term(0.2, EPS) + term(EPS, 1);
    assert.ok(Math.abs(above.psi - expected) < 1e-12);
    const edges = driftOf([...repeat({ clicks_7d: 0 }, 20), ...repeat({ clicks_7d: 2 }, 20), ...repeat({ clicks_7d: 4 }, 20), ...repeat({ clicks_7d: 6 }, 20), ...repeat({ clicks_7d: 10 }, 20)], { threshold: 0.2, minSamples: 50 })[0];
    assert.ok(Math.abs(edges.psi) < 1e-12, 'a value on an edge falls in the bin it starts; the top edge in the last bin');
  });

  it('does not call a column drifted below minSamples', () => {
    const [country] = driftOf(repeat({ country: 'US' }, 49), { threshold: 0.2, minSamples: 50 });
    assert.equal(country.drifted, false);
  });
});

describe('input-drift monitor on the SQLite store', () => {
  let harness: Harness;
  before(async () => {
    harness = await createHarness();
  });
  after(async () => harness.close());

  const drift = async () => (await harness.extension.evaluateNow()).outcomes.find((outcome) => outcome.monitor.id === 'ctr/input-drift')!;

  it('passes on logged inputs like the reference', async () => {
    const countries = [...repeat('US', 50), ...repeat('DE', 30), ...repeat('JP', 20)];
    await harness.predict(countries.map((country, i) => prediction({ model: 'ctr', inputs: { country, clicks_7d: (i % 5) * 2 + 1 }, score: 0.3, at: T0 + i })));
    harness.setNow(T0 + 60_000);
    const outcome = await drift();
    assert.equal(outcome.firing, false);
    assert.deepEqual(outcome.values.map((value) => value.slice), ['', 'column=country', 'column=clicks_7d']);
  });

  it('fires when the logged inputs drift, ignoring shadow predictions', async () => {
    await harness.predict(repeat(0, 300).map((_, i) => prediction({ model: 'ctr', inputs: { country: 'JP', clicks_7d: 9.5 }, score: 0.3, at: T0 + 61_000 + i })));
    await harness.predict(repeat(0, 300).map((_, i) => prediction({ model: 'ctr', inputs: { country: 'US', clicks_7d: 1 }, score: 0.3, shadowOf: 'x', at: T0 + 61_000 + i })));
    harness.setNow(T0 + 120_000);
    const outcome = await drift();
    assert.equal(outcome.firing, true);
    assert.match(outcome.message, /input drift in .*country \(PSI [\d.]+\)/);
    assert.match(outcome.message, /clicks_7d \(PSI [\d.]+\).* over 400 predictions/, 'the 300 shadow predictions are not counted');
    assert.equal((await harness.store.listAlerts({ state: 'firing' })).filter((alert) => alert.key === 'ctr/input-drift').length, 1);
  });

  it('reports a monitor whose reference profile is unreadable as an evaluation error, not a crash', async () => {
    const broken = await createHarness({ systemYaml: `kind: model\nid: m\nmonitors:\n  - { type: input-drift, reference: missing.json }\n` });
    try {
      const report = await broken.extension.evaluateNow();
      assert.equal(report.errors.length, 1);
      assert.match(report.errors[0].message, /cannot read the reference profile .*missing\.json/);
      assert.ok(broken.logs.some((line) => line.level === 'error' && line.message.includes('m/input-drift')));
    } finally {
      await broken.close();
    }
  });
});
