import type { ImportanceDoc } from '../../src/evidence/importance.js';
import { rule } from '../../src/rules/underutilized-feature.js';
import { runRuleTests } from '../../src/testing/rule-tester.js';

const features = ['kind: feature', 'id: ctr_7d', '---', 'kind: feature', 'id: hour', '---', 'kind: feature', 'id: device'];

function importance(model: string, results: ImportanceDoc['results'], extra: Partial<ImportanceDoc> = {}): ImportanceDoc {
  return { format: 'paydown.importance/v1', model, metric: 'auc', results, ...extra };
}

runRuleTests(rule, {
  valid: [
    {
      name: 'no importance evidence',
      manifest: [...features, '---', 'kind: model', 'id: ctr', 'inputs: [ctr_7d, hour]'].join('\n'),
    },
    {
      name: 'every input earns at least the default epsilon',
      manifest: [...features, '---', 'kind: model', 'id: ctr', 'inputs: [ctr_7d, hour]'].join('\n'),
      importance: [importance('ctr', [{ feature: 'ctr_7d', drop: { mean: 0.02 } }, { feature: 'hour', drop: { mean: 0.001 } }])],
    },
    {
      name: 'a low result for a feature the model does not use, and evidence about another model',
      manifest: [...features, '---', 'kind: model', 'id: ctr', 'inputs: [ctr_7d]', 'epsilon: 0.01'].join('\n'),
      importance: [
        importance('ctr', [{ feature: 'ctr_7d', drop: { mean: 0.02 } }, { feature: 'hour', drop: { mean: 0 } }]),
        importance('other', [{ feature: 'ctr_7d', drop: { mean: 0 } }]),
      ],
    },
    {
      name: 'evidence about another version of the model is ignored',
      manifest: [...features, '---', 'kind: model', 'id: ctr', 'version: 4', 'inputs: [hour]'].join('\n'),
      importance: [importance('ctr', [{ feature: 'hour', drop: { mean: 0 } }], { modelVersion: '3' })],
    },
    {
      name: 'a deprecated feature used without its replacement',
      manifest: [
        'kind: feature',
        'id: geo_new',
        '---',
        'kind: feature',
        'id: geo_old',
        'lifecycle: { stage: deprecated, replacement: geo_new }',
        '---',
        'kind: model',
        'id: m',
        'inputs: [geo_old]',
      ].join('\n'),
    },
  ],
  invalid: [
    {
      name: 'an input below the model epsilon',
      manifest: [...features, '---', 'kind: model', 'id: ctr', 'epsilon: 0.005', 'inputs:', '  - ctr_7d', '  - hour', '  - device@2'].join('\n'),
      importance: [
        importance('ctr', [
          { feature: 'device', drop: { mean: -0.001 } },
          { feature: 'ctr_7d', drop: { mean: 0.03 } },
          { feature: 'hour', drop: { mean: 0.004 } },
        ]),
      ],
      errors: [
        { messageId: 'lowImportance', node: 'ctr', line: 15, message: "'hour'" },
        { messageId: 'lowImportance', node: 'ctr', line: 16, message: 'by only -0.001' },
      ],
    },
    {
      name: 'the option sets the epsilon of models that declare none',
      manifest: [...features, '---', 'kind: model', 'id: ctr', 'inputs: [ctr_7d, hour]'].join('\n'),
      options: { defaultEpsilon: 0.05 },
      importance: [importance('ctr', [{ feature: 'ctr_7d', drop: { mean: 0.03 } }, { feature: 'hour', drop: { mean: 0.2 } }])],
      errors: [{ messageId: 'lowImportance', node: 'ctr', line: 12, message: 'epsilon 0.05' }],
    },
    {
      name: 'the newest evidence wins',
      manifest: [...features, '---', 'kind: model', 'id: ctr', 'inputs: [hour]'].join('\n'),
      importance: [
        importance('ctr', [{ feature: 'hour', drop: { mean: 0 } }], { createdAt: '2026-01-10T00:00:00Z' }),
        importance('ctr', [{ feature: 'hour', drop: { mean: 0.1 } }], { createdAt: '2025-06-01T00:00:00Z' }),
      ],
      errors: [{ messageId: 'lowImportance', node: 'ctr', line: 12 }],
    },
    {
      name: 'a group of inputs that together bring too little',
      manifest: [...features, '---', 'kind: model', 'id: ctr', 'inputs:', '  - ctr_7d', '  - hour', '  - device'].join('\n'),
      importance: [importance('ctr', [{ feature: 'context', members: ['hour', 'device'], drop: { mean: 0.0002 } }])],
      errors: [{ messageId: 'lowGroupImportance', node: 'ctr', line: 14, message: "'context' (hour, device)" }],
    },
    {
      name: 'a deprecated feature next to its replacement',
      manifest: [
        'kind: feature',
        'id: geo_new',
        '---',
        'kind: feature',
        'id: geo_old',
        'lifecycle: { stage: deprecated, replacement: geo_new }',
        '---',
        'kind: model',
        'id: m',
        'inputs:',
        '  - geo_new',
        '  - geo_old',
      ].join('\n'),
      errors: [{ messageId: 'legacyAndReplacement', node: 'm', line: 12, message: "'geo_new'" }],
    },
  ],
});
