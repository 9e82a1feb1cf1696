import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { resolveConfigs } from '../../src/config/resolve-config.js';
import { PaydownError, type Problem } from '../../src/errors.js';
import { loadSystem } from '../../src/manifest/load-system.js';

const bin = fileURLToPath(new URL('../../../bin/paydown.js', import.meta.url));
const scratch = await mkdtemp(path.join(tmpdir(), 'paydown-config-bad-input-'));
after(() => rm(scratch, { recursive: true, force: true }));

const BASE = [
  'kind: source\nid: events\n',
  'kind: source\nid: labels\n',
  'kind: feature\nid: clicks\ninputs: [events]\n',
  'kind: feature\nid: views\ninputs: [events]\n',
  'kind: feature\nid: dwell\ninputs: [events]\n',
  'kind: model\nid: ctr\ninputs: [clicks]\n',
].join('---\n');

let counter = 0;

/** Writes `system.yaml` (a few sources, features and a model) and `configs.yaml` into a fresh directory. */
async function system(configs: string): Promise<{ root: string; file: string }> {
  const root = path.join(scratch, `case-${counter++}`);
  await mkdir(root, { recursive: true });
  await writeFile(path.join(root, 'system.yaml'), BASE);
  await writeFile(path.join(root, 'configs.yaml'), configs);
  return { root, file: path.join(root, 'configs.yaml') };
}

interface Expected {
  readonly line: number;
  readonly column: number;
  /** The whole message, exactly. */
  readonly message: string;
}

/**
 * Loads the system, which must fail with a PaydownError listing exactly these problems in
 * configs.yaml; then runs `paydown check` on it, which must exit 2 and print each as
 * file:line:column without a stack trace.
 */
async function rejects(configs: string, expected: readonly Expected[]): Promise<void> {
  const { root, file } = await system(configs);
  let caught: unknown;
  try {
    await loadSystem(root);
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof PaydownError, `expected a PaydownError, got ${String(caught)}`);
  assert.equal(caught.code, 'PAYDOWN_MANIFEST_INVALID');
  const summary = (problem: Problem): string => `${problem.location?.file}:${problem.location?.line}:${problem.location?.column}: ${problem.message}`;
  assert.deepEqual(
    caught.problems.map(summary),
    expected.map((want) => `${file}:${want.line}:${want.column}: ${want.message}`),
  );

  const env = { ...process.env };
  delete env.PAYDOWN_DEBUG;
  const run = spawnSync(process.execPath, [bin, 'check', root], { encoding: 'utf8', env });
  assert.equal(run.status, 2, run.stderr);
  assert.equal(run.stdout, '');
  for (const want of expected) {
    const relative = path.relative(process.cwd(), file);
    const printed = [`${file}:${want.line}:${want.column}: ${want.message}`, `${relative}:${want.line}:${want.column}: ${want.message}`];
    assert.ok(printed.some((line) => run.stderr.includes(line)), `missing '${printed[0]}' in:\n${run.stderr}`);
  }
  assert.doesNotMatch(run.stderr, /\n\s+at .+:\d+:\d+|node:internal|PaydownError:/);
}

