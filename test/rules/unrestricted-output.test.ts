import { rule } from '../../src/rules/unrestricted-output.js';
import { runRuleTests } from '../../src/testing/rule-tester.js';

const model = 'kind: model\nid: ctr\n---\n';

runRuleTests(rule, {
  valid: [
    { name: 'restricted output', manifest: `${model}kind: output\nid: ctr_score\nmodel: ctr\naccess: restricted\n` },
    { name: 'a model without outputs', manifest: 'kind: model\nid: ctr\n' },
    {
      name: 'consumers of a restricted output',
      manifest: `${model}kind: output\nid: ctr_score\nmodel: ctr\naccess: restricted\n---\nkind: consumer\nid: bidder\nreads: [ctr_score]\n`,
    },
  ],
  invalid: [
    {
      name: 'open access',
      manifest: `${model}kind: output\nid: ctr_score\nmodel: ctr\naccess: open\n`,
      errors: [{ messageId: 'open', node: 'ctr_score', line: 7, message: "model 'ctr'" }],
    },
    {
      name: 'no access at all',
      manifest: `${model}kind: output\nid: ctr_score\nmodel: ctr\nowner: ads\n`,
      errors: [{ messageId: 'unspecified', node: 'ctr_score', line: 4 }],
    },
    {
      name: 'one restricted, one unspecified',
      manifest: `${model}kind: output\nid: a\nmodel: ctr\naccess: restricted\n---\nkind: output\nid: b\nmodel: ctr\n`,
      errors: [{ messageId: 'unspecified', node: 'b', line: 9 }],
    },
  ],
});
