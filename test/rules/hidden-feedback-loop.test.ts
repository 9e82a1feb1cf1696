import { rule } from '../../src/rules/hidden-feedback-loop.js';
import { runRuleTests } from '../../src/testing/rule-tester.js';

const twoModels = [
  'kind: model\nid: search_ranker\ninputs: [price_feature]\n',
  'kind: output\nid: ranking\nmodel: search_ranker\n',
  'kind: source\nid: search_log\nlogs: [ranking]\n',
  'kind: model\nid: pricer\ntraining: { data: [search_log] }\n',
  'kind: output\nid: prices\nmodel: pricer\n',
  'kind: feature\nid: price_feature\ninputs: [prices]\n',
].join('---\n');

runRuleTests(rule, {
  valid: [
    {
      name: 'a chain of models without a loop',
      manifest: [
        'kind: model\nid: a\n',
        'kind: output\nid: a_out\nmodel: a\n',
        'kind: model\nid: b\ninputs: [a_out]\n',
      ].join('---\n'),
    },
    {
      name: 'a loop through one model only (a direct loop)',
      manifest: [
        'kind: source\nid: log\nlogs: [m]\n',
        'kind: model\nid: m\ntraining: { data: [log] }\n',
      ].join('---\n'),
    },
    {
      name: 'a replacement link is no data edge',
      manifest: [
        'kind: feature\nid: f_old\nlifecycle: { stage: deprecated, replacement: f_new }\n',
        'kind: feature\nid: f_new\ninputs: [f_old]\n',
      ].join('---\n'),
    },
  ],
  invalid: [
    {
      name: 'two models feed each other through logs and a feature',
      manifest: twoModels,
      errors: [{ messageId: 'loop', node: 'pricer', line: 13, message: "'pricer', 'search_ranker'" }],
    },
    {
      name: 'two separate loops',
      manifest: [
        twoModels,
        'kind: model\nid: x\ninputs: [y_out]\n',
        'kind: output\nid: x_out\nmodel: x\n',
        'kind: model\nid: y\ninputs: [x_out]\n',
        'kind: output\nid: y_out\nmodel: y\n',
      ].join('---\n'),
      errors: [
        { messageId: 'loop', node: 'pricer', line: 13, message: 'pricer → prices → price_feature → search_ranker → ranking → search_log → pricer' },
        { messageId: 'loop', node: 'x', line: 25, message: 'x → x_out → y → y_out → x' },
      ],
    },
  ],
});
