import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveConfigs, type ResolvedConfig, type ResolvedItem } from '../../src/config/resolve-config.js';
import { parseManifests, type LoadedSystem } from '../../src/manifest/load-system.js';

const FEATURES = ['clicks', 'views', 'ctr_7d', 'ctr_30d', 'dwell', 'query_len', 'topic'];

/** A small system: one source, the features above, two data sets, a model, and the given configs. */
function systemWith(configs: readonly string[]): LoadedSystem {
  const base = [
    'kind: source\nid: events\n',
    'kind: source\nid: labels\n',
    'kind: source\nid: labels_2025\n',
    ...FEATURES.map((id) => `kind: feature\nid: ${id}\ninputs: [events]\n`),
    'kind: model\nid: ctr\ninputs: [clicks]\n',
  ];
  return parseManifests('.', [
    { file: 'system.yaml', text: base.join('---\n') },
    { file: 'configs.yaml', text: configs.join('---\n') },
  ]);
}

function resolved(system: LoadedSystem, id: string): ResolvedConfig {
  const resolution = resolveConfigs(system);
  assert.deepEqual(resolution.problems, []);
  const config = resolution.configs.get(id);
  assert.ok(config !== undefined, `config '${id}' is not resolved`);
  return config;
}

function ids(items: readonly ResolvedItem[]): string[] {
  return items.map((item) => (item.version === undefined ? item.id : `${item.id}@${item.version}`));
}

const chain = [
  [
    'kind: config',
    'id: base',
    'model: ctr',
    'purpose: training',
    'features: [clicks, views, ctr_7d]',
    'training:',
    '  data: [labels]',
    '  window: { from: 2025-01-01, to: 2025-06-30 }',
    'learner:',
    '  type: gbdt',
    '  settings: { maxDepth: 6, trees: 200, eta: 0.1 }',
    'threshold: { value: 0.5, setBy: learned, objective: precision }',
    'resources: { memoryMb: 2048, cpus: 4 }',
    'assert:',
    '  features: { min: 2, max: 10 }',
    '  dependsOn: { exclude: [labels_2025] }',
    '',
  ].join('\n'),
  [
    'kind: config',
    'id: middle',
    'extends: base',
    'features+: [ctr_30d, dwell]',
    'features-: [views]',
    'training:',
    '  data+: [labels_2025]',
    '  window: { to: 2025-09-30 }',
    'learner:',
    '  settings: { maxDepth: 8 }',
    'assert:',
    '  features: { max: 12 }',
    '',
  ].join('\n'),
  [
    'kind: config',
    'id: leaf',
    'extends: middle',
    'features+: [ctr_7d@2, query_len]',
    'training:',
    '  data-: [labels]',
    'learner:',
    '  settings: { maxDepth: 10, minLeaf: 20 }',
    '  settings-: [eta]',
    'resources: { memoryMb: 4096 }',
    'assert:',
    '  dependsOn: { include: [labels_2025] }',
    '',
  ].join('\n'),
];

