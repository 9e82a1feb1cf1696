import { rule } from '../../src/rules/missing-annotation.js';
import { runRuleTests } from '../../src/testing/rule-tester.js';

runRuleTests(rule, {
  valid: [
    { name: 'owner and description', manifest: 'kind: source\nid: clicks\nowner: logging\ndescription: Every click.\n' },
    {
      name: 'only owner required by option',
      manifest: 'kind: model\nid: ctr\nowner: ranking\n',
      options: { require: ['owner'] },
    },
  ],
  invalid: [
    {
      name: 'nothing said about a feature',
      manifest: 'kind: source\nid: clicks\nowner: logging\ndescription: Every click.\n---\nkind: feature\nid: ctr_7d\ninputs: [clicks]\n',
      errors: [
        { messageId: 'missing', node: 'ctr_7d', line: 6, message: 'no owner' },
        { messageId: 'missing', node: 'ctr_7d', line: 6, message: 'no description' },
      ],
    },
    {
      name: 'a consumer without an owner',
      manifest: 'kind: consumer\nid: report\ndescription: Weekly report.\nreads: [score]\n',
      errors: [{ messageId: 'missing', node: 'report', line: 1, message: 'no owner' }],
    },
  ],
});