describe('bad configs', () => {
  it('rejects two configs that extend each other, at each extends', async () => {
    await rejects('kind: config\nid: a\nextends: b\n---\nkind: config\nid: b\nowner: ads\nextends: a\n', [
      { line: 8, column: 1, message: 'configs extend each other in a cycle: a → b → a' },
      { line: 3, column: 1, message: 'configs extend each other in a cycle: b → a → b' },
    ]);
  });

  it('rejects a config that extends itself', async () => {
    await rejects('kind: config\nid: self\nfeatures: [clicks]\nextends: self\n', [
      { line: 4, column: 1, message: 'configs extend each other in a cycle: self → self' },
    ]);
  });

  it('rejects a longer cycle only once per config', async () => {
    const configs = ['a', 'b', 'c'].map((id, index, all) => `kind: config\nid: ${id}\nextends: ${all[(index + 1) % all.length]}\n`).join('---\n');
    await rejects(configs, [
      { line: 11, column: 1, message: 'configs extend each other in a cycle: a → b → c → a' },
      { line: 3, column: 1, message: 'configs extend each other in a cycle: b → c → a → b' },
      { line: 7, column: 1, message: 'configs extend each other in a cycle: c → a → b → c' },
    ]);
  });

  it('rejects a missing parent at the line of extends', async () => {
    await rejects('kind: config\nid: base\n---\nkind: config\n# a child\nid: child\nowner: ads\nextends: bsae\nfeatures: [clicks]\n', [
      { line: 8, column: 1, message: "config 'child' extends 'bsae', which is not a declared config" },
    ]);
  });

  it('rejects a config whose grandparent is missing, at the parent', async () => {
    await rejects('kind: config\nid: parent\nextends: gone\n---\nkind: config\nid: child\nextends: parent\n', [
      { line: 3, column: 1, message: "config 'parent' extends 'gone', which is not a declared config" },
    ]);
  });

  it('rejects removing a feature that is not inherited, at the list item', async () => {
    await rejects('kind: config\nid: base\nfeatures: [clicks]\n---\nkind: config\nid: child\nextends: base\nfeatures-: [clicks, views]\n', [
      { line: 8, column: 21, message: "config 'child' removes 'views' from features, but does not inherit it" },
    ]);
  });

  it('rejects removing a feature from a config that extends nothing', async () => {
    await rejects('kind: config\nid: root\nfeatures-:\n  - dwell\n', [
      { line: 4, column: 5, message: "config 'root' removes 'dwell' from features, but does not inherit it" },
    ]);
  });

  it('rejects removing a training data set that is not inherited', async () => {
    await rejects('kind: config\nid: base\ntraining:\n  data: [events]\n---\nkind: config\nid: child\nextends: base\ntraining:\n  data-: [labels]\n', [
      { line: 10, column: 11, message: "config 'child' removes 'labels' from training.data, but does not inherit it" },
    ]);
  });

  it('rejects removing a learner setting that is not inherited', async () => {
    await rejects(
      'kind: config\nid: base\nlearner:\n  settings: { maxDepth: 6 }\n---\nkind: config\nid: child\nextends: base\nlearner:\n  settings-: [maxDepth, trees]\n',
      [{ line: 10, column: 25, message: "config 'child' removes learner setting 'trees', which it does not inherit" }],
    );
  });

  it('names an unknown top-level field of a config and suggests the closest one', async () => {
    await rejects('kind: config\nid: base\nfeaturs: [clicks]\n', [
      { line: 3, column: 1, message: "config 'base': unknown field 'featurs' (did you mean 'features'?) at featurs" },
    ]);
  });

  it('says which type a config field expects', async () => {
    await rejects('kind: config\nid: base\nresources:\n  cpus: 2\n  memoryMb: lots\n', [
      { line: 5, column: 3, message: "config 'base': expected number at resources.memoryMb" },
    ]);
  });
});

