import { rule } from '../../src/rules/config-unknown-setting.js';
import { runRuleTests } from '../../src/testing/rule-tester.js';

const base = ['kind: config', 'id: base', 'learner:', '  type: gbdt', '  settings:', '    maxDeth: 6'];
const child = ['---', 'kind: config', 'id: child', 'extends: base', 'learner: { settings: { learningRate: 0.05 } }'];

runRuleTests(rule, {
  valid: [
    { name: 'a known learner with settings it reads', manifest: 'kind: config\nid: c\nlearner: { type: gbdt, settings: { maxDepth: 6 } }\n' },
    { name: 'a setting known to another learner is not this rule', manifest: 'kind: config\nid: c\nlearner: { type: gbdt, settings: { C: 2 } }\n' },
    { name: 'no learner at all', manifest: 'kind: config\nid: c\n' },
  ],
  invalid: [
    {
      name: 'a misspelt learner',
      manifest: 'kind: config\nid: c\nlearner:\n  type: gbtd\n',
      errors: [{ messageId: 'unknownLearner', node: 'c', line: 4, severity: 'error', message: "did you mean 'gbdt'" }],
    },
    {
      name: 'a misspelt setting, reported on the config that sets it and the one inheriting it',
      manifest: [...base, ...child].join('\n'),
      errors: [
        { messageId: 'unknownSetting', node: 'base', line: 6, message: "did you mean 'maxDepth'" },
        { messageId: 'unknownSetting', node: 'child', line: 8, message: "inherited from 'base'" },
      ],
    },
  ],
});
