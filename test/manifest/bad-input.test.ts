import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { check } from '../../src/check/check.js';
import { PaydownError, type PaydownErrorCode, type Problem } from '../../src/errors.js';
import { loadEvidence } from '../../src/evidence/load-evidence.js';
import { loadSystem } from '../../src/manifest/load-system.js';

const bin = fileURLToPath(new URL('../../../bin/paydown.js', import.meta.url));
const scratch = await mkdtemp(path.join(tmpdir(), 'paydown-bad-input-'));
after(() => rm(scratch, { recursive: true, force: true }));

let counter = 0;

/** Writes files (path → text) into a fresh directory and returns it. */
async function system(files: Readonly<Record<string, string>>): Promise<string> {
  const root = path.join(scratch, `case-${counter++}`);
  await mkdir(root, { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, name)), { recursive: true });
    await writeFile(path.join(root, name), text);
  }
  return root;
}

interface ExpectedProblem {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  readonly message: RegExp;
}

/** Runs `action`, which must throw a PaydownError with this code and exactly these problems. */
async function rejects(action: () => unknown, code: PaydownErrorCode, expected: readonly ExpectedProblem[]): Promise<PaydownError> {
  let caught: unknown;
  try {
    await action();
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof PaydownError, `expected a PaydownError, got ${String(caught)}`);
  assert.equal(caught.code, code, caught.message);
  const summary = (problem: Problem): string => `${problem.location?.file}:${problem.location?.line}:${problem.location?.column} ${problem.message}`;
  assert.equal(caught.problems.length, expected.length, caught.problems.map(summary).join('\n'));
  expected.forEach((want, index) => {
    const problem = caught.problems[index];
    assert.equal(problem.location?.file, want.file, summary(problem));
    assert.equal(problem.location?.line, want.line, summary(problem));
    assert.equal(problem.location?.column, want.column, summary(problem));
    assert.match(problem.message, want.message);
  });
  return caught;
}

