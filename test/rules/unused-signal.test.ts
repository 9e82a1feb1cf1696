import { rule } from '../../src/rules/unused-signal.js';
import { runRuleTests } from '../../src/testing/rule-tester.js';

runRuleTests(rule, {
  valid: [
    {
      name: 'every source and feature is read',
      manifest: [
        'kind: source',
        'id: clicks',
        '---',
        'kind: source',
        'id: labels',
        '---',
        'kind: feature',
        'id: ctr_7d',
        'inputs: [clicks]',
        '---',
        'kind: model',
        'id: ctr',
        'inputs: [ctr_7d]',
        'training: { data: [labels] }',
      ].join('\n'),
    },
    {
      name: 'a feature kept only as a serving substitute',
      manifest: [
        'kind: feature',
        'id: dwell_online',
        '---',
        'kind: feature',
        'id: dwell',
        'availability: { serving: false, servingSubstitute: [dwell_online] }',
        '---',
        'kind: model',
        'id: ranker',
        'inputs: [dwell]',
      ].join('\n'),
    },
    {
      name: 'a source a pipeline writes is left to orphan-pipeline-output',
      manifest: ['kind: pipeline', 'id: etl', 'writes: [daily]', '---', 'kind: source', 'id: daily'].join('\n'),
    },
    {
      name: 'read by a consumer or a pipeline',
      manifest: ['kind: source', 'id: a', '---', 'kind: source', 'id: b', '---', 'kind: consumer', 'id: dash', 'reads: [a]', '---', 'kind: pipeline', 'id: etl', 'reads: [b]'].join('\n'),
    },
    {
      name: 'read by a job seen only in lineage',
      manifest: ['kind: source', 'id: clicks', 'dataset: { namespace: s3, name: clicks }'].join('\n'),
      lineage: '{"eventType":"COMPLETE","job":{"namespace":"airflow","name":"report"},"inputs":[{"namespace":"s3","name":"clicks"}]}\n',
    },
  ],
  invalid: [
    {
      name: 'a source and a feature nothing reads',
      manifest: [
        'kind: source',
        'id: clicks',
        '---',
        'kind: source',
        'id: old_log',
        '---',
        'kind: feature',
        'id: ctr_7d',
        'inputs: [clicks]',
      ].join('\n'),
      errors: [
        { messageId: 'unused', node: 'old_log', line: 4, message: "source 'old_log'" },
        { messageId: 'unused', node: 'ctr_7d', line: 7, message: "feature 'ctr_7d'" },
      ],
    },
    {
      name: 'being written to, logged into or replaced is not being read',
      manifest: [
        'kind: model',
        'id: ranker',
        '---',
        'kind: source',
        'id: impressions',
        'logs: [ranker]',
        '---',
        'kind: source',
        'id: scored',
        'producer: { model: ranker }',
        '---',
        'kind: feature',
        'id: ctr_old',
        'lifecycle: { stage: deprecated, replacement: ctr_new }',
        '---',
        'kind: feature',
        'id: ctr_new',
      ].join('\n'),
      errors: [
        { messageId: 'unused', node: 'impressions', line: 4 },
        { messageId: 'unused', node: 'scored', line: 8 },
        { messageId: 'unused', node: 'ctr_old', line: 12 },
        { messageId: 'unused', node: 'ctr_new', line: 16 },
      ],
    },
  ],
});
