import { rule } from '../../src/rules/undeclared-consumer.js';
import { runRuleTests } from '../../src/testing/rule-tester.js';

const system = [
  'kind: model\nid: ctr\n',
  'kind: output\nid: ctr_score\nmodel: ctr\naccess: restricted\ndataset: { namespace: s3, name: ctr_scores }\n',
].join('---\n');

const event = (job: string, inputs: readonly string[], outputs: readonly string[] = []): string =>
  JSON.stringify({
    eventType: 'COMPLETE',
    job: { namespace: 'airflow', name: job },
    inputs: inputs.map((name) => ({ namespace: 's3', name })),
    outputs: outputs.map((name) => ({ namespace: 's3', name })),
  });

const lines = (...events: string[]): string => `${events.join('\n')}\n`;

runRuleTests(rule, {
  valid: [
    { name: 'no lineage at all', manifest: system },
    {
      name: 'a declared consumer seen reading',
      manifest: `${system}---\nkind: consumer\nid: bidder\njob: { namespace: airflow, name: bidder }\nreads: [ctr_score]\n`,
      lineage: lines(event('bidder', ['ctr_scores'])),
    },
    {
      name: 'an undeclared job reading something that is not a model output',
      manifest: `${system}---\nkind: source\nid: clicks\ndataset: { namespace: s3, name: clicks }\n`,
      lineage: lines(event('adhoc', ['clicks'])),
    },
    {
      name: 'a declared pipeline deriving data that a declared consumer reads',
      manifest: [
        system,
        'kind: pipeline\nid: rollup\njob: { namespace: airflow, name: rollup }\nreads: [ctr_score]\nwrites: [daily_ctr]\n',
        'kind: source\nid: daily_ctr\ndataset: { namespace: s3, name: daily_ctr }\n',
        'kind: consumer\nid: dashboard\njob: { namespace: airflow, name: dashboard }\nreads: [daily_ctr]\n',
      ].join('---\n'),
      lineage: lines(event('rollup', ['ctr_scores'], ['daily_ctr']), event('dashboard', ['daily_ctr'])),
    },
    {
      name: 'an allowed job',
      manifest: system,
      lineage: lines(event('backup', ['ctr_scores'])),
      options: { allowJobs: ['airflow/backup'] },
    },
  ],
  invalid: [
    {
      name: 'an unknown job reads the output',
      manifest: system,
      lineage: lines(event('ad_hoc_report', ['ctr_scores'])),
      errors: [{ messageId: 'undeclared', node: 'ctr_score', line: 8, message: "'job:airflow/ad_hoc_report'" }],
    },
    {
      name: 'a declared consumer reads an output it does not declare',
      manifest: [
        system,
        'kind: source\nid: clicks\n',
        'kind: consumer\nid: bidder\njob: { namespace: airflow, name: bidder }\nreads: [clicks]\n',
      ].join('---\n'),
      lineage: lines(event('bidder', ['ctr_scores'])),
      errors: [{ messageId: 'undeclared', node: 'ctr_score', line: 8, message: "'bidder'" }],
    },
    {
      name: 'an unknown job reads data derived from the output by another unknown job',
      manifest: system,
      lineage: lines(event('copy', ['ctr_scores'], ['ctr_copy']), event('team_b_model', ['ctr_copy'])),
      errors: [
        { messageId: 'undeclared', node: 'ctr_score', line: 8, message: "'job:airflow/copy'" },
        { messageId: 'undeclaredDerived', node: 'ctr_score', line: 8, message: "'dataset:s3/ctr_copy'" },
      ],
    },
    {
      name: 'derived through a declared pipeline, read by an unknown job',
      manifest: [
        system,
        'kind: pipeline\nid: rollup\njob: { namespace: airflow, name: rollup }\nreads: [ctr_score]\nwrites: [daily_ctr]\n',
        'kind: source\nid: daily_ctr\ndataset: { namespace: s3, name: daily_ctr }\n',
      ].join('---\n'),
      lineage: lines(event('rollup', ['ctr_scores'], ['daily_ctr']), event('finance_export', ['daily_ctr'])),
      errors: [{ messageId: 'undeclaredDerived', node: 'ctr_score', line: 8, message: 'ctr_score → rollup → daily_ctr' }],
    },
  ],
});
