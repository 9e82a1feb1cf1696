import { rule } from '../../src/rules/serving-unavailable.js';
import { runRuleTests } from '../../src/testing/rule-tester.js';

const offline = ['kind: feature', 'id: dwell_30d', 'availability: { serving: false }'];

runRuleTests(rule, {
  valid: [
    {
      name: 'a production model reading online features',
      manifest: ['kind: feature', 'id: hour', 'availability: { serving: true }', '---', 'kind: feature', 'id: device', '---', 'kind: model', 'id: ctr', 'stage: production', 'inputs: [hour, device]'].join('\n'),
    },
    {
      name: 'an offline feature with a serving substitute',
      manifest: [
        'kind: feature',
        'id: dwell_online',
        '---',
        'kind: feature',
        'id: dwell_30d',
        'availability: { serving: false, servingSubstitute: [dwell_online] }',
        '---',
        'kind: model',
        'id: ctr',
        'stage: production',
        'inputs: [dwell_30d]',
      ].join('\n'),
    },
    {
      name: 'an offline feature in a model not yet in production',
      manifest: [...offline, '---', 'kind: model', 'id: ctr', 'stage: staging', 'inputs: [dwell_30d]'].join('\n'),
    },
    {
      name: 'an offline feature only used to build another feature',
      manifest: [...offline, '---', 'kind: feature', 'id: dwell_bucket', 'inputs: [dwell_30d]', '---', 'kind: model', 'id: ctr', 'stage: production', 'inputs: [dwell_bucket]'].join('\n'),
    },
  ],
  invalid: [
    {
      name: 'a production model reading an offline feature',
      manifest: [...offline, '---', 'kind: feature', 'id: hour', '---', 'kind: model', 'id: ctr', 'stage: production', 'inputs:', '  - hour', '  - dwell_30d@2'].join('\n'),
      errors: [{ messageId: 'unavailable', node: 'ctr', line: 13, severity: 'error', message: "'dwell_30d'" }],
    },
    {
      name: 'an empty substitute list does not help',
      manifest: [
        'kind: feature',
        'id: dwell_30d',
        'availability: { serving: false, servingSubstitute: [] }',
        '---',
        'kind: model',
        'id: ctr',
        'stage: production',
        'inputs: [dwell_30d]',
      ].join('\n'),
      errors: [{ messageId: 'unavailable', node: 'ctr', line: 8 }],
    },
  ],
});
