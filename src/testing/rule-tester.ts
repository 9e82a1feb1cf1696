import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveRuleSettings } from '../check/rule-settings.js';
import { runRules } from '../check/run-rules.js';
import { FieldLocator } from '../check/field-locator.js';
import { emptyEvidence, type Evidence } from '../evidence/load-evidence.js';
import { parseDataEvidence, type DataEvidenceDoc } from '../evidence/data-evidence.js';
import { parseImportance, type ImportanceDoc } from '../evidence/importance.js';
import { parseOpenLineage } from '../evidence/openlineage.js';
import { buildGraph } from '../graph/build-graph.js';
import { parseManifests } from '../manifest/load-system.js';
import type { Problem } from '../errors.js';
import type { Rule, Severity } from '../rules/rule.js';

/** One case: a system written as YAML (several documents), with optional evidence and options. */
export interface RuleTestCase<Options extends object> {
  readonly name?: string;
  readonly manifest: string;
  /** OpenLineage run events, one JSON object a line. */
  readonly lineage?: string;
  readonly importance?: readonly ImportanceDoc[];
  /** Data evidence documents (`paydown.data-evidence/v1`). */
  readonly data?: readonly DataEvidenceDoc[];
  readonly options?: Partial<Options>;
  readonly today?: string;
}

/** A finding a failing case must produce. */
export interface ExpectedFinding<MessageIds extends string> {
  readonly messageId: MessageIds;
  readonly node: string;
  readonly line?: number;
  readonly severity?: Severity;
  /** A substring the message must contain. */
  readonly message?: string;
}

export interface InvalidRuleTestCase<MessageIds extends string, Options extends object> extends RuleTestCase<Options> {
  readonly errors: readonly ExpectedFinding<MessageIds>[];
}

const DEFAULT_TODAY = '2026-01-15';

/**
 * Runs a rule on small systems and asserts its findings, one `node:test` case each: valid cases
 * must produce no finding, invalid ones exactly the expected findings (in report order).
 *
 * @example
 * runRuleTests(rule, {
 *   valid: [{ manifest: 'kind: model\nid: m\nthreshold: { setBy: learned, objective: f1, learnedOn: v }\n' }],
 *   invalid: [{ manifest: 'kind: model\nid: m\nthreshold: { setBy: hand, value: 0.5 }\n', errors: [{ messageId: 'setByHand', node: 'm' }] }],
 * });
 */
export function runRuleTests<MessageIds extends string, Options extends object>(
  rule: Rule<MessageIds, Options>,
  cases: { valid: readonly RuleTestCase<Options>[]; invalid: readonly InvalidRuleTestCase<MessageIds, Options>[] },
): void {
  describe(rule.meta.id, () => {
    describe('valid', () => {
      cases.valid.forEach((testCase, index) => {
        it(testCase.name ?? `valid #${index + 1}`, () => {
          const findings = runOne(rule, testCase);
          assert.deepEqual(findings.map((finding) => `${finding.nodeId}: ${finding.message}`), []);
        });
      });
    });
    describe('invalid', () => {
      cases.invalid.forEach((testCase, index) => {
        it(testCase.name ?? `invalid #${index + 1}`, () => {
          assert.ok(testCase.errors.length > 0, 'an invalid case must expect at least one finding');
          const findings = runOne(rule, testCase);
          const described = findings.map((finding) => `${finding.messageId} @ ${finding.nodeId}: ${finding.message}`);
          assert.equal(findings.length, testCase.errors.length, `expected ${testCase.errors.length} finding(s), got:\n${described.join('\n')}`);
          testCase.errors.forEach((expected, position) => {
            const actual = findings[position];
            assert.equal(actual.messageId, expected.messageId, described[position]);
            assert.equal(actual.nodeId, expected.node, described[position]);
            if (expected.line !== undefined) assert.equal(actual.location.line, expected.line, `line of ${described[position]}`);
            if (expected.severity !== undefined) assert.equal(actual.severity, expected.severity, described[position]);
            if (expected.message !== undefined) assert.ok(actual.message.includes(expected.message), `"${actual.message}" should contain "${expected.message}"`);
            assert.ok(actual.fix.length > 0 && !actual.fix.includes('{{'), `fix hint of ${described[position]}: "${actual.fix}"`);
            assert.ok(!actual.message.includes('{{'), `unfilled placeholder in "${actual.message}"`);
          });
        });
      });
    });
  });
}

function runOne<MessageIds extends string, Options extends object>(rule: Rule<MessageIds, Options>, testCase: RuleTestCase<Options>) {
  const system = parseManifests('.', [{ file: 'system.yaml', text: testCase.manifest }]);
  const problems: Problem[] = [];
  const evidence: Evidence = {
    lineage: testCase.lineage ? parseOpenLineage(testCase.lineage, 'lineage.jsonl', problems) : emptyEvidence.lineage,
    importance: (testCase.importance ?? []).flatMap((doc) => parseImportance(doc, 'importance.json', problems) ?? []),
    data: (testCase.data ?? []).flatMap((doc) => parseDataEvidence(doc, 'data-evidence.json', problems) ?? []),
  };
  assert.deepEqual(problems, [], 'test evidence must be valid');
  const enabled = resolveRuleSettings([rule], { preset: 'strict', rules: { [rule.meta.id]: [rule.meta.severity, { ...testCase.options }] } });
  const graph = buildGraph(system, evidence);
  return runRules(enabled, { system, graph, evidence, today: testCase.today ?? DEFAULT_TODAY, locator: new FieldLocator(system.texts) });
}
