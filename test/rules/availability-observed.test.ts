import type { DataEvidenceDoc } from '../../src/evidence/data-evidence.js';
import { rule } from '../../src/rules/availability-observed.js';
import { runRuleTests } from '../../src/testing/rule-tester.js';

const features = ['kind: feature', 'id: dwell', '---', 'kind: feature', 'id: hour'];

function day(date: string, share: number): DataEvidenceDoc['availability'][number]['days'][number] {
  return { day: date, rows: 100, nonNull: Math.round(share * 100), share };
}

function data(days: DataEvidenceDoc['availability'][number]['days'], column = 'dwell'): DataEvidenceDoc {
  return { format: 'paydown.data-evidence/v1', source: 'events.parquet', time: 'ts', rows: 100 * days.length, columns: [column], availability: [{ column, days }], correlations: [] };
}

const model = (window: string, inputs = '[hour, dwell]'): string =>
  [...features, '---', 'kind: model', 'id: ctr', `inputs: ${inputs}`, 'training:', `  window: ${window}`].join('\n');

const gap = [day('2024-09-13', 1), day('2024-09-14', 0.1), day('2024-09-15', 0), day('2024-09-16', 1), day('2024-09-20', 0.5)];

runRuleTests(rule, {
  valid: [
    { name: 'no data evidence', manifest: model('{ from: 2024-09-01, to: 2024-09-30 }') },
    { name: 'every day complete', manifest: model('{ from: 2024-09-01, to: 2024-09-30 }'), data: [data([day('2024-09-13', 1), day('2024-09-14', 0.99)])] },
    { name: 'gaps outside the window', manifest: model('{ from: 2024-09-21, to: 2024-09-30 }'), data: [data(gap)] },
    { name: 'no training window', manifest: [...features, '---', 'kind: model', 'id: ctr', 'inputs: [dwell]'].join('\n'), data: [data(gap)] },
    { name: 'evidence about a column the model does not use', manifest: model('{ from: 2024-09-01, to: 2024-09-30 }', '[hour]'), data: [data(gap)] },
    { name: 'a lower minShare', manifest: model('{ from: 2024-09-20, to: 2024-09-30 }'), data: [data(gap)], options: { minShare: 0.4 } },
  ],
  invalid: [
    {
      name: 'one finding per run of consecutive low days',
      manifest: model('{ from: 2024-09-01, to: 2024-09-30 }'),
      data: [data(gap)],
      errors: [
        { messageId: 'lowShare', node: 'ctr', line: 9, message: "'dwell' had a value in only 0% of rows on 2024-09-14 to 2024-09-15" },
        { messageId: 'lowShare', node: 'ctr', line: 9, message: 'only 50% of rows on 2024-09-20' },
      ],
    },
    {
      name: 'a window without an end runs to today',
      manifest: model('{ from: 2024-09-19 }'),
      data: [data(gap)],
      today: '2024-10-01',
      errors: [{ messageId: 'lowShare', node: 'ctr', message: 'trains from 2024-09-19 to 2024-10-01' }],
    },
  ],
});
