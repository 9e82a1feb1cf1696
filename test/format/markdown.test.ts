import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CheckResult } from '../../src/check/check.js';
import type { Finding } from '../../src/check/finding.js';
import { escapeCell, formatMarkdown } from '../../src/format/markdown.js';
import { DependencyGraph } from '../../src/graph/graph.js';
import { sampleResult } from './fixture.js';

function syntheticFinding(index: number, overrides: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'missing-annotation',
    messageId: 'missing',
    severity: 'warn',
    message: `feature 'f${index}' has no owner`,
    fix: 'Add `owner:`.',
    nodeId: `f${index}`,
    nodeKind: 'feature',
    location: { file: 'sys/features.yaml', line: index + 1, column: 1 },
    related: [],
    fingerprint: `fp${index}`,
    docs: 'docs/rules/missing-annotation.md',
    ...overrides,
  };
}

function syntheticResult(findings: Finding[]): CheckResult {
  const count = (severity: Finding['severity']): number => findings.filter((finding) => finding.severity === severity).length;
  return {
    root: 'sys',
    today: '2025-01-15',
    findings,
    suppressed: [],
    baselined: [],
    summary: { errors: count('error'), warnings: count('warn'), infos: count('info'), suppressed: 0, baselined: 0, rulesRun: 3 },
    graph: new DependencyGraph(),
    exitCode: count('error') > 0 ? 1 : 0,
  };
}

describe('formatMarkdown', () => {
  it('gives a failing verdict and a summary table when errors remain', () => {
    const result = sampleResult();
    const text = formatMarkdown(result);
    assert.match(text, /^## ❌ /m);
    assert.match(text, /\| errors \| warnings \| info \| suppressed \| baselined \|/);
    const { errors, warnings, infos, suppressed, baselined } = result.summary;
    assert.ok(text.includes(`| ${errors} | ${warnings} | ${infos} | ${suppressed} | ${baselined} |`));
  });

  it('lists findings worst first with a linked rule, node, file:line, message and fix', () => {
    const text = formatMarkdown(sampleResult());
    const rows = text.split('\n').filter((line) => line.startsWith('| 🔴') || line.startsWith('| 🟡'));
    assert.ok(rows.length >= 3);
    assert.ok(rows[0].startsWith('| 🔴 error'));
    assert.match(rows[0], /\[dangling-reference\]\([^)]*docs\/rules\/dangling-reference\.md\)/);
    assert.match(rows[0], /ctr\\_7d/);
    assert.match(rows[0], /sys\/data\.yaml:11/);
    const firstWarning = rows.findIndex((row) => row.startsWith('| 🟡'));
    assert.ok(rows.slice(firstWarning).every((row) => row.startsWith('| 🟡')));
  });

  it('mentions suppressed findings with their reasons', () => {
    assert.match(formatMarkdown(sampleResult()), /suppressed finding[\s\S]*owned by the ctr model team/);
  });

  it('passes a clean check', () => {
    const text = formatMarkdown(syntheticResult([]));
    assert.match(text, /^## ✅ paydown: no findings$/m);
    assert.ok(!text.includes('| severity |'));
  });

  it('passes with warnings only', () => {
    assert.match(formatMarkdown(syntheticResult([syntheticFinding(0)])), /^## ✅ /m);
  });

  it('escapes pipes and backticks so the table holds', () => {
    const text = formatMarkdown(syntheticResult([syntheticFinding(0, { message: 'a | b `c`', fix: 'use `x|y`\nthen z' })]));
    const row = text.split('\n').find((line) => line.startsWith('| 🟡'))!;
    assert.ok(row.includes('a \\| b \\`c\\`'));
    assert.ok(row.includes('use \\`x\\|y\\`<br>then z'));
    const unescapedPipes = row.replace(/\\\|/g, '').split('|').length - 1;
    assert.equal(unescapedPipes, 7);
    assert.equal(escapeCell('<script>'), '&lt;script&gt;');
  });

  it('folds findings past the first 50 into a details block', () => {
    const findings = Array.from({ length: 53 }, (_, index) => syntheticFinding(index));
    const text = formatMarkdown(syntheticResult(findings));
    const [head, folded] = text.split('<details>');
    assert.equal(head.split('\n').filter((line) => line.startsWith('| 🟡')).length, 50);
    assert.match(folded, /<summary>3 more findings<\/summary>/);
    assert.equal(folded.split('\n').filter((line) => line.startsWith('| 🟡')).length, 3);
    assert.ok(folded.includes('</details>'));
  });

  it('keeps everything in one table at 50 findings', () => {
    const text = formatMarkdown(syntheticResult(Array.from({ length: 50 }, (_, index) => syntheticFinding(index))));
    assert.ok(!text.includes('<details>'));
  });
});