describe('configs with YAML anchors and merge keys', () => {
  it('loads anchors, aliases and merge keys (<<: *base) and resolves them', async () => {
    const { root } = await system(
      [
        'kind: config',
        'id: base',
        'features: &chosen [clicks, views]',
        'learner:',
        '  type: gbdt',
        '  settings: &defaults { maxDepth: 6, trees: 100, eta: 0.1 }',
        'assert:',
        '  dependsOn:',
        '    include: *chosen',
        '---',
        'kind: config',
        'id: tuned',
        'extends: base',
        'learner:',
        '  settings:',
        '    <<: &tuning { maxDepth: 8, trees: 300 }',
        '    eta: 0.05',
        'threshold: &threshold { value: 0.5, setBy: hand }',
        'resources:',
        '  <<: [{ memoryMb: 4096 }, { cpus: 8, memoryMb: 1 }]',
        '---',
        'kind: config',
        'id: merged',
        'extends: tuned',
        'training: &training',
        '  data: [labels]',
        '  window: &window { from: 2025-01-01, to: 2025-06-30 }',
        'learner:',
        '  settings:',
        '    <<: &base { minLeaf: 20, trees: 400 }',
        '',
      ].join('\n'),
    );
    const loaded = await loadSystem(root);
    const [base, tuned] = loaded.configs;
    assert.deepEqual(base?.doc.features, ['clicks', 'views']);
    assert.deepEqual(base?.doc.assert?.dependsOn?.include, ['clicks', 'views']);
    assert.deepEqual(tuned?.doc.learner?.settings, { maxDepth: 8, trees: 300, eta: 0.05 });
    assert.deepEqual(tuned?.doc.resources, { memoryMb: 4096, cpus: 8 });
    const { configs, problems } = resolveConfigs(loaded);
    assert.deepEqual(problems, []);
    const merged = configs.get('merged');
    assert.ok(merged !== undefined);
    assert.deepEqual(merged.chain, ['base', 'tuned', 'merged']);
    assert.equal(merged.settings.get('learner.settings.trees')?.value, 400);
    assert.deepEqual(merged.settings.get('learner.settings.trees')?.replaced.map((entry) => entry.value), [300, 100]);
    assert.equal(merged.settings.get('learner.settings.maxDepth')?.value, 8);
    assert.equal(merged.settings.get('learner.settings.eta')?.value, 0.05);
    assert.equal(merged.settings.get('learner.settings.minLeaf')?.value, 20);
    assert.equal(merged.settings.get('resources.memoryMb')?.value, 4096);
    assert.equal(merged.settings.get('threshold.setBy')?.value, 'hand');
    assert.equal(merged.settings.get('training.window.to')?.value, '2025-06-30');
    assert.deepEqual(merged.trainingData.map((item) => item.id), ['labels']);
    assert.deepEqual(merged.features.map((item) => item.id), ['clicks', 'views']);
  });

  it('rejects an alias to an anchor of another config document', async () => {
    await rejects('kind: config\nid: base\nlearner:\n  settings: &defaults { maxDepth: 6 }\n---\nkind: config\nid: child\nextends: base\nlearner:\n  settings:\n    <<: *defaults\n', [
      { line: 11, column: 18, message: 'YAML syntax error: unidentified alias "defaults"' },
    ]);
  });
});

describe('a huge config', () => {
  it('loads and resolves a config of 5,000 features and a child that changes 1,000 of them', async () => {
    const count = 5000;
    const root = path.join(scratch, 'huge');
    await mkdir(root, { recursive: true });
    const features = Array.from({ length: count }, (_, index) => `kind: feature\nid: f${index}\ninputs: [events]\n`);
    await writeFile(path.join(root, 'system.yaml'), ['kind: source\nid: events\n', ...features].join('---\n'));
    const ids = Array.from({ length: count }, (_, index) => `f${index}`);
    const removed = ids.slice(0, 500);
    const reversioned = ids.slice(500, 1000).map((id) => `${id}@2`);
    const settings = Array.from({ length: 200 }, (_, index) => `    s${index}: ${index}\n`).join('');
    await writeFile(
      path.join(root, 'configs.yaml'),
      `kind: config\nid: big\nfeatures:\n${ids.map((id) => `  - ${id}\n`).join('')}learner:\n  settings:\n${settings}` +
        `---\nkind: config\nid: child\nextends: big\nfeatures-: [${removed.join(', ')}]\nfeatures+: [${reversioned.join(', ')}]\nlearner:\n  settings: { s0: changed }\n`,
    );
    const loaded = await loadSystem(root);
    const { configs, problems } = resolveConfigs(loaded);
    assert.deepEqual(problems, []);
    assert.equal(configs.get('big')?.features.length, count);
    assert.equal(configs.get('big')?.settings.size, 200);
    const child = configs.get('child');
    assert.ok(child !== undefined);
    assert.equal(child.features.length, count - 500);
    assert.equal(child.features[0]?.id, 'f500');
    assert.equal(child.features[0]?.version, '2');
    assert.deepEqual(child.features[0]?.addedBy, { config: 'child', path: ['features+', 0] });
    assert.equal(child.features[count - 501]?.id, `f${count - 1}`);
    assert.equal(child.settings.get('learner.settings.s0')?.value, 'changed');
    assert.equal(child.settings.get('learner.settings.s199')?.value, 199);
  });
});
