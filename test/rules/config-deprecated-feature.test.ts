import { rule } from '../../src/rules/config-deprecated-feature.js';
import { runRuleTests } from '../../src/testing/rule-tester.js';

const features = [
  'kind: feature',
  'id: dwell_v1',
  'lifecycle: { stage: deprecated, replacement: dwell_v2, removal: 2026-03-01 }',
  '---',
  'kind: feature',
  'id: dwell_v2',
  '---',
  'kind: feature',
  'id: legacy_hour',
  'lifecycle: { stage: deprecated }',
  '---',
].join('\n');

runRuleTests(rule, {
  valid: [
    { name: 'the replacement', manifest: `${features}\nkind: config\nid: c\nfeatures: [dwell_v2]\n` },
    { name: 'a deprecated feature removed by a child', manifest: `${features}\nkind: config\nid: c\nfeatures: [dwell_v2]\n---\nkind: config\nid: d\nextends: c\nfeatures-: [dwell_v2]\n` },
  ],
  invalid: [
    {
      name: 'before the removal date',
      today: '2026-02-28',
      manifest: `${features}\nkind: config\nid: c\nfeatures:\n  - dwell_v1\n`,
      errors: [{ messageId: 'deprecated', node: 'c', line: 15, severity: 'warn', message: "use 'dwell_v2' instead" }],
    },
    {
      name: 'on the removal date, inherited',
      today: '2026-03-01',
      manifest: `${features}\nkind: config\nid: c\nfeatures: [dwell_v1]\n---\nkind: config\nid: d\nextends: c\n`,
      errors: [
        { messageId: 'removed', node: 'c', line: 14, severity: 'error' },
        { messageId: 'removed', node: 'd', line: 16, severity: 'error', message: "inherited from 'c'" },
      ],
    },
    {
      name: 'no replacement declared',
      manifest: `${features}\nkind: config\nid: c\nfeatures+: [legacy_hour]\n`,
      errors: [{ messageId: 'deprecated', node: 'c', line: 14, message: 'no replacement' }],
    },
  ],
});
