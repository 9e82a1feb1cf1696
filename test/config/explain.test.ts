import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { explainConfig, formatExplanationJson, formatExplanationText } from '../../src/config/explain-config.js';
import { PaydownError } from '../../src/errors.js';
import { configSystem } from './config-fixture.js';

describe('explainConfig', () => {
  const system = configSystem();

  it('shows the chain with where each config is declared', () => {
    const explanation = explainConfig(system, 'ctr-v9');
    assert.deepEqual(explanation.chain.map((link) => link.id), ['ctr-base', 'ctr-v8', 'ctr-v9']);
    assert.deepEqual(explanation.chain[1].location, { file: 'sys/configs/v8.yaml', line: 1, column: 1 });
  });

  it('annotates an inherited value with the ancestor, file and line that set it', () => {
    const explanation = explainConfig(system, 'ctr-v8');
    const rate = explanation.settings.find((setting) => setting.key === 'learner.settings.learningRate');
    assert.ok(rate);
    assert.equal(rate.value, 0.1);
    assert.equal(rate.setBy.config, 'ctr-base');
    assert.equal(rate.setBy.field, 'learner.settings.learningRate');
    assert.deepEqual(rate.setBy.location, { file: 'sys/configs/base.yaml', line: 12, column: 5 });
    assert.deepEqual(rate.overrides, []);
  });

  it('annotates an overridden value with its own place and the value it replaced', () => {
    const explanation = explainConfig(system, 'ctr-v8');
    const depth = explanation.settings.find((setting) => setting.key === 'learner.settings.maxDepth');
    assert.ok(depth);
    assert.equal(depth.value, 8);
    assert.deepEqual(depth.setBy.location, { file: 'sys/configs/v8.yaml', line: 8, column: 5 });
    assert.equal(depth.overrides.length, 1);
    assert.equal(depth.overrides[0].value, 6);
    assert.equal(depth.overrides[0].setBy.config, 'ctr-base');
    assert.deepEqual(depth.overrides[0].setBy.location, { file: 'sys/configs/base.yaml', line: 11, column: 5 });
  });

  it('annotates features with who added them and the version a re-declaration replaced', () => {
    const explanation = explainConfig(system, 'ctr-v8');
    assert.deepEqual(explanation.features.map((item) => `${item.id}@${item.version ?? '*'}`), ['ctr_7d@2', 'geo_region@*']);
    const ctr = explanation.features[0];
    assert.equal(ctr.addedBy.config, 'ctr-v8');
    assert.equal(ctr.addedBy.field, 'features+[0]');
    assert.deepEqual(ctr.addedBy.location, { file: 'sys/configs/v8.yaml', line: 4, column: 13 });
    assert.equal(ctr.overrides?.version, '1');
    assert.equal(ctr.overrides?.addedBy.config, 'ctr-base');
    assert.deepEqual(ctr.overrides?.addedBy.location, { file: 'sys/configs/base.yaml', line: 5, column: 12 });
    assert.equal(explanation.trainingData[0].addedBy.config, 'ctr-base');
  });

  it('renders aligned text with file:line:column and what was overridden', () => {
    const text = formatExplanationText(explainConfig(system, 'ctr-v8'), { color: false });
    assert.match(text, /^config ctr-v8\n/);
    assert.match(text, /chain: ctr-base \(sys\/configs\/base\.yaml:1:1\) → ctr-v8 \(sys\/configs\/v8\.yaml:1:1\)/);
    const depth = text.split('\n').find((line) => line.includes('learner.settings.maxDepth'));
    assert.ok(depth);
    assert.match(depth, /8 +ctr-v8 +sys\/configs\/v8\.yaml:8:5 +overrides 6 from ctr-base \(sys\/configs\/base\.yaml:11:5\)/);
    const settingLines = text.split('\n').filter((line) => /^ {2}(learner|model|purpose)/.test(line));
    assert.ok(settingLines.length >= 4);
    const starts = new Set(settingLines.map((line) => /^ {2}\S+ +/.exec(line)![0].length));
    assert.equal(starts.size, 1, `values aligned:\n${settingLines.join('\n')}`);
    assert.match(text, /ctr_7d +@2 +ctr-v8 +sys\/configs\/v8\.yaml:4:13 +overrides @1 from ctr-base/);
  });

  it('renders JSON that round-trips', () => {
    const parsed = JSON.parse(formatExplanationJson(explainConfig(system, 'ctr-v9'))) as { id: string; settings: Array<{ key: string; value: unknown }> };
    assert.equal(parsed.id, 'ctr-v9');
    assert.equal(parsed.settings.find((setting) => setting.key === 'learner.settings.learningRate')?.value, 0.05);
  });

  it('rejects an unknown config with a did-you-mean', () => {
    assert.throws(() => explainConfig(system, 'ctr-v88'), (error: unknown) => error instanceof PaydownError && /unknown config 'ctr-v88' \(did you mean 'ctr-v8'\?\)/.test(error.message));
    assert.throws(() => explainConfig(system, 'ctr_model'), (error: unknown) => error instanceof PaydownError && /is a model, not a config/.test(error.message));
  });
});
