import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { createValidator } from '../../src/manifest/validate-document.js';
import { allRules, rules } from '../../src/rules/index.js';

const root = new URL('../../../', import.meta.url);
const read = (relative: string): string => readFileSync(new URL(relative, root), 'utf8');

const issueRuleIds = [
  'dangling-reference', 'missing-annotation', 'unversioned-signal', 'deprecated-dependency', 'unused-signal',
  'underutilized-feature', 'bundled-features', 'serving-unavailable', 'availability-gap', 'deep-dependency-chain',
  'undeclared-consumer', 'unrestricted-output', 'consumer-without-sla', 'correction-cascade', 'direct-feedback-loop',
  'hidden-feedback-loop', 'fixed-threshold', 'missing-monitoring', 'missing-data-tests', 'stale-experiment',
  'unpinned-training-data', 'plain-old-data-type', 'orphan-pipeline-output',
  'config-unknown-setting', 'config-setting-type', 'config-unused-setting', 'config-redundant-setting',
  'config-undeclared-feature', 'config-deprecated-feature', 'config-excluded-feature', 'config-missing-requirement',
  'config-window-gap', 'config-serving-unavailable', 'config-assertion',
  'correlated-features', 'availability-observed',
];

describe('rule catalogue', () => {
  it('registers exactly the documented rule ids, sorted', () => {
    assert.deepEqual(Object.keys(rules), [...issueRuleIds].sort());
  });

  it('registers every rule file in src/rules', () => {
    const files = readdirSync(new URL('src/rules/', root))
      .filter((name) => name.endsWith('.ts') && !['index.ts', 'rule.ts'].includes(name))
      .map((name) => name.replace(/\.ts$/, ''));
    assert.deepEqual(files.sort(), Object.keys(rules).sort());
  });

  for (const rule of allRules) {
    describe(rule.meta.id, () => {
      it('is registered under its own id', () => {
        assert.equal(rules[rule.meta.id], rule);
      });

      it('has a doc page with every section', () => {
        const page = read(`docs/rules/${rule.meta.id}.md`);
        assert.ok(page.startsWith(`# ${rule.meta.id}\n`), 'the page starts with the rule id as its title');
        for (const section of ['## Why it matters', '## What it checks', '## Options', '## Examples', '## How to fix', '## When to suppress']) {
          assert.ok(page.includes(section), `missing section ${section}`);
        }
      });

      it('has a test file with passing and failing cases', () => {
        const path = `test/rules/${rule.meta.id}.test.ts`;
        assert.ok(existsSync(new URL(path, root)), `${path} exists`);
        const text = read(path);
        assert.match(text, /valid:/);
        assert.match(text, /invalid:/);
      });

      it('has a fix hint for every message and valid default options', () => {
        assert.ok(rule.meta.description.length > 10);
        assert.deepEqual(Object.keys(rule.meta.fixes).sort(), Object.keys(rule.meta.messages).sort());
        assert.deepEqual(createValidator(rule.meta.optionsSchema)(rule.meta.defaultOptions), []);
      });
    });
  }
});
