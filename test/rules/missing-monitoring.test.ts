import { rule } from '../../src/rules/missing-monitoring.js';
import { runRuleTests } from '../../src/testing/rule-tester.js';

const fresh = 'kind: source\nid: clicks\nfreshness: { maxAge: 1h }\n---\nkind: feature\nid: ctr_7d\ninputs: [clicks]\n---\n';

runRuleTests(rule, {
  valid: [
    {
      name: 'monitored, fresh upstream, limited actions',
      manifest: `${fresh}kind: model\nid: ctr\nstage: production\ninputs: [ctr_7d]\nmonitors: [{ type: prediction-bias, window: 1d }]\nactions:\n  - { name: bid, limit: { max: 1000, per: 1h } }\n`,
    },
    {
      name: 'an action-limit monitor covers unlimited actions',
      manifest: `${fresh}kind: model\nid: ctr\nstage: production\ninputs: [ctr_7d]\nmonitors:\n  - { type: prediction-bias }\n  - { type: action-limit }\nactions: [{ name: bid }]\n`,
    },
    {
      name: 'not in production',
      manifest: 'kind: source\nid: clicks\n---\nkind: model\nid: ctr\nstage: staging\ntraining: { data: [clicks] }\n',
    },
    {
      name: 'a source that only logs the model is downstream, not upstream',
      manifest: `kind: source\nid: impressions\nlogs: [ctr]\n---\nkind: model\nid: ctr\nstage: production\nmonitors: [{ type: prediction-bias }]\n`,
    },
  ],
  invalid: [
    {
      name: 'no prediction-bias monitor',
      manifest: `${fresh}kind: model\nid: ctr\nstage: production\ninputs: [ctr_7d]\nmonitors:\n  - { type: input-drift }\n`,
      errors: [{ messageId: 'noPredictionBias', node: 'ctr', line: 13 }],
    },
    {
      name: 'an action without a limit',
      manifest: `${fresh}kind: model\nid: ctr\nstage: production\nmonitors: [{ type: prediction-bias }]\nactions:\n  - { name: bid, limit: { max: 10, per: 1m } }\n  - { name: boost }\n`,
      errors: [{ messageId: 'unlimitedAction', node: 'ctr', line: 15, message: "'boost'" }],
    },
    {
      name: 'sources without freshness, found through another model',
      manifest: [
        'kind: source\nid: raw_a\n',
        'kind: source\nid: raw_b\nfreshness: { maxAge: 1d }\n',
        'kind: model\nid: embedder\ntraining: { data: [raw_a, raw_b] }\n',
        'kind: output\nid: embeddings\nmodel: embedder\n',
        'kind: source\nid: raw_c\n',
        'kind: model\nid: ranker\nstage: production\ninputs: [embeddings, raw_c]\nmonitors: [{ type: prediction-bias }]\n',
      ].join('---\n'),
      errors: [{ messageId: 'noFreshness', node: 'ranker', line: 19, message: "'raw_a', 'raw_c'" }],
    },
    {
      name: 'many unfresh sources are summarised',
      manifest: [
        'kind: source\nid: s1\n',
        'kind: source\nid: s2\n',
        'kind: source\nid: s3\n',
        'kind: source\nid: s4\n',
        'kind: model\nid: m\nstage: production\ninputs: [s1, s2, s3, s4]\nmonitors: [{ type: prediction-bias }]\n',
      ].join('---\n'),
      errors: [{ messageId: 'noFreshness', node: 'm', line: 13, message: "'s1', 's2', 's3' and more" }],
    },
    {
      name: 'everything missing',
      manifest: 'kind: source\nid: clicks\n---\nkind: model\nid: ctr\nstage: production\ntraining: { data: [clicks] }\nactions: [{ name: bid }]\n',
      errors: [
        { messageId: 'noPredictionBias', node: 'ctr', line: 4 },
        { messageId: 'unlimitedAction', node: 'ctr', line: 8 },
        { messageId: 'noFreshness', node: 'ctr', line: 4 },
      ],
    },
  ],
});
