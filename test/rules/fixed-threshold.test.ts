import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FieldLocator } from '../../src/check/field-locator.js';
import { resolveRuleSettings } from '../../src/check/rule-settings.js';
import { runRules } from '../../src/check/run-rules.js';
import type { Problem } from '../../src/errors.js';
import { emptyEvidence } from '../../src/evidence/load-evidence.js';
import { parseThreshold, type ThresholdDoc } from '../../src/evidence/threshold.js';
import { buildGraph } from '../../src/graph/build-graph.js';
import { parseManifests } from '../../src/manifest/load-system.js';
import { rule } from '../../src/rules/fixed-threshold.js';
import { runRuleTests } from '../../src/testing/rule-tester.js';

runRuleTests(rule, {
  valid: [{ name: 'no threshold', manifest: 'kind: model\nid: ranker\n' }],
  invalid: [
    {
      name: 'set by hand',
      manifest: 'kind: model\nid: spam\nowner: trust\nthreshold:\n  value: 0.7\n  setBy: hand\n',
      errors: [{ messageId: 'setByHand', node: 'spam', line: 4, message: '0.7' }],
    },
    {
      name: 'learned but no evidence at all',
      manifest: 'kind: model\nid: spam\nversion: 3\nthreshold: { setBy: learned }\n',
      errors: [{ messageId: 'learnedWithoutEvidence', node: 'spam', line: 4, message: 'version 3' }],
    },
    {
      name: 'learned, naming objective and data, is no longer enough without evidence',
      manifest: 'kind: model\nid: spam\nthreshold: { setBy: learned, objective: "recall@precision>=0.95", learnedOn: spam_validation }\n',
      errors: [{ messageId: 'learnedWithoutEvidence', node: 'spam', line: 3 }],
    },
  ],
});

const learned = (over: Partial<ThresholdDoc> = {}): ThresholdDoc => ({
  format: 'paydown.threshold/v1',
  model: 'spam',
  modelVersion: '3',
  objective: 'max-recall@precision>=0.9',
  threshold: 0.62,
  interval: { low: 0.58, high: 0.66, level: 0.95 },
  learnedOn: 'spam-validation.csv',
  createdAt: '2026-11-20T10:00:00Z',
  ...over,
});

function findings(manifest: string, docs: readonly ThresholdDoc[]): { messageId: string; line: number | undefined; message: string }[] {
  const problems: Problem[] = [];
  const thresholds = docs.flatMap((doc) => parseThreshold(doc, 'spam.threshold.json', problems) ?? []);
  assert.deepEqual(problems, []);
  const system = parseManifests('.', [{ file: 'system.yaml', text: manifest }]);
  const evidence = { ...emptyEvidence, thresholds };
  const enabled = resolveRuleSettings([rule], { preset: 'strict', rules: { [rule.meta.id]: [rule.meta.severity, {}] } });
  return runRules(enabled, { system, graph: buildGraph(system, evidence), evidence, today: '2026-11-23', locator: new FieldLocator(system.texts) }).map((finding) => ({
    messageId: finding.messageId,
    line: finding.location.line,
    message: finding.message,
  }));
}

describe('fixed-threshold with learned-threshold evidence', () => {
  const model = (version: number, value = ''): string => `kind: model\nid: spam\nversion: ${version}\nthreshold: { setBy: learned${value} }\n`;

  it('is satisfied by evidence for the current version', () => {
    assert.deepEqual(findings(model(3), [learned()]), []);
    assert.deepEqual(findings(model(3, ', value: 0.62'), [learned()]), []);
  });

  it('reports evidence learned for another version, naming both versions', () => {
    const found = findings(model(4), [learned(), learned({ modelVersion: '2', createdAt: '2026-12-01T00:00:00Z' })]);
    assert.equal(found.length, 1);
    assert.equal(found[0].messageId, 'learnedForOtherVersion');
    assert.match(found[0].message, /version 4.*learned for version 2/);
  });

  it('ignores evidence about other models', () => {
    assert.deepEqual(findings(model(3), [learned({ model: 'ctr' })]).map((f) => f.messageId), ['learnedWithoutEvidence']);
  });

  it('reports a declared value that differs from the learned one, at the value', () => {
    const found = findings('kind: model\nid: spam\nversion: 3\nthreshold:\n  setBy: learned\n  value: 0.5\n', [learned()]);
    assert.deepEqual(found.map((f) => f.messageId), ['valueDiffers']);
    assert.equal(found[0].line, 6);
    assert.match(found[0].message, /0\.5.*0\.62/);
  });

  it('uses the newest evidence for the version', () => {
    const older = learned({ threshold: 0.5, createdAt: '2026-10-01T00:00:00Z' });
    assert.deepEqual(findings(model(3, ', value: 0.62'), [learned(), older]), []);
  });

  it('still reports a hand-set threshold even when evidence exists', () => {
    assert.deepEqual(findings('kind: model\nid: spam\nversion: 3\nthreshold: { setBy: hand, value: 0.62 }\n', [learned()]).map((f) => f.messageId), ['setByHand']);
  });
});
