import { rule } from '../../src/rules/dangling-reference.js';
import { runRuleTests } from '../../src/testing/rule-tester.js';

runRuleTests(rule, {
  valid: [
    {
      name: 'every reference declared',
      manifest: 'kind: source\nid: clicks\n---\nkind: feature\nid: ctr_7d\ninputs: [clicks]\n---\nkind: model\nid: ctr\ninputs: [ctr_7d@2]\n',
    },
  ],
  invalid: [
    {
      name: 'a misspelt input, with a suggestion',
      manifest: 'kind: source\nid: clicks\n---\nkind: feature\nid: ctr_7d\ninputs:\n  - clicks\n  - clikcs_v2\n---\nkind: model\nid: ctr\ninputs: [ctr_7d, nowhere@3]\n',
      errors: [
        { messageId: 'dangling', node: 'ctr_7d', line: 8, message: "'clikcs_v2'" },
        { messageId: 'dangling', node: 'ctr', line: 12, message: "'nowhere'" },
      ],
    },
    {
      name: 'an output of an undeclared model',
      manifest: 'kind: output\nid: score\nmodel: ghost\n',
      errors: [{ messageId: 'dangling', node: 'score', line: 3 }],
    },
  ],
});