describe('bad manifests', () => {
  it('reports a YAML syntax error at its line and column', async () => {
    const root = await system({ 'sources.yaml': 'kind: source\nid: clicks\n  owner: ads\n' });
    await rejects(() => loadSystem(root), 'PAYDOWN_MANIFEST_INVALID', [
      { file: path.join(root, 'sources.yaml'), line: 3, column: 8, message: /^YAML syntax error: bad indentation of a mapping entry/ },
    ]);
  });

  it('reports an unclosed flow list at the end of the file', async () => {
    const root = await system({ 'features.yaml': 'kind: feature\nid: ctr_7d\ninputs: [clicks\n' });
    await rejects(() => loadSystem(root), 'PAYDOWN_MANIFEST_INVALID', [
      { file: path.join(root, 'features.yaml'), line: 4, column: 1, message: /^YAML syntax error: unexpected end of the stream within a flow collection/ },
    ]);
  });

  it('names an unknown field and suggests the closest one', async () => {
    const root = await system({ 'sources.yaml': 'kind: source\nid: clicks\nownr: ads\n' });
    await rejects(() => loadSystem(root), 'PAYDOWN_MANIFEST_INVALID', [
      { file: path.join(root, 'sources.yaml'), line: 3, column: 1, message: /^source 'clicks': unknown field 'ownr' \(did you mean 'owner'\?\)/ },
    ]);
  });

  it('points at a nested unknown field in a later document', async () => {
    const root = await system({ 'models.yaml': 'kind: source\nid: clicks\n---\nkind: model\nid: ctr\nthreshold:\n  setBy: hand\n  vaule: 0.5\n' });
    await rejects(() => loadSystem(root), 'PAYDOWN_MANIFEST_INVALID', [
      { file: path.join(root, 'models.yaml'), line: 8, column: 3, message: /^model 'ctr': unknown field 'vaule' \(did you mean 'value'\?\) at threshold\.vaule$/ },
    ]);
  });

  it('says which type a field expects', async () => {
    const root = await system({ 'features.yaml': 'kind: feature\nid: ctr_7d\ninputs: 3\n' });
    await rejects(() => loadSystem(root), 'PAYDOWN_MANIFEST_INVALID', [
      { file: path.join(root, 'features.yaml'), line: 3, column: 1, message: /^feature 'ctr_7d': expected array at inputs$/ },
    ]);
  });

  it('lists the allowed values when a value is not one of them', async () => {
    const root = await system({ 'models.yaml': 'kind: model\nid: ctr\nthreshold:\n  value: 0.5\n  setBy: manual\n' });
    await rejects(() => loadSystem(root), 'PAYDOWN_MANIFEST_INVALID', [
      { file: path.join(root, 'models.yaml'), line: 5, column: 3, message: /^model 'ctr': expected one of "hand", "learned" at threshold\.setBy$/ },
    ]);
  });

  it('names a missing required field at the document', async () => {
    const root = await system({ 'consumers.yaml': '# the billing service\nkind: consumer\nid: billing\n' });
    await rejects(() => loadSystem(root), 'PAYDOWN_MANIFEST_INVALID', [
      { file: path.join(root, 'consumers.yaml'), line: 2, column: 1, message: /^consumer 'billing': missing required field 'reads'$/ },
    ]);
  });

  it('suggests a kind for an unknown one', async () => {
    const root = await system({ 'x.yaml': 'kind: sorce\nid: clicks\n' });
    await rejects(() => loadSystem(root), 'PAYDOWN_MANIFEST_INVALID', [
      { file: path.join(root, 'x.yaml'), line: 1, column: 1, message: /^unknown kind 'sorce' \(did you mean 'source'\?\); expected one of source, feature/ },
    ]);
  });

  it('names both places of a duplicate id across two files', async () => {
    const root = await system({
      'a.yaml': 'kind: source\nid: clicks\n',
      'b.yaml': '# more\nkind: feature\nid: other\n---\nkind: feature\nid: clicks\ninputs: [other]\n',
    });
    await rejects(() => loadSystem(root), 'PAYDOWN_MANIFEST_INVALID', [
      {
        file: path.join(root, 'b.yaml'),
        line: 5,
        column: 1,
        message: new RegExp(`^duplicate id 'clicks': feature here, source already declared at ${escape(path.join(root, 'a.yaml'))}:1:1$`),
      },
    ]);
  });

  it('rejects a reference to an object of the wrong kind at the field', async () => {
    const root = await system({ 'system.yaml': 'kind: source\nid: clicks\n---\nkind: output\nid: ctr_scores\nmodel: clicks\n' });
    await rejects(() => loadSystem(root), 'PAYDOWN_MANIFEST_INVALID', [
      { file: path.join(root, 'system.yaml'), line: 6, column: 1, message: /^output 'ctr_scores': model refers to source 'clicks', expected a model$/ },
    ]);
  });

  it('rejects a document that is not a mapping', async () => {
    const root = await system({ 'x.yaml': 'kind: source\nid: clicks\n---\n- a\n- b\n' });
    await rejects(() => loadSystem(root), 'PAYDOWN_MANIFEST_INVALID', [
      { file: path.join(root, 'x.yaml'), line: 4, column: 1, message: /^expected a mapping with `kind` and `id`, found a list$/ },
    ]);
  });

  it('reports every problem of every file in one error', async () => {
    const root = await system({ 'a.yaml': 'kind: source\nid: a\nownr: x\n', 'b.yaml': 'kind: source\nid: [\n' });
    const error = await rejects(() => loadSystem(root), 'PAYDOWN_MANIFEST_INVALID', [
      { file: path.join(root, 'a.yaml'), line: 3, column: 1, message: /unknown field 'ownr'/ },
      { file: path.join(root, 'b.yaml'), line: 3, column: 1, message: /^YAML syntax error/ },
    ]);
    assert.match(error.message, /has 2 problems$/);
  });
});