describe('resolveConfigs', () => {
  it('resolves a chain of depth 3 from the root down', () => {
    const system = systemWith(chain);
    assert.deepEqual(resolved(system, 'base').chain, ['base']);
    assert.deepEqual(resolved(system, 'middle').chain, ['base', 'middle']);
    assert.deepEqual(resolved(system, 'leaf').chain, ['base', 'middle', 'leaf']);
    assert.equal(resolveConfigs(system).configs.size, 3);
  });

  it('shares one answer per system', () => {
    const system = systemWith(chain);
    assert.equal(resolveConfigs(system), resolveConfigs(system));
  });

  it('adds (+) and removes (-) features on top of the inherited list, keeping its order', () => {
    const system = systemWith(chain);
    assert.deepEqual(ids(resolved(system, 'base').features), ['clicks', 'views', 'ctr_7d']);
    assert.deepEqual(ids(resolved(system, 'middle').features), ['clicks', 'ctr_7d', 'ctr_30d', 'dwell']);
  });

  it('records which config added each feature, at which field', () => {
    const middle = resolved(systemWith(chain), 'middle');
    const byId = new Map(middle.features.map((item) => [item.id, item]));
    assert.deepEqual(byId.get('clicks')?.addedBy, { config: 'base', path: ['features', 0] });
    assert.deepEqual(byId.get('ctr_7d')?.addedBy, { config: 'base', path: ['features', 2] });
    assert.deepEqual(byId.get('dwell')?.addedBy, { config: 'middle', path: ['features+', 1] });
  });

  it('re-versions an inherited feature by adding id@version, in place', () => {
    const leaf = resolved(systemWith(chain), 'leaf');
    assert.deepEqual(ids(leaf.features), ['clicks', 'ctr_7d@2', 'ctr_30d', 'dwell', 'query_len']);
    const ctr = leaf.features.find((item) => item.id === 'ctr_7d');
    assert.deepEqual(ctr, { id: 'ctr_7d', version: '2', addedBy: { config: 'leaf', path: ['features+', 0] } });
  });

  it('replaces the inherited features with a whole new list', () => {
    const system = systemWith([chain[0], 'kind: config\nid: fresh\nextends: base\nfeatures: [topic, { id: dwell, version: 3 }]\n']);
    const fresh = resolved(system, 'fresh');
    assert.deepEqual(ids(fresh.features), ['topic', 'dwell@3']);
    assert.deepEqual(fresh.features.map((item) => item.addedBy), [
      { config: 'fresh', path: ['features', 0] },
      { config: 'fresh', path: ['features', 1] },
    ]);
  });

  it('replaces, then adds, then removes within one config', () => {
    const system = systemWith([chain[0], 'kind: config\nid: all\nextends: base\nfeatures: [topic, dwell]\nfeatures+: [clicks]\nfeatures-: [topic]\n']);
    assert.deepEqual(ids(resolved(system, 'all').features), ['dwell', 'clicks']);
  });

  it('overrides settings, keeping what each replaced (closest first) and where it was set', () => {
    const leaf = resolved(systemWith(chain), 'leaf');
    const depth = leaf.settings.get('learner.settings.maxDepth');
    assert.deepEqual(depth, {
      key: 'learner.settings.maxDepth',
      value: 10,
      setBy: { config: 'leaf', path: ['learner', 'settings', 'maxDepth'] },
      replaced: [
        { value: 8, setBy: { config: 'middle', path: ['learner', 'settings', 'maxDepth'] } },
        { value: 6, setBy: { config: 'base', path: ['learner', 'settings', 'maxDepth'] } },
      ],
    });
    assert.deepEqual(leaf.settings.get('learner.settings.trees'), {
      key: 'learner.settings.trees',
      value: 200,
      setBy: { config: 'base', path: ['learner', 'settings', 'trees'] },
      replaced: [],
    });
    assert.deepEqual(leaf.settings.get('learner.settings.minLeaf')?.setBy, { config: 'leaf', path: ['learner', 'settings', 'minLeaf'] });
    assert.equal(leaf.settings.get('learner.type')?.value, 'gbdt');
    assert.equal(leaf.settings.get('model')?.value, 'ctr');
    assert.equal(leaf.settings.get('purpose')?.value, 'training');
  });

  it('removes an inherited learner setting with settings-', () => {
    const system = systemWith(chain);
    assert.equal(resolved(system, 'middle').settings.get('learner.settings.eta')?.value, 0.1);
    assert.equal(resolved(system, 'leaf').settings.has('learner.settings.eta'), false);
  });

  it('flattens threshold, resources and the training window into dotted keys', () => {
    const system = systemWith(chain);
    const leaf = resolved(system, 'leaf');
    assert.equal(leaf.settings.get('threshold.value')?.value, 0.5);
    assert.equal(leaf.settings.get('threshold.setBy')?.value, 'learned');
    assert.equal(leaf.settings.get('resources.cpus')?.value, 4);
    const memory = leaf.settings.get('resources.memoryMb');
    assert.equal(memory?.value, 4096);
    assert.deepEqual(memory?.replaced.map((entry) => entry.value), [2048]);
    assert.equal(leaf.settings.get('training.window.from')?.value, '2025-01-01');
    assert.deepEqual(leaf.settings.get('training.window.to')?.setBy, { config: 'middle', path: ['training', 'window', 'to'] });
    assert.equal(leaf.settings.get('training.window.to')?.value, '2025-09-30');
    assert.equal(resolved(system, 'base').settings.get('training.window.to')?.value, '2025-06-30');
  });

  it('resolves training data lists with data+, data- and a replacing data list', () => {
    const system = systemWith([...chain, 'kind: config\nid: other\nextends: middle\ntraining:\n  data: [labels_2025@7]\n']);
    assert.deepEqual(ids(resolved(system, 'base').trainingData), ['labels']);
    const middle = resolved(system, 'middle');
    assert.deepEqual(ids(middle.trainingData), ['labels', 'labels_2025']);
    assert.deepEqual(middle.trainingData[1]?.addedBy, { config: 'middle', path: ['training', 'data+', 0] });
    assert.deepEqual(ids(resolved(system, 'leaf').trainingData), ['labels_2025']);
    const other = resolved(system, 'other');
    assert.deepEqual(other.trainingData, [{ id: 'labels_2025', version: '7', addedBy: { config: 'other', path: ['training', 'data', 0] } }]);
    assert.deepEqual(ids(other.features), ['clicks', 'ctr_7d', 'ctr_30d', 'dwell']);
  });

  it('inherits assertions and lets a child override one part of them', () => {
    const system = systemWith(chain);
    const middle = resolved(system, 'middle');
    assert.equal(middle.settings.get('assert.features.min')?.value, 2);
    assert.deepEqual(middle.settings.get('assert.features.min')?.setBy, { config: 'base', path: ['assert', 'features', 'min'] });
    const max = middle.settings.get('assert.features.max');
    assert.equal(max?.value, 12);
    assert.deepEqual(max?.replaced, [{ value: 10, setBy: { config: 'base', path: ['assert', 'features', 'max'] } }]);
    const leaf = resolved(system, 'leaf');
    assert.deepEqual(leaf.settings.get('assert.dependsOn.exclude')?.value, ['labels_2025']);
    assert.deepEqual(leaf.settings.get('assert.dependsOn.include')?.value, ['labels_2025']);
    assert.deepEqual(leaf.settings.get('assert.dependsOn.include')?.setBy, { config: 'leaf', path: ['assert', 'dependsOn', 'include'] });
    assert.equal(resolved(system, 'base').settings.has('assert.dependsOn.include'), false);
  });

  it('resolves a config declared before its parent, and several children of one parent', () => {
    const [base, middle] = chain as [string, string, string];
    const system = systemWith([middle, 'kind: config\nid: sibling\nextends: base\nfeatures-: [clicks]\n', base]);
    assert.deepEqual(resolved(system, 'middle').chain, ['base', 'middle']);
    assert.deepEqual(ids(resolved(system, 'sibling').features), ['views', 'ctr_7d']);
    assert.deepEqual(ids(resolved(system, 'base').features), ['clicks', 'views', 'ctr_7d']);
  });

  it('gives a config with no fields an empty resolution', () => {
    const empty = resolved(systemWith(['kind: config\nid: empty\n']), 'empty');
    assert.deepEqual(empty.chain, ['empty']);
    assert.deepEqual(empty.features, []);
    assert.deepEqual(empty.trainingData, []);
    assert.equal(empty.settings.size, 0);
  });
});
