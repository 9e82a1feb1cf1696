import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { downstreamModelOwners, watchedSources } from '../../../src/serve/monitors/upstream-freshness.js';
import { resolveMonitors } from '../../../src/serve/monitors/monitor-spec.js';
import type { MonitorOutcome } from '../../../src/serve/monitors/monitor-outcome.js';
import { createHarness, HOUR, T0, type Harness } from './harness.js';

describe('upstream-freshness monitor', () => {
  let harness: Harness;
  before(async () => {
    harness = await createHarness();
  });
  after(async () => harness.close());

  const freshness = async (): Promise<Map<string, MonitorOutcome>> => {
    const report = await harness.extension.evaluateNow();
    return new Map(report.outcomes.filter((outcome) => outcome.monitor.type === 'upstream-freshness').map((outcome) => [outcome.source!, outcome]));
  };

  it('watches every source upstream of the model that declares freshness, and finds the owners downstream', () => {
    const monitor = resolveMonitors(harness.context.snapshot().system).find((candidate) => candidate.id === 'ctr/upstream-freshness')!;
    const graph = harness.context.snapshot().graph;
    assert.deepEqual(watchedSources(graph, monitor).map((source) => source.id), ['click_log', 'impression_log']);
    assert.deepEqual(downstreamModelOwners(graph, 'impression_log'), [
      { owner: 'ads-ranking', models: ['ctr'] },
      { owner: 'trust-and-safety', models: ['spam_filter'] },
    ]);
  });

  it('counts a source never seen from when the monitors started: fresh within maxAge', async () => {
    harness.setNow(T0 + 50 * 60_000);
    const outcomes = await freshness();
    assert.equal(outcomes.get('click_log')!.firing, false);
    assert.equal(outcomes.get('impression_log')!.firing, false);
  });

  it('fires for a source older than its maxAge, naming the owners of every model downstream', async () => {
    harness.setNow(T0 + 90 * 60_000);
    const outcomes = await freshness();
    assert.equal(outcomes.get('click_log')!.firing, true);
    assert.equal(outcomes.get('impression_log')!.firing, false, 'impression_log allows 2h');
    const [alert] = (await harness.store.listAlerts({ state: 'firing' })).filter((candidate) => candidate.key === 'ctr/upstream-freshness:click_log');
    assert.equal(alert.source, 'click_log');
    assert.match(alert.message, /source click_log is stale: never seen since the server started, 90m ago \(expected within 1h\); owners of downstream models: ads-ranking \(ctr\); ranking-team \(ranker\)/);
  });

  it('resolves when an OpenLineage COMPLETE event writes the source dataset', async () => {
    await harness.store.appendLineage({
      at: T0 + 95 * 60_000,
      eventType: 'COMPLETE',
      jobNamespace: 'etl',
      jobName: 'build_click_log',
      inputs: [],
      outputs: [{ namespace: 's3://logs', name: 'click_log' }],
      raw: {},
    });
    harness.setNow(T0 + 100 * 60_000);
    assert.equal((await freshness()).get('click_log')!.firing, false);
    const [alert] = (await harness.store.listAlerts()).filter((candidate) => candidate.key === 'ctr/upstream-freshness:click_log');
    assert.equal(alert.state, 'resolved');
  });

  it('uses heartbeats for sources without a dataset identity', async () => {
    harness.setNow(T0 + 2 * HOUR + 60_000);
    assert.equal((await freshness()).get('impression_log')!.firing, true);
    await harness.store.recordHeartbeat('impression_log', T0 + 2 * HOUR + 90_000);
    harness.setNow(T0 + 2 * HOUR + 120_000);
    const outcome = (await freshness()).get('impression_log')!;
    assert.equal(outcome.firing, false);
    assert.equal(outcome.values[0].value, 30_000 / (2 * HOUR), 'the value is age / maxAge');
  });
});
