import { rule } from '../../src/rules/config-serving-unavailable.js';
import { runRuleTests } from '../../src/testing/rule-tester.js';

const features = [
  'kind: feature',
  'id: dwell',
  'availability: { serving: false, servingSubstitute: [dwell_estimate] }',
  '---',
  'kind: feature',
  'id: dwell_estimate',
  '---',
  'kind: feature',
  'id: label_delay',
  'availability: { serving: false }',
  '---',
].join('\n');

runRuleTests(rule, {
  valid: [
    { name: 'a training config may use it', manifest: `${features}\nkind: config\nid: c\npurpose: training\nfeatures: [dwell, label_delay]\n` },
    { name: 'a serving config with the substitute', manifest: `${features}\nkind: config\nid: c\npurpose: serving\nfeatures: [dwell_estimate]\n` },
  ],
  invalid: [
    {
      name: 'a serving child inheriting the feature',
      manifest: `${features}\nkind: config\nid: c\npurpose: training\nfeatures: [dwell]\n---\nkind: config\nid: s\nextends: c\npurpose: serving\n`,
      errors: [{ messageId: 'useSubstitute', node: 's', line: 17, message: "use 'dwell_estimate' instead" }],
    },
    {
      name: 'no substitute',
      manifest: `${features}\nkind: config\nid: s\npurpose: serving\nfeatures:\n  - label_delay\n`,
      errors: [{ messageId: 'noSubstitute', node: 's', line: 16, message: 'no substitute' }],
    },
  ],
});
