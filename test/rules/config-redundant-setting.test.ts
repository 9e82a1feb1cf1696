import { rule } from '../../src/rules/config-redundant-setting.js';
import { runRuleTests } from '../../src/testing/rule-tester.js';

const parent = 'kind: config\nid: a\nlearner: { type: gbdt, settings: { maxDepth: 6 } }\nresources: { memoryMb: 2048 }\n';

runRuleTests(rule, {
  valid: [
    { name: 'a value different from the default', manifest: 'kind: config\nid: c\nlearner: { type: gbdt, settings: { learningRate: 0.05 } }\n' },
    { name: 'a child changing an inherited value', manifest: `${parent}---\nkind: config\nid: b\nextends: a\nlearner: { settings: { maxDepth: 7 } }\n` },
    { name: 'a setting with no default', manifest: 'kind: config\nid: c\nlearner: { type: command, settings: { command: train.sh } }\n' },
  ],
  invalid: [
    {
      name: 'a child repeating what it inherits',
      manifest: `${parent}---\nkind: config\nid: b\nextends: a\nresources:\n  memoryMb: 2048\n`,
      errors: [{ messageId: 'sameAsInherited', node: 'b', line: 10, severity: 'warn', message: "from 'a'" }],
    },
    {
      name: 'the learner default spelt out',
      manifest: 'kind: config\nid: c\nlearner:\n  type: gbdt\n  settings:\n    learningRate: 0.1\n',
      errors: [{ messageId: 'sameAsDefault', node: 'c', line: 6, message: "default of learner 'gbdt'" }],
    },
  ],
});
