import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseManifests } from '../../../src/manifest/load-system.js';
import { parseDuration } from '../../../src/serve/monitors/duration.js';
import { resolveMonitors } from '../../../src/serve/monitors/monitor-spec.js';

const system = (text: string) => parseManifests('.', [{ file: 'system.yaml', text }]);

describe('resolveMonitors', () => {
  it('numbers a second monitor of one type #2 and fills in the defaults', () => {
    const specs = resolveMonitors(
      system(`kind: model
id: m
monitors:
  - { type: prediction-bias }
  - { type: prediction-bias, window: 1d, tolerance: 0.1, minSamples: 5, slices: [country], respond: [fallback] }
`),
    );
    assert.deepEqual(
      specs.map((spec) => [spec.id, spec.windowMs, spec.tolerance, spec.minSamples, spec.slices, spec.respond]),
      [
        ['m/prediction-bias', 3_600_000, 0.02, 100, [], ['alert']],
        ['m/prediction-bias#2', 86_400_000, 0.1, 5, ['country'], ['alert', 'fallback']],
      ],
    );
  });

  it('enforces every action limit: covered ones by their monitor, the rest by an implicit one that halts', () => {
    const specs = resolveMonitors(
      system(`kind: model
id: m
actions:
  - { name: a, limit: { max: 3, per: 1m } }
  - { name: b, limit: { max: 9, per: 1h } }
  - { name: c }
monitors:
  - { type: action-limit, action: a, respond: [alert] }
`),
    );
    assert.deepEqual(
      specs.map((spec) => [spec.id, spec.limits, spec.respond]),
      [
        ['m/action-limit', [{ action: 'a', max: 3, perMs: 60_000 }], ['alert']],
        ['m/action-limit#2', [{ action: 'b', max: 9, perMs: 3_600_000 }], ['alert', 'halt-actions']],
      ],
    );
  });
});

describe('parseDuration', () => {
  it('reads the manifest durations and refuses anything else with a clear error', () => {
    assert.deepEqual(['250ms', '30s', '15m', '2h', '1d', '1w'].map(parseDuration), [250, 30_000, 900_000, 7_200_000, 86_400_000, 604_800_000]);
    assert.throws(() => parseDuration('soon'), { code: 'PAYDOWN_USAGE', message: /'soon' is not a duration/ });
  });
});
