import { rule } from '../../src/rules/config-assertion.js';
import { runRuleTests } from '../../src/testing/rule-tester.js';

const system = [
  'kind: source',
  'id: clicks',
  '---',
  'kind: source',
  'id: pii_profiles',
  '---',
  'kind: feature',
  'id: ctr_7d',
  'inputs: [clicks]',
  '---',
  'kind: feature',
  'id: age_bucket',
  'inputs: [pii_profiles]',
  '---',
  'kind: feature',
  'id: ctr_age',
  'inputs: [ctr_7d, age_bucket]',
  '---',
].join('\n');

runRuleTests(rule, {
  valid: [
    {
      name: 'assertions that hold',
      manifest: `${system}\nkind: config\nid: c\nfeatures: [ctr_7d]\ntraining: { data: [clicks] }\nassert: { features: { min: 1, max: 1 }, dependsOn: { include: [clicks], exclude: [pii_profiles] }, sources: { max: 1 } }\n`,
    },
    {
      name: 'a child dropping the feature that broke the parent',
      manifest: `${system}\nkind: config\nid: c\nfeatures: [ctr_7d]\nassert: { dependsOn: { exclude: [pii_profiles] } }\n---\nkind: config\nid: d\nextends: c\nfeatures+: [age_bucket]\nfeatures-: [age_bucket]\n`,
    },
  ],
  invalid: [
    {
      name: 'too many features',
      manifest: `${system}\nkind: config\nid: c\nfeatures: [ctr_7d, age_bucket]\nassert:\n  features: { max: 1 }\n`,
      errors: [{ messageId: 'tooManyFeatures', node: 'c', line: 23, message: 'at most 1' }],
    },
    {
      name: 'too few features',
      manifest: `${system}\nkind: config\nid: c\nfeatures: [ctr_7d]\nassert:\n  features: { min: 2 }\n`,
      errors: [{ messageId: 'tooFewFeatures', node: 'c', line: 23 }],
    },
    {
      name: 'an excluded source reached two hops up, inherited assertion',
      manifest: `${system}\nkind: config\nid: c\nfeatures: [ctr_7d]\nassert:\n  dependsOn: { exclude: [pii_profiles] }\n  sources: { max: 1 }\n---\nkind: config\nid: d\nextends: c\nfeatures: [ctr_age]\n`,
      errors: [
        { messageId: 'excludedDependency', node: 'd', line: 26, message: "through 'ctr_age', but asserts it must not (inherited from 'c')" },
        { messageId: 'tooManySources', node: 'd', line: 26, message: '2 sources' },
      ],
    },
    {
      name: 'a required dependency missing',
      manifest: `${system}\nkind: config\nid: c\nfeatures: [age_bucket]\nassert:\n  dependsOn:\n    include: [clicks]\n`,
      errors: [{ messageId: 'missingDependency', node: 'c', line: 24, message: "'clicks'" }],
    },
  ],
});
