import { rule } from '../../src/rules/direct-feedback-loop.js';
import { runRuleTests } from '../../src/testing/rule-tester.js';

const loop = (model: string): string =>
  [
    'kind: source\nid: impressions\nlogs: [ranker_score]\n',
    'kind: feature\nid: past_clicks\ninputs: [impressions]\n',
    `kind: model\nid: ranker\ninputs: [past_clicks]\n${model}`,
    'kind: output\nid: ranker_score\nmodel: ranker\n',
  ].join('---\n');

runRuleTests(rule, {
  valid: [
    { name: 'the model explores', manifest: loop('exploration: 0.05\n') },
    {
      name: 'logged, but the log feeds nothing the model reads',
      manifest: [
        'kind: source\nid: impressions\nlogs: [ranker]\n',
        'kind: source\nid: catalog\n',
        'kind: model\nid: ranker\ninputs: [catalog]\n',
      ].join('---\n'),
    },
    {
      name: 'the log feeds a different model only',
      manifest: [
        'kind: source\nid: impressions\nlogs: [ranker]\n',
        'kind: model\nid: ranker\n',
        'kind: model\nid: other\ntraining: { data: [impressions] }\n',
      ].join('---\n'),
    },
    { name: 'exploration above the minimum', manifest: loop('exploration: 0.1\n'), options: { minExploration: 0.1 } },
  ],
  invalid: [
    {
      name: 'predictions logged into a source that feeds the model',
      manifest: loop('owner: ranking\n'),
      errors: [{ messageId: 'loop', node: 'ranker', line: 9, message: "'impressions'" }],
    },
    {
      name: 'explicit zero exploration, trained on its own actions',
      manifest: [
        'kind: source\nid: actions_log\nlogs: [pricer]\n',
        'kind: model\nid: pricer\nexploration: 0\ntraining: { data: [actions_log] }\n',
      ].join('---\n'),
      errors: [{ messageId: 'loop', node: 'pricer', line: 7, message: 'explores only 0' }],
    },
    {
      name: 'exploration below the configured minimum',
      manifest: loop('exploration: 0.01\n'),
      options: { minExploration: 0.05 },
      errors: [{ messageId: 'loop', node: 'ranker', line: 12 }],
    },
  ],
});
