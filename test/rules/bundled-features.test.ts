import type { ImportanceDoc } from '../../src/evidence/importance.js';
import { rule } from '../../src/rules/bundled-features.js';
import { runRuleTests } from '../../src/testing/rule-tester.js';

const bundle = [
  'kind: feature',
  'id: geo_country',
  'bundle: geo',
  '---',
  'kind: feature',
  'id: geo_city',
  'bundle: geo',
  '---',
  'kind: feature',
  'id: hour',
];

function importance(model: string, results: ImportanceDoc['results']): ImportanceDoc {
  return { format: 'paydown.importance/v1', model, metric: 'auc', results };
}

runRuleTests(rule, {
  valid: [
    {
      name: 'no bundled inputs, and no evidence',
      manifest: [...bundle, '---', 'kind: model', 'id: ctr', 'inputs: [hour]'].join('\n'),
    },
    {
      name: 'every bundled input measured on its own',
      manifest: [...bundle, '---', 'kind: model', 'id: ctr', 'inputs: [geo_country, geo_city@2, hour]'].join('\n'),
      importance: [
        importance('ctr', [
          { feature: 'geo_country', drop: { mean: 0.01 } },
          { feature: 'geo_city', members: ['geo_city'], drop: { mean: 0.02 } },
        ]),
      ],
    },
  ],
  invalid: [
    {
      name: 'bundled inputs and no evidence at all',
      manifest: [...bundle, '---', 'kind: model', 'id: ctr', 'inputs:', '  - hour', '  - geo_country', '  - geo_city'].join('\n'),
      errors: [{ messageId: 'noEvidence', node: 'ctr', line: 16, message: "2 feature(s) of bundle 'geo'" }],
    },
    {
      name: 'only the bundle as a whole was measured',
      manifest: [...bundle, '---', 'kind: model', 'id: ctr', 'inputs:', '  - geo_country', '  - geo_city'].join('\n'),
      importance: [importance('ctr', [{ feature: 'geo', members: ['geo_country', 'geo_city'], drop: { mean: 0.03 } }])],
      errors: [{ messageId: 'notMeasuredAlone', node: 'ctr', line: 15, message: "'geo_country', 'geo_city'" }],
    },
    {
      name: 'one member measured, the other not; evidence for another model does not count',
      manifest: [...bundle, '---', 'kind: model', 'id: ctr', 'inputs:', '  - geo_country', '  - geo_city'].join('\n'),
      importance: [
        importance('ctr', [{ feature: 'geo_country', drop: { mean: 0.01 } }]),
        importance('other', [{ feature: 'geo_city', drop: { mean: 0.01 } }]),
      ],
      errors: [{ messageId: 'notMeasuredAlone', node: 'ctr', line: 16, message: "1 feature(s) of bundle 'geo' whose importance was never measured one by one: 'geo_city'" }],
    },
    {
      name: 'one finding per bundle',
      manifest: [
        ...bundle,
        '---',
        'kind: feature',
        'id: txt_a',
        'bundle: text',
        '---',
        'kind: model',
        'id: ctr',
        'inputs: [txt_a, geo_city, geo_country]',
      ].join('\n'),
      errors: [
        { messageId: 'noEvidence', node: 'ctr', line: 18, message: "bundle 'text'" },
        { messageId: 'noEvidence', node: 'ctr', line: 18, message: "bundle 'geo'" },
      ],
    },
  ],
});
