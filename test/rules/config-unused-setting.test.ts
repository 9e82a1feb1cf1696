import { rule } from '../../src/rules/config-unused-setting.js';
import { runRuleTests } from '../../src/testing/rule-tester.js';

runRuleTests(rule, {
  valid: [
    { name: 'settings the learner reads', manifest: 'kind: config\nid: c\nlearner: { type: logistic, settings: { C: 2, maxIterations: 50 } }\n' },
    { name: 'an unknown setting is left to config-unknown-setting', manifest: 'kind: config\nid: c\nlearner: { type: logistic, settings: { depth: 2 } }\n' },
    {
      name: 'a child that switches learner and removes the old setting',
      manifest: 'kind: config\nid: a\nlearner: { type: gbdt, settings: { maxDepth: 4 } }\n---\nkind: config\nid: b\nextends: a\nlearner: { type: logistic, settings-: [maxDepth] }\n',
    },
  ],
  invalid: [
    {
      name: 'a tree setting on a linear learner',
      manifest: 'kind: config\nid: c\nlearner:\n  type: logistic\n  settings:\n    maxDepth: 4\n',
      errors: [{ messageId: 'unusedSetting', node: 'c', line: 6, severity: 'warn', message: "only 'gbdt' read it" }],
    },
    {
      name: 'a child switching learner keeps the old setting',
      manifest: 'kind: config\nid: a\nlearner: { type: gbdt, settings: { maxDepth: 4 } }\n---\nkind: config\nid: b\nextends: a\nlearner:\n  type: logistic\n',
      errors: [{ messageId: 'unusedSetting', node: 'b', line: 5, message: "inherited from 'a'" }],
    },
  ],
});
