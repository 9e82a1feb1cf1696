import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diffConfigs, formatDiffJson, formatDiffMarkdown, formatDiffText } from '../../src/config/diff-configs.js';
import { renderDiffHtml } from '../../src/config/render-diff-html.js';
import { PaydownError } from '../../src/errors.js';
import { configSystem, dataManifest } from './config-fixture.js';

describe('diffConfigs', () => {
  const system = configSystem();
  const diff = diffConfigs(system, 'ctr-base', 'ctr-v9');

  it('finds features re-versioned, added and removed, with who set them', () => {
    const byId = new Map(diff.features.map((change) => [change.id, change]));
    const ctr = byId.get('ctr_7d');
    assert.equal(ctr?.change, 'reversioned');
    assert.equal(ctr?.before?.version, '1');
    assert.equal(ctr?.after?.version, '2');
    assert.equal(ctr?.after?.addedBy.config, 'ctr-v8');
    assert.deepEqual(ctr?.after?.addedBy.location, { file: 'sys/configs/v8.yaml', line: 4, column: 13 });
    assert.equal(byId.get('geo_region')?.change, 'added');
    assert.equal(byId.get('user_age')?.change, 'removed');
    assert.equal(byId.get('user_age')?.before?.addedBy.config, 'ctr-base');
    assert.equal(diff.features.length, 3);
    assert.deepEqual(diff.trainingData, []);
  });

  it('finds settings changed, old → new, each new value with its config and line', () => {
    assert.deepEqual(
      diff.settings.map((change) => [change.key, change.change, change.before?.value, change.after?.value, change.after?.setBy.config]),
      [
        ['learner.settings.learningRate', 'changed', 0.1, 0.05, 'ctr-v9'],
        ['learner.settings.maxDepth', 'changed', 6, 8, 'ctr-v8'],
      ],
    );
    assert.deepEqual(diff.settings[1].after?.setBy.location, { file: 'sys/configs/v8.yaml', line: 8, column: 5 });
  });

  it('finds the sources and owners newly depended on, and those dropped', () => {
    assert.deepEqual(diff.dependencies.added.map((node) => [node.id, node.kind, node.owner]), [
      ['geo_region', 'feature', 'geo-team'],
      ['geo_db', 'source', 'geo-team'],
    ]);
    assert.deepEqual(diff.dependencies.removed.map((node) => node.id), ['user_age', 'user_table']);
    assert.deepEqual(diff.dependencies.newOwners, ['geo-team']);
    assert.deepEqual(diff.dependencies.droppedOwners, ['identity-team']);
    assert.equal(diff.identical, false);
  });

  it('sees training data changes and the new sources they bring', () => {
    const changed = configSystem('sys', {
      'configs/v9.yaml': 'kind: config\nid: ctr-v9\nextends: ctr-v8\ntraining:\n  data+: [user_table]\n  data-: [click_log]\n',
    });
    const result = diffConfigs(changed, 'ctr-v8', 'ctr-v9');
    assert.deepEqual(result.trainingData.map((change) => [change.id, change.change]), [
      ['click_log', 'removed'],
      ['user_table', 'added'],
    ]);
    assert.deepEqual(result.dependencies.added.map((node) => node.id), ['user_table']);
    assert.deepEqual(result.dependencies.newOwners, ['identity-team']);
    assert.deepEqual(result.dependencies.removed, [], 'click_log is still read through ctr_7d');
  });

  it('reports no difference between a config and itself', () => {
    const same = diffConfigs(system, 'ctr-v8', 'ctr-v8');
    assert.equal(same.identical, true);
    assert.match(formatDiffText(same, { color: false }), /no semantic difference/);
  });

  it('rejects an unknown config with a did-you-mean', () => {
    assert.throws(() => diffConfigs(system, 'ctr-bsae', 'ctr-v8'), (error: unknown) => error instanceof PaydownError && /did you mean 'ctr-base'/.test(error.message));
  });

  it('renders text with marks and who set each change', () => {
    const text = formatDiffText(diff, { color: false });
    assert.match(text, /^config ctr-base → ctr-v9\n/);
    assert.match(text, /~ ctr_7d +@1 → @2 +ctr-v8 sys\/configs\/v8\.yaml:4:13/);
    assert.match(text, /~ learner\.settings\.maxDepth +6 → 8 +ctr-v8 sys\/configs\/v8\.yaml:8:5/);
    assert.match(text, /\+ geo_db +source +owner geo-team/);
    assert.match(text, /newly depended on owners: geo-team/);
  });

  it('renders Markdown tables with every cell escaped', () => {
    const tricky = configSystem('sys', {
      'data.yaml': dataManifest.replace('id: geo_db\nowner: geo-team', 'id: geo_db\nowner: "<team|*x*>"'),
      'configs/v9.yaml': 'kind: config\nid: ctr-v9\nextends: ctr-v8\nlearner:\n  settings:\n    objective: "<script>|`x`"\n',
    });
    const markdown = formatDiffMarkdown(diffConfigs(tricky, 'ctr-base', 'ctr-v9'));
    assert.ok(markdown.startsWith('<!-- paydown:config-diff -->\n## Config diff: ctr-base → ctr-v9'));
    assert.match(markdown, /\| change \| id \| before \| after \| set by \|\n\|---\|---\|---\|---\|---\|/);
    assert.ok(markdown.includes('| reversioned | ctr\\_7d | @1 | @2 | ctr-v8 (sys/configs/v8.yaml:4:13) |'), markdown);
    assert.ok(markdown.includes('| newly depended on | geo\\_db | source | &lt;team\\|\\*x\\*&gt; |'), markdown);
    assert.ok(markdown.includes('| learner.settings.objective | _unset_ | &lt;script&gt;\\|\\`x\\` |'), markdown);
    assert.ok(!markdown.includes('<script>'));
    assert.ok(markdown.includes('**Owners newly depended on:** &lt;team\\|\\*x\\*&gt;, geo-team'), markdown);
    for (const table of markdown.split('\n\n').filter((block) => block.startsWith('|'))) {
      const widths = table.split('\n').map((line) => line.replace(/\\\|/g, '').split('|').length);
      assert.equal(new Set(widths).size, 1, `every row has the header's cells:\n${table}`);
    }
  });

  it('renders JSON with both sides and every change', () => {
    const parsed = JSON.parse(formatDiffJson(diff)) as { from: { id: string }; to: { id: string }; dependencies: { newOwners: string[] } };
    assert.equal(parsed.from.id, 'ctr-base');
    assert.equal(parsed.to.id, 'ctr-v9');
    assert.deepEqual(parsed.dependencies.newOwners, ['geo-team']);
  });

  it('renders self-contained, escaped HTML with changed rows marked', () => {
    const html = renderDiffHtml(diff);
    assert.ok(html.startsWith('<!doctype html>'));
    assert.ok(!/(src|href)=["']?https?:/.test(html), 'no remote assets');
    assert.ok(!html.includes('<script'), 'no scripts');
    assert.match(html, /<tr class="changed" data-state="changed"><th scope="row">learner\.settings\.maxDepth<\/th><td class="left"><code>6<\/code>/);
    assert.match(html, /<tr class="added" data-state="added"><th scope="row">geo_db<\/th>/);
    const escaped = renderDiffHtml(diff, { title: '<img src=x onerror=alert(1)>' });
    assert.ok(!escaped.includes('<img'));
    assert.ok(escaped.includes('&lt;img src=x onerror=alert(1)&gt;'));
  });
});
