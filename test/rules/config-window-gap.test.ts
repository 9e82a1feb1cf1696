import { rule } from '../../src/rules/config-window-gap.js';
import { runRuleTests } from '../../src/testing/rule-tester.js';

const feature = [
  'kind: feature',
  'id: dwell',
  'availability:',
  '  training: { from: 2024-01-01, to: 2025-12-31 }',
  '  knownBad: [{ from: 2024-09-14, to: 2024-09-17, reason: logged in seconds }]',
  'constraints: { formatChanges: [{ date: 2025-06-01, note: new tokenizer }] }',
  '---',
].join('\n');

function config(window: string): string {
  return `${feature}\nkind: config\nid: c\nfeatures: [dwell]\ntraining:\n  window: ${window}\n`;
}

runRuleTests(rule, {
  valid: [
    { name: 'inside the good dates, ending the day before the change', manifest: config('{ from: 2024-09-18, to: 2025-05-31 }') },
    { name: 'starting on the day of the change', manifest: config('{ from: 2025-06-01, to: 2025-12-31 }') },
    { name: 'no window', manifest: `${feature}\nkind: config\nid: c\nfeatures: [dwell]\n` },
  ],
  invalid: [
    {
      name: 'starting too early and overlapping the bad days',
      manifest: config('{ from: 2023-12-31, to: 2024-09-14 }'),
      errors: [
        { messageId: 'startsBefore', node: 'c', line: 12, message: 'only from 2024-01-01' },
        { messageId: 'knownBad', node: 'c', line: 12, message: 'logged in seconds' },
      ],
    },
    {
      name: 'an open end runs until today, across the format change',
      today: '2026-01-15',
      manifest: config('{ from: 2025-01-01 }'),
      errors: [
        { messageId: 'endsAfter', node: 'c', line: 10, message: 'until 2026-01-15' },
        { messageId: 'formatChange', node: 'c', line: 12, message: 'new tokenizer' },
      ],
    },
    {
      name: 'a child adding the feature to an inherited window that crosses the change',
      manifest: `${feature}\nkind: config\nid: c\ntraining: { window: { from: 2025-01-01, to: 2025-07-01 } }\n---\nkind: config\nid: d\nextends: c\nfeatures+:\n  - dwell\n`,
      errors: [{ messageId: 'formatChange', node: 'd', line: 16, message: "(inherited from 'c')" }],
    },
  ],
});
