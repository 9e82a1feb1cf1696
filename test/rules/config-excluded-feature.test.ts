import { rule } from '../../src/rules/config-excluded-feature.js';
import { runRuleTests } from '../../src/testing/rule-tester.js';

const features = [
  'kind: feature',
  'id: full_history',
  'constraints: { excludes: [session_summary], reason: too slow together }',
  '---',
  'kind: feature',
  'id: session_summary',
  'constraints: { excludes: [full_history] }',
  '---',
  'kind: feature',
  'id: hour',
  '---',
].join('\n');

runRuleTests(rule, {
  valid: [
    { name: 'only one of the pair', manifest: `${features}\nkind: config\nid: c\nfeatures: [full_history, hour]\n` },
    {
      name: 'a child dropping one of the pair',
      manifest: `${features}\nkind: config\nid: c\nfeatures: [full_history]\n---\nkind: config\nid: d\nextends: c\nfeatures+: [session_summary]\nfeatures-: [full_history]\n`,
    },
  ],
  invalid: [
    {
      name: 'both, reported once',
      manifest: `${features}\nkind: config\nid: c\nfeatures:\n  - full_history\n  - session_summary\n`,
      errors: [{ messageId: 'excluded', node: 'c', line: 16, message: 'too slow together' }],
    },
    {
      name: 'a child adding the excluded one',
      manifest: `${features}\nkind: config\nid: c\nfeatures: [full_history]\n---\nkind: config\nid: d\nextends: c\nfeatures+:\n  - session_summary\n`,
      errors: [{ messageId: 'excluded', node: 'd', line: 20, message: "'full_history' (inherited from 'c')" }],
    },
  ],
});
