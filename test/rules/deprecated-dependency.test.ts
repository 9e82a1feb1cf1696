import { rule } from '../../src/rules/deprecated-dependency.js';
import { runRuleTests } from '../../src/testing/rule-tester.js';

const oldAndNew = [
  'kind: source',
  'id: clicks',
  '---',
  'kind: feature',
  'id: ctr_old',
  'inputs: [clicks]',
  'lifecycle: { stage: deprecated, replacement: ctr_new, removal: 2026-06-30 }',
  '---',
  'kind: feature',
  'id: ctr_new',
  'inputs: [clicks]',
];

runRuleTests(rule, {
  valid: [
    {
      name: 'only active features',
      manifest: ['kind: source', 'id: clicks', '---', 'kind: feature', 'id: ctr', 'inputs: [clicks]', 'lifecycle: { stage: active }', '---', 'kind: model', 'id: m', 'inputs: [ctr]'].join('\n'),
    },
    {
      name: 'the replacement link is not a data dependency, and nothing reads the deprecated feature',
      manifest: [...oldAndNew, '---', 'kind: model', 'id: m', 'inputs: [ctr_new]'].join('\n'),
    },
    {
      name: 'a deprecated feature built on another deprecated feature is not reported',
      manifest: [
        ...oldAndNew,
        '---',
        'kind: feature',
        'id: ctr_smoothed',
        'inputs: [ctr_old]',
        'lifecycle: { stage: deprecated }',
      ].join('\n'),
    },
    {
      name: 'what the deprecated feature reads from is not a dependent',
      manifest: [...oldAndNew, '---', 'kind: model', 'id: m', 'inputs: [ctr_new]', 'training: { data: [clicks] }'].join('\n'),
    },
  ],
  invalid: [
    {
      name: 'a model reading a deprecated feature directly',
      manifest: [...oldAndNew, '---', 'kind: model', 'id: m', 'inputs:', '  - ctr_new', '  - ctr_old'].join('\n'),
      errors: [{ messageId: 'deprecated', node: 'm', line: 17, severity: 'warn', message: "its replacement is 'ctr_new'" }],
    },
    {
      name: 'a dependency through an intermediate feature and a model output',
      manifest: [
        ...oldAndNew,
        '---',
        'kind: feature',
        'id: ctr_bucket',
        'inputs: [ctr_old]',
        '---',
        'kind: model',
        'id: base',
        'inputs: [ctr_bucket]',
        '---',
        'kind: output',
        'id: base_score',
        'model: base',
        '---',
        'kind: model',
        'id: stacked',
        'inputs: [base_score]',
      ].join('\n'),
      errors: [
        { messageId: 'deprecated', node: 'ctr_bucket', line: 15, message: 'due for removal on 2026-06-30' },
        { messageId: 'deprecated', node: 'base', line: 19 },
        { messageId: 'deprecated', node: 'stacked', line: 27, message: "(through 'base_score')" },
      ],
    },
    {
      name: 'an error once the removal date has passed',
      manifest: [
        'kind: feature',
        'id: geo_v1',
        'lifecycle: { stage: deprecated, removal: 2025-12-31 }',
        '---',
        'kind: model',
        'id: m',
        'inputs: [geo_v1]',
      ].join('\n'),
      errors: [{ messageId: 'pastRemoval', node: 'm', line: 7, severity: 'error', message: 'it names no replacement' }],
    },
    {
      name: 'the removal date is today: not yet past',
      today: '2025-12-31',
      manifest: ['kind: feature', 'id: geo_v1', 'lifecycle: { stage: deprecated, removal: 2025-12-31 }', '---', 'kind: model', 'id: m', 'inputs: [geo_v1]'].join('\n'),
      errors: [{ messageId: 'deprecated', node: 'm', severity: 'warn' }],
    },
    {
      name: 'of several deprecated dependencies, the one past its removal is reported',
      manifest: [
        ...oldAndNew,
        '---',
        'kind: feature',
        'id: geo_v1',
        'lifecycle: { stage: deprecated, removal: 2025-11-01 }',
        '---',
        'kind: model',
        'id: m',
        'inputs: [ctr_old, geo_v1]',
      ].join('\n'),
      errors: [{ messageId: 'pastRemoval', node: 'm', line: 19, severity: 'error', message: "'geo_v1'" }],
    },
    {
      name: 'a dependency inside a cycle',
      manifest: [
        ...oldAndNew,
        '---',
        'kind: feature',
        'id: a',
        'inputs: [b]',
        '---',
        'kind: feature',
        'id: b',
        'inputs: [a, ctr_old]',
      ].join('\n'),
      errors: [
        { messageId: 'deprecated', node: 'a', line: 15, message: "(through 'b')" },
        { messageId: 'deprecated', node: 'b', line: 19 },
      ],
    },
  ],
});
