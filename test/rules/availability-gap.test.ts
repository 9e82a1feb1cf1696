import { rule } from '../../src/rules/availability-gap.js';
import { runRuleTests } from '../../src/testing/rule-tester.js';

const feature = [
  'kind: feature',
  'id: dwell',
  'availability:',
  '  training: { from: 2024-01-01, to: 2025-12-31 }',
  '  knownBad:',
  '    - { from: 2024-09-14, to: 2024-09-17, reason: logged in seconds instead of ms }',
];

function model(window: string, inputs = '[dwell]'): string[] {
  return ['---', 'kind: model', 'id: ctr', `training: { window: ${window} }`, `inputs: ${inputs}`];
}

runRuleTests(rule, {
  valid: [
    { name: 'a window inside the availability, clear of bad days', manifest: [...feature, ...model('{ from: 2024-10-01, to: 2025-06-30 }')].join('\n') },
    { name: 'a window ending the day before the bad period', manifest: [...feature, ...model('{ from: 2024-01-01, to: 2024-09-13 }')].join('\n') },
    { name: 'a window starting the day after the bad period', manifest: [...feature, ...model('{ from: 2024-09-18, to: 2025-12-31 }')].join('\n') },
    { name: 'no training window', manifest: [...feature, '---', 'kind: model', 'id: ctr', 'inputs: [dwell]'].join('\n') },
    {
      name: 'an open-ended window on a feature still being produced',
      manifest: ['kind: feature', 'id: hour', 'availability: { training: { from: 2023-01-01 } }', ...model('{ from: 2024-01-01 }', '[hour]')].join('\n'),
    },
  ],
  invalid: [
    {
      name: 'a window that starts too early',
      manifest: [...feature, ...model('{ from: 2023-06-01, to: 2024-06-30 }')].join('\n'),
      errors: [{ messageId: 'startsBefore', node: 'ctr', line: 11, severity: 'error', message: 'only from 2024-01-01' }],
    },
    {
      name: 'a window without an end runs until today',
      today: '2026-02-01',
      manifest: [...feature, ...model('{ from: 2024-10-01 }')].join('\n'),
      errors: [{ messageId: 'endsAfter', node: 'ctr', line: 11, message: 'until 2026-02-01' }],
    },
    {
      name: 'a window overlapping a known-bad period',
      manifest: [...feature, ...model('{ from: 2024-09-17, to: 2025-03-01 }')].join('\n'),
      errors: [{ messageId: 'knownBad', node: 'ctr', line: 11, message: '2024-09-14 to 2024-09-17: logged in seconds' }],
    },
    {
      name: 'a window without a start, on several inputs',
      manifest: [
        ...feature,
        '---',
        'kind: feature',
        'id: hour',
        '---',
        'kind: model',
        'id: ctr',
        'training: { window: { to: 2024-12-31 } }',
        'inputs:',
        '  - hour',
        '  - dwell',
      ].join('\n'),
      errors: [
        { messageId: 'startsBefore', node: 'ctr', line: 16, message: 'no `from`' },
        { messageId: 'knownBad', node: 'ctr', line: 16 },
      ],
    },
  ],
});
