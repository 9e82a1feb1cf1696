import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveRuleSettings } from '../../src/check/rule-settings.js';
import { runRules } from '../../src/check/run-rules.js';
import { emptyEvidence } from '../../src/evidence/load-evidence.js';
import { buildGraph } from '../../src/graph/build-graph.js';
import type { DependencyGraph } from '../../src/graph/graph.js';
import { parseManifests } from '../../src/manifest/load-system.js';
import { rule } from '../../src/rules/dangling-reference.js';
import { runRuleTests } from '../../src/testing/rule-tester.js';

runRuleTests(rule, {
  valid: [
    {
      name: 'every reference declared',
      manifest: 'kind: source\nid: clicks\n---\nkind: feature\nid: ctr_7d\ninputs: [clicks]\n---\nkind: model\nid: ctr\ninputs: [ctr_7d@2]\n',
    },
  ],
  invalid: [
    {
      name: 'a misspelt input, with a suggestion',
      manifest: 'kind: source\nid: clicks\n---\nkind: feature\nid: ctr_7d\ninputs:\n  - clicks\n  - clikcs_v2\n---\nkind: model\nid: ctr\ninputs: [ctr_7d, nowhere@3]\n',
      errors: [
        { messageId: 'dangling', node: 'ctr_7d', line: 8, message: "'clikcs_v2'" },
        { messageId: 'dangling', node: 'ctr', line: 12, message: "'nowhere'" },
      ],
    },
    {
      name: 'an output of an undeclared model',
      manifest: 'kind: output\nid: score\nmodel: ghost\n',
      errors: [{ messageId: 'dangling', node: 'score', line: 3 }],
    },
  ],
});

describe('dangling-reference without the graph of the same system', () => {
  it('looks every reference up itself and reports the same, in the same order', () => {
    const system = parseManifests('.', [
      {
        file: 'system.yaml',
        text: 'kind: model\nid: ctr\ninputs: [ctr_7d, nowhere@3]\n---\nkind: source\nid: clicks\nlogs: [ghost]\n---\nkind: feature\nid: ctr_7d\ninputs: [clicks, clikcs]\n',
      },
    ]);
    const enabled = resolveRuleSettings([rule], {});
    const describeAll = (graph: DependencyGraph): string[] =>
      runRules(enabled, { system, graph, evidence: emptyEvidence, today: '2026-12-01' }).map((finding) => `${finding.nodeId} ${finding.message}`);
    const fromTheGraph = describeAll(buildGraph(system, emptyEvidence));
    assert.deepEqual(
      fromTheGraph.map((line) => line.split(' ')[0]),
      ['clicks', 'ctr_7d', 'ctr'],
      'sources, then features, then models, as the rules visit them',
    );
    assert.deepEqual(describeAll(buildGraph({ ...system }, emptyEvidence)), fromTheGraph);
  });
});