describe('bad directories and files', () => {
  it('rejects an empty directory', async () => {
    const root = await system({});
    await rejects(() => loadSystem(root), 'PAYDOWN_SYSTEM_EMPTY', [{ file: root, message: /expected at least one YAML manifest/ }]);
  });

  it('rejects a directory whose manifests hold only comments', async () => {
    const root = await system({ 'a.yaml': '# nothing yet\n', 'b.yml': '---\n# still nothing\n...\n' });
    await rejects(() => loadSystem(root), 'PAYDOWN_SYSTEM_EMPTY', [{ file: root, message: /expected documents with a kind and an id/ }]);
  });

  it('rejects a missing directory', async () => {
    const root = path.join(scratch, 'does-not-exist');
    const error = await rejects(() => loadSystem(root), 'PAYDOWN_SYSTEM_NOT_FOUND', [{ file: root, message: /expected the folder holding the YAML manifests/ }]);
    assert.match(error.message, /system directory not found/);
  });

  it('rejects a file given as the system directory', async () => {
    const root = await system({ 'a.yaml': 'kind: source\nid: a\n' });
    await rejects(() => loadSystem(path.join(root, 'a.yaml')), 'PAYDOWN_SYSTEM_NOT_FOUND', [{ file: path.join(root, 'a.yaml'), message: /expected a directory/ }]);
  });

  it('reports a manifest path that is a directory', async () => {
    const root = await system({ 'a.yaml': 'kind: source\nid: a\n' });
    await mkdir(path.join(root, 'x.yaml'));
    await rejects(() => loadSystem(root), 'PAYDOWN_MANIFEST_INVALID', [{ file: path.join(root, 'x.yaml'), message: /^cannot read the file \(EISDIR: it is a directory\)$/ }]);
  });

  it('reports a dangling symbolic link', async () => {
    const root = await system({ 'a.yaml': 'kind: source\nid: a\n' });
    await symlink(path.join(root, 'gone.yaml'), path.join(root, 'link.yaml'));
    await rejects(() => loadSystem(root), 'PAYDOWN_MANIFEST_INVALID', [{ file: path.join(root, 'link.yaml'), message: /^cannot read the file \(ENOENT/ }]);
  });

  it('follows a symbolic link to a manifest', async () => {
    const root = await system({ 'real/a.yaml': 'kind: source\nid: a\n' });
    const linked = await system({});
    await symlink(path.join(root, 'real', 'a.yaml'), path.join(linked, 'a.yaml'));
    const loaded = await loadSystem(linked);
    assert.deepEqual([...loaded.objects.keys()], ['a']);
  });
});

describe('YAML anchors and merge keys', () => {
  it('resolves aliases and merge keys inside a document', async () => {
    const root = await system({
      'system.yaml': [
        'kind: source',
        'id: clicks',
        'owner: &team ads-ranking',
        '---',
        'kind: feature',
        'id: ctr_7d',
        '<<: { owner: ads-ranking, description: shared description }',
        'inputs: &reads [clicks]',
        'tags: *reads',
        '---',
        'kind: model',
        'id: ctr',
        '<<: [{ owner: growth }, { description: ranks ads, owner: ignored }]',
        'inputs: [ctr_7d]',
        'training:',
        '  window: &window { from: 2025-01-01, to: 2025-06-30 }',
        '',
      ].join('\n'),
    });
    const loaded = await loadSystem(root);
    const feature = loaded.features[0];
    assert.deepEqual(feature.doc, { kind: 'feature', id: 'ctr_7d', owner: 'ads-ranking', description: 'shared description', inputs: ['clicks'], tags: ['clicks'] });
    const model = loaded.models[0];
    assert.equal(model.doc.owner, 'growth');
    assert.equal(model.doc.description, 'ranks ads');
    assert.deepEqual(model.doc.training?.window, { from: '2025-01-01', to: '2025-06-30' });
    assert.deepEqual(model.location, { file: path.join(root, 'system.yaml'), line: 11, column: 1 });
  });

  it('reports an alias to an anchor of another document', async () => {
    const root = await system({ 'x.yaml': 'kind: source\nid: a\nowner: &team ads\n---\nkind: source\nid: b\nowner: *team\n' });
    await rejects(() => loadSystem(root), 'PAYDOWN_MANIFEST_INVALID', [
      { file: path.join(root, 'x.yaml'), line: 7, column: 13, message: /^YAML syntax error: unidentified alias "team"/ },
    ]);
  });
});

describe('bad evidence', () => {
  it('reports bad JSON in OpenLineage lines with line and column', async () => {
    const root = await system({
      'lineage.jsonl': [
        '{"eventType":"COMPLETE","job":{"namespace":"airflow","name":"a"}}',
        '',
        '  {"eventType":"COMPLETE","job":{"namespace":"airflow" "name":"b"}}',
        '{"eventType":"COMPLETE","job":{"namespace":"airflow","name":"c"},}',
      ].join('\n'),
    });
    const file = path.join(root, 'lineage.jsonl');
    await rejects(() => loadEvidence([file]), 'PAYDOWN_EVIDENCE_INVALID', [
      { file, line: 3, column: 56, message: /^not a JSON object: / },
      { file, line: 4, column: 66, message: /^not a JSON object: / },
    ]);
  });

  it('reports an OpenLineage event without a job', async () => {
    const root = await system({ 'lineage.jsonl': '{"eventType":"COMPLETE","job":{"namespace":"a","name":"b"}}\n{"eventType":"START","inputs":[]}\n' });
    const file = path.join(root, 'lineage.jsonl');
    await rejects(() => loadEvidence([file]), 'PAYDOWN_EVIDENCE_INVALID', [
      { file, line: 2, column: 1, message: /^not an OpenLineage run event: missing required field 'job'$/ },
    ]);
  });

  it('points at a bad field of an OpenLineage event', async () => {
    const root = await system({ 'lineage.ndjson': '{"eventType":"COMPLETE","job":{"namespace":"a","name":"b"},"inputs":[{"namespace":"s3","name":""}]}\n' });
    const file = path.join(root, 'lineage.ndjson');
    await rejects(() => loadEvidence([file]), 'PAYDOWN_EVIDENCE_INVALID', [
      { file, line: 1, column: 88, message: /^not an OpenLineage run event: must NOT have fewer than 1 characters at inputs\.0\.name$/ },
    ]);
  });

  it('points at the field of a bad importance file', async () => {
    const text = `${JSON.stringify({ format: 'paydown.importance/v1', model: 'ctr', metric: 'auc', results: [{ feature: 'a', drop: { mean: 'high' } }] }, null, 2)}\n`;
    const root = await system({ 'ctr-lofo.json': text });
    const file = path.join(root, 'ctr-lofo.json');
    await rejects(() => loadEvidence([file]), 'PAYDOWN_EVIDENCE_INVALID', [
      { file, line: 9, column: 9, message: /^not importance evidence: expected number at results\.0\.drop\.mean$/ },
    ]);
  });

  it('reports an importance file of the wrong format', async () => {
    const root = await system({ 'lofo.json': '{\n  "format": "other/v2",\n  "model": "ctr",\n  "metric": "auc",\n  "results": []\n}\n' });
    const file = path.join(root, 'lofo.json');
    await rejects(() => loadEvidence([file]), 'PAYDOWN_EVIDENCE_INVALID', [
      { file, line: 2, column: 3, message: /^not importance evidence: expected one of "paydown\.importance\/v1" at format$/ },
    ]);
  });

  it('reports an importance file that is not JSON with line and column', async () => {
    const root = await system({ 'lofo.json': '{\n  "format": "paydown.importance/v1",\n  "model": ctr\n}\n' });
    const file = path.join(root, 'lofo.json');
    await rejects(() => loadEvidence([file]), 'PAYDOWN_EVIDENCE_INVALID', [{ file, line: 3, column: 12, message: /^not JSON: / }]);
  });

  it('reports a missing evidence file', async () => {
    const file = path.join(scratch, 'no-such-lineage.jsonl');
    await rejects(() => loadEvidence([file]), 'PAYDOWN_EVIDENCE_INVALID', [{ file, message: /^cannot read evidence file \(ENOENT\)$/ }]);
  });
});

describe('bad project config and suppressions', () => {
  it('points at an unknown rule in paydown.config.yaml', async () => {
    const root = await system({
      'paydown.config.yaml': 'preset: recommended\nrules:\n  fixed-threshold: error\n  dangling-referense: warn\n',
      'a.yaml': 'kind: source\nid: a\n',
    });
    const loaded = await loadSystem(root);
    await rejects(() => check(loaded), 'PAYDOWN_CONFIG_INVALID', [
      { file: path.join(root, 'paydown.config.yaml'), line: 4, column: 3, message: /^unknown rule 'dangling-referense' \(did you mean 'dangling-reference'\?\)$/ },
    ]);
  });

  it('points at invalid rule options in paydown.config.yaml', async () => {
    const root = await system({
      'paydown.config.yaml': 'rules:\n  missing-annotation: [warn, { require: [owner, team] }]\n',
      'a.yaml': 'kind: source\nid: a\n',
    });
    const loaded = await loadSystem(root);
    await rejects(() => check(loaded), 'PAYDOWN_CONFIG_INVALID', [
      { file: path.join(root, 'paydown.config.yaml'), line: 2, column: 49, message: /^rule 'missing-annotation' options: expected one of "owner", "description" at require\.1$/ },
    ]);
  });

  it('points at an invalid value in paydown.config.yaml while loading', async () => {
    const root = await system({ 'paydown.config.yaml': 'preset: recommended\ntoday: 1 March\n', 'a.yaml': 'kind: source\nid: a\n' });
    await rejects(() => loadSystem(root), 'PAYDOWN_CONFIG_INVALID', [
      { file: path.join(root, 'paydown.config.yaml'), line: 2, column: 1, message: /^must match pattern .* at today$/ },
    ]);
  });

  it('points at a suppression naming an unknown rule', async () => {
    const root = await system({
      'a.yaml': 'kind: source\nid: a\nowner: ads\nsuppress:\n  - rule: missing-annotation\n    reason: described elsewhere\n  - rule: fixed-treshold\n    reason: not a model\n',
    });
    const loaded = await loadSystem(root);
    await rejects(() => check(loaded), 'PAYDOWN_MANIFEST_INVALID', [
      { file: path.join(root, 'a.yaml'), line: 7, column: 5, message: /^source 'a': suppress names unknown rule 'fixed-treshold' \(did you mean 'fixed-threshold'\?\)$/ },
    ]);
  });
});

describe('paydown check on bad input', () => {
  it('exits 2 and prints file:line:column without a stack trace', async () => {
    const root = await system({ 'models.yaml': 'kind: model\nid: ctr\nthreshold:\n  setBy: manual\n' });
    const env = { ...process.env };
    delete env.PAYDOWN_DEBUG;
    const run = spawnSync(process.execPath, [bin, 'check', root], { encoding: 'utf8', env });
    assert.equal(run.status, 2, run.stderr);
    assert.equal(run.stdout, '');
    assert.ok(run.stderr.includes(`${path.join(root, 'models.yaml')}:4:3: model 'ctr': expected one of "hand", "learned" at threshold.setBy`), run.stderr);
    assert.doesNotMatch(run.stderr, /\n\s+at .+\(.*:\d+:\d+\)|node:internal|PaydownError:/);
  });

  it('exits 2 for a missing directory without a stack trace', () => {
    const root = path.join(scratch, 'nowhere');
    const env = { ...process.env };
    delete env.PAYDOWN_DEBUG;
    const run = spawnSync(process.execPath, [bin, 'check', root], { encoding: 'utf8', env });
    assert.equal(run.status, 2, run.stderr);
    assert.match(run.stderr, /system directory not found/);
    assert.doesNotMatch(run.stderr, /\n\s+at .+:\d+:\d+/);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
