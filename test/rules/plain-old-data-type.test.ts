import { rule } from '../../src/rules/plain-old-data-type.js';
import { runRuleTests } from '../../src/testing/rule-tester.js';

runRuleTests(rule, {
  valid: [
    { name: 'numeric with a semantic type', manifest: 'kind: feature\nid: ctr_7d\nvalueType: numeric\nsemanticType: rate\n' },
    { name: 'numeric with a unit', manifest: 'kind: feature\nid: dwell\nvalueType: numeric\nunit: seconds\n' },
    { name: 'categorical needs nothing', manifest: 'kind: feature\nid: country\nvalueType: categorical\n' },
    { name: 'no value type declared', manifest: 'kind: feature\nid: country\n' },
    { name: 'output with a semantic type', manifest: 'kind: model\nid: ctr\n---\nkind: output\nid: ctr_score\nmodel: ctr\nsemanticType: calibrated-probability\n' },
  ],
  invalid: [
    {
      name: 'a bare numeric feature',
      manifest: 'kind: feature\nid: ctr_7d\nowner: ads\nvalueType: numeric\n',
      errors: [{ messageId: 'plainFeature', node: 'ctr_7d', line: 4, severity: 'info' }],
    },
    {
      name: 'a bare output',
      manifest: 'kind: model\nid: ctr\n---\nkind: output\nid: ctr_score\nmodel: ctr\n',
      errors: [{ messageId: 'plainOutput', node: 'ctr_score', line: 4, message: "model 'ctr'" }],
    },
    {
      name: 'embeddings when the options ask for them',
      manifest: 'kind: feature\nid: query_vec\nvalueType: embedding\n',
      options: { valueTypes: ['numeric', 'embedding'] },
      errors: [{ messageId: 'plainFeature', node: 'query_vec', line: 3 }],
    },
  ],
});
