import { rule } from '../../src/rules/consumer-without-sla.js';
import { runRuleTests } from '../../src/testing/rule-tester.js';

const output = 'kind: model\nid: ctr\n---\nkind: output\nid: ctr_score\nmodel: ctr\naccess: restricted\n---\n';

runRuleTests(rule, {
  valid: [
    {
      name: 'sla and contact',
      manifest: `${output}kind: consumer\nid: bidder\ncontact: bidding-oncall\nreads: [ctr_score]\nsla: { latencyMs: 20 }\n`,
    },
    {
      name: 'availability alone is an sla',
      manifest: `${output}kind: consumer\nid: report\ncontact: '#analytics'\nreads: [ctr_score]\nsla: { availability: 0.99 }\n`,
    },
    {
      name: 'contact not required by the options',
      manifest: `${output}kind: consumer\nid: report\nreads: [ctr_score]\nsla: { ratePerSecond: 5 }\n`,
      options: { require: ['sla'] },
    },
  ],
  invalid: [
    {
      name: 'neither sla nor contact',
      manifest: `${output}kind: consumer\nid: bidder\nreads: [ctr_score]\n`,
      errors: [
        { messageId: 'noSla', node: 'bidder', line: 9 },
        { messageId: 'noContact', node: 'bidder', line: 9, message: "'ctr_score'" },
      ],
    },
    {
      name: 'an empty sla',
      manifest: `${output}kind: consumer\nid: bidder\ncontact: bidding-oncall\nreads: [ctr_score]\nsla: {}\n`,
      errors: [{ messageId: 'emptySla', node: 'bidder', line: 13 }],
    },
    {
      name: 'sla but no contact',
      manifest: `${output}kind: consumer\nid: bidder\nreads:\n  - { id: ctr_score, mode: online }\nsla:\n  latencyMs: 20\n`,
      errors: [{ messageId: 'noContact', node: 'bidder', line: 9 }],
    },
  ],
});
