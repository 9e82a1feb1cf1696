import { rule } from '../../src/rules/fixed-threshold.js';
import { runRuleTests } from '../../src/testing/rule-tester.js';

runRuleTests(rule, {
  valid: [
    { name: 'no threshold', manifest: 'kind: model\nid: ranker\n' },
    {
      name: 'learned with objective and data',
      manifest: 'kind: model\nid: spam\nthreshold: { setBy: learned, objective: "recall@precision>=0.95", learnedOn: spam_validation }\n',
    },
  ],
  invalid: [
    {
      name: 'set by hand',
      manifest: 'kind: model\nid: spam\nowner: trust\nthreshold:\n  value: 0.7\n  setBy: hand\n',
      errors: [{ messageId: 'setByHand', node: 'spam', line: 4, message: '0.7' }],
    },
    {
      name: 'learned but nothing says how',
      manifest: 'kind: model\nid: spam\nthreshold: { setBy: learned }\n',
      errors: [{ messageId: 'learnedWithoutEvidence', node: 'spam', line: 3 }],
    },
  ],
});
