import { rule } from '../../src/rules/config-setting-type.js';
import { runRuleTests } from '../../src/testing/rule-tester.js';

function config(settings: string, type = 'gbdt'): string {
  return `kind: config\nid: c\nlearner:\n  type: ${type}\n  settings:\n    ${settings}\n`;
}

runRuleTests(rule, {
  valid: [
    { name: 'an integer at its minimum', manifest: config('maxDepth: 1') },
    { name: 'a value at its maximum', manifest: config('maxBins: 255') },
    { name: 'an allowed value', manifest: config('classWeight: balanced', 'logistic') },
    { name: 'a whole number is a number', manifest: config('learningRate: 1') },
    { name: 'a setting the learner does not read is left to config-unused-setting', manifest: config('C: "high"') },
  ],
  invalid: [
    { name: 'a fraction for an integer', manifest: config('maxDepth: 6.5'), errors: [{ messageId: 'wrongType', node: 'c', line: 6, message: 'an integer' }] },
    { name: 'a string for a boolean', manifest: config('earlyStopping: "yes"'), errors: [{ messageId: 'wrongType', node: 'c', line: 6, message: 'a boolean' }] },
    { name: 'just above the maximum', manifest: config('maxBins: 256'), errors: [{ messageId: 'outOfBounds', node: 'c', line: 6, message: '[2, 255]' }] },
    { name: 'below the minimum', manifest: config('learningRate: -0.1'), errors: [{ messageId: 'outOfBounds', node: 'c', line: 6 }] },
    { name: 'a value not allowed', manifest: config('classWeight: balance', 'logistic'), errors: [{ messageId: 'notAllowed', node: 'c', line: 6, message: "'balanced'" }] },
    {
      name: 'an inherited bad value',
      manifest: `${config('maxDepth: 0')}---\nkind: config\nid: d\nextends: c\n`,
      errors: [
        { messageId: 'outOfBounds', node: 'c', line: 6 },
        { messageId: 'outOfBounds', node: 'd', line: 8, message: "inherited from 'c'" },
      ],
    },
  ],
});
