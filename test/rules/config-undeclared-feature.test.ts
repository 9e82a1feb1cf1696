import { rule } from '../../src/rules/config-undeclared-feature.js';
import { runRuleTests } from '../../src/testing/rule-tester.js';

const declared = 'kind: source\nid: clicks\n---\nkind: feature\nid: dwell_time\n---\nkind: output\nid: ctr_score\nmodel: ctr\n---\nkind: model\nid: ctr\n---\n';

runRuleTests(rule, {
  valid: [
    { name: 'declared features, outputs and sources', manifest: `${declared}kind: config\nid: c\nfeatures: [dwell_time, ctr_score@2]\ntraining: { data: [clicks] }\n` },
  ],
  invalid: [
    {
      name: 'a misspelt feature',
      manifest: `${declared}kind: config\nid: c\nfeatures:\n  - dwell_tme\n`,
      errors: [{ messageId: 'undeclaredFeature', node: 'c', line: 17, message: "did you mean 'dwell_time'" }],
    },
    {
      name: 'a feature nobody declares, inherited',
      manifest: `${declared}kind: config\nid: c\nfeatures: [page_rank]\n---\nkind: config\nid: d\nextends: c\n`,
      errors: [
        { messageId: 'undeclaredFeature', node: 'c', line: 16, message: "'page_rank'" },
        { messageId: 'undeclaredFeature', node: 'd', line: 18, message: "inherited from 'c'" },
      ],
    },
    {
      name: 'misspelt training data added by a child',
      manifest: `${declared}kind: config\nid: c\ntraining:\n  data+: [clikcs]\n`,
      errors: [{ messageId: 'undeclaredData', node: 'c', line: 17, message: "did you mean 'clicks'" }],
    },
  ],
});
