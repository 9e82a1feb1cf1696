import { rule } from '../../src/rules/missing-data-tests.js';
import { runRuleTests } from '../../src/testing/rule-tester.js';

runRuleTests(rule, {
  valid: [
    {
      name: 'everything upstream of production is tested',
      manifest:
        'kind: source\nid: clicks\ndataTests: { schema: schemas/clicks.json }\n---\nkind: feature\nid: ctr_7d\ninputs: [clicks]\ndataTests: { checks: [non_negative] }\n---\nkind: model\nid: ctr\nstage: production\ninputs: [ctr_7d]\n',
    },
    {
      name: 'untested data feeding only a staging model',
      manifest: 'kind: source\nid: clicks\n---\nkind: model\nid: ctr\nstage: staging\ntraining: { data: [clicks] }\n',
    },
    {
      name: 'untested data downstream of a production model',
      manifest: 'kind: model\nid: ctr\nstage: production\n---\nkind: source\nid: impressions\nlogs: [ctr]\n',
    },
  ],
  invalid: [
    {
      name: 'an untested source and feature',
      manifest:
        'kind: source\nid: clicks\n---\nkind: feature\nid: ctr_7d\ninputs: [clicks]\n---\nkind: model\nid: ctr\nstage: production\ninputs: [ctr_7d]\n',
      errors: [
        { messageId: 'missing', node: 'clicks', line: 1, message: "model 'ctr'" },
        { messageId: 'missing', node: 'ctr_7d', line: 4 },
      ],
    },
    {
      name: 'empty data tests, reached through another model',
      manifest: [
        'kind: source\nid: raw\ndataTests: {}\n',
        'kind: model\nid: embedder\ntraining: { data: ["raw@1"] }\n',
        'kind: output\nid: emb\nmodel: embedder\n',
        'kind: model\nid: ranker\nstage: production\ninputs: [emb]\n',
      ].join('---\n'),
      errors: [{ messageId: 'empty', node: 'raw', line: 3, message: "model 'ranker'" }],
    },
    {
      name: 'staging models when the options include them',
      manifest: 'kind: source\nid: clicks\n---\nkind: model\nid: ctr\nstage: staging\ntraining: { data: [clicks] }\n',
      options: { stages: ['staging', 'production'] },
      errors: [{ messageId: 'missing', node: 'clicks', line: 1, message: "staging model 'ctr'" }],
    },
  ],
});
